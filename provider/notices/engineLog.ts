/**
 * Notices as engine diagnostics: the `Log` call of Pulumi's engine service, which a provider reaches
 * at the address the engine starts it with. Both the dynamic-provider host and the `realtimekit`
 * plugin are started with that address as their last argument. The gRPC stubs and `@grpc/grpc-js`
 * are those of the program's own `@pulumi/pulumi` (a peer dependency), loaded when the first notice
 * is sent. Without an engine (a provider driven by tests or by hand) notices go to stderr.
 * @internal
 */
import { createRequire } from "node:module";
import type { Notice, NoticeSink } from "./index";

/** The engine's address among a provider process's arguments: the last `host:port`. */
export function engineAddressFromArgs(args: readonly string[]): string | undefined {
  return [...args].reverse().find((arg) => !arg.startsWith("-") && /^(?:[\w.-]+|\[[0-9a-fA-F:]+\]):\d+$/.test(arg));
}

interface EngineStubs {
  client: { log(request: unknown, callback: (error: unknown) => void): void };
  newRequest(notice: Notice): unknown;
}

function connect(address: string): EngineStubs {
  const fromPulumi = createRequire(require.resolve("@pulumi/pulumi"));
  const grpc = fromPulumi("@grpc/grpc-js");
  const services = fromPulumi("./proto/engine_grpc_pb");
  const messages = fromPulumi("./proto/engine_pb");
  const client = new services.EngineClient(address, grpc.credentials.createInsecure());
  return {
    client,
    newRequest(notice) {
      const request = new messages.LogRequest();
      request.setSeverity(notice.severity === "warning" ? messages.LogSeverity.WARNING : messages.LogSeverity.INFO);
      request.setMessage(notice.message);
      request.setUrn(notice.urn);
      return request;
    },
  };
}

const stderrSink: NoticeSink = {
  deliver(notice) {
    process.stderr.write(`${notice.severity}: ${notice.message}\n`);
  },
};

let engineSink: NoticeSink | undefined;

/** The sink of this process: the engine's diagnostics when it was started by the engine, else stderr. */
export function engineNoticeSink(): NoticeSink {
  if (engineSink !== undefined) {
    return engineSink;
  }
  const address = engineAddressFromArgs(process.argv.slice(2));
  if (address === undefined) {
    engineSink = stderrSink;
    return engineSink;
  }
  let stubs: EngineStubs | undefined;
  engineSink = {
    deliver(notice) {
      stubs ??= connect(address);
      const engine = stubs;
      return new Promise<void>((resolve) => {
        engine.client.log(engine.newRequest(notice), (error) => {
          if (error) stderrSink.deliver(notice);
          resolve();
        });
      });
    },
  };
  return engineSink;
}
