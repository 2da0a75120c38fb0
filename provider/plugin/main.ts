/**
 * The entry point of the `realtimekit` provider plugin: what the Node.js language host runs when a
 * Pulumi program lists this package under `packages:` (it requires the package folder, i.e.
 * package.json `main`), or `pulumi package add` / `gen-sdk` asks for its schema.
 *
 * `provider.main` of `@pulumi/pulumi` serves a `Provider`, but answers `Configure` itself without
 * passing the provider's configuration on. So before serving, the one gRPC handler is wrapped to
 * read the configuration (`realtimekit:apiToken`, ...) from the request and hand it to the same
 * runtime the dynamic resources configure from stack config.
 * @internal
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ConfigSource } from "../config";
import { configureRuntime } from "../runtime";
import { RealtimeKitProvider } from "./provider";
import { PACKAGE_NAME } from "./schema";

/** The package root: dist/provider/plugin/ (built) or provider/plugin/ (ts-node) lies below it. */
function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`no package.json above ${__dirname}`);
    }
    dir = parent;
  }
  return dir;
}

/** Where the generated package schema is (shipped in the npm package). */
export const SCHEMA_PATH = "schema/pulumi.schema.json";

/**
 * The configuration of a Configure request as full keys (`realtimekit:apiToken`). The engine names
 * provider configuration `<package>:config:<name>` in `variables`; plain `<package>:<name>` is
 * accepted too.
 */
export function configFromVariables(variables: Iterable<[string, string]>): ConfigSource {
  const values = new Map<string, string>();
  for (const [key, value] of variables) {
    values.set(key.replace(`${PACKAGE_NAME}:config:`, `${PACKAGE_NAME}:`), value);
  }
  return { get: (key) => values.get(key) };
}

/** A gRPC method handler of the provider service. */
type GrpcHandler = (this: unknown, call: ConfigureCall, callback: unknown) => unknown;

interface ConfigureCall {
  request: { getVariablesMap(): { entries(): { next(): { done?: boolean; value?: [string, string] } } } };
}

/** The entries of a protobuf map (its iterator is not an ES iterable in every version). */
function* mapEntries(map: ReturnType<ConfigureCall["request"]["getVariablesMap"]>): Generator<[string, string]> {
  const iterator = map.entries();
  for (let item = iterator.next(); !item.done; item = iterator.next()) {
    yield item.value as [string, string];
  }
}

/**
 * Wraps the `configure` handler of the provider service that `provider.main` registers, so the
 * runtime is configured from each Configure request before the SDK answers it.
 */
function readConfigurationOnConfigure(): void {
  const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  // The SDK's own copies, whose server `provider.main` builds: an import could resolve other ones.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const grpc = require(require.resolve("@grpc/grpc-js", { paths: [sdkDir] }));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ResourceProviderService } = require("@pulumi/pulumi/proto/provider_grpc_pb");
  const addService = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (this: unknown, service: unknown, implementation: Record<string, GrpcHandler>) {
    if (service === ResourceProviderService && typeof implementation.configure === "function") {
      const configure = implementation.configure;
      implementation.configure = function (this: unknown, call: ConfigureCall, callback: unknown) {
        configureRuntime(configFromVariables(mapEntries(call.request.getVariablesMap())));
        return configure.call(this, call, callback);
      };
    }
    return addService.call(this, service, implementation);
  };
}

/** Serves the provider (the language host passes the engine's address in `args`). */
export async function serve(args: string[]): Promise<void> {
  const root = packageRoot();
  const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
  const schemaFile = path.join(root, SCHEMA_PATH);
  const provider = new RealtimeKitProvider(version, async () => {
    const schema = JSON.parse(await fs.promises.readFile(schemaFile, "utf8")) as Record<string, unknown>;
    return JSON.stringify({ ...schema, version });
  });
  readConfigurationOnConfigure();
  await pulumi.provider.main(provider, args);
}
