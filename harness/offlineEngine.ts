/**
 * Runs the real Pulumi engine offline through the Automation API (inline programs), for the
 * engine test suite and `npm run demo`.
 *
 * Offline settings: a `file://` backend and a private `PULUMI_HOME`
 * in a temp folder, a fixed passphrase, no update check, no automatic plugin downloads. The
 * dynamic-provider plugin script is found on PATH (`node_modules/@pulumi/pulumi`) and next to the
 * CLI; the plugin runs in the project `main` folder, which must resolve `node_modules`.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand, type ConfigMap, type PulumiFn, type Stack } from "@pulumi/pulumi/automation";
import { SECRET_SIG } from "../cli/pendingCreates";
import { cliStateStore, type PulumiCliOptions } from "../cli/pulumiCli";

/** The repository root (the folder holding package.json). */
export const repoRoot = path.resolve(__dirname, "..");

/** The passphrase of every throwaway stack; it protects nothing real. */
export const TEST_PASSPHRASE = "pulumi-realtimekit-local";

let cachedCommand: Promise<PulumiCommand> | undefined;

/**
 * Finds the Pulumi CLI: `$PULUMI_ROOT` (set by scripts/run.sh), else
 * `scripts/ensure-pulumi.sh --no-build` (PATH, then the build cache). Never builds: throws with the
 * command to run instead, so a missing CLI fails the tests rather than skipping them.
 */
export function pulumiRoot(): string {
  const fromEnv = process.env.PULUMI_ROOT;
  if (fromEnv) {
    if (!fs.existsSync(path.join(fromEnv, "bin", "pulumi"))) {
      throw new Error(`PULUMI_ROOT=${fromEnv} has no bin/pulumi: run \`bash scripts/ensure-pulumi.sh\``);
    }
    return fromEnv;
  }
  try {
    return execFileSync("bash", [path.join(repoRoot, "scripts", "ensure-pulumi.sh"), "--no-build"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }).trim();
  } catch {
    throw new Error(
      "The Pulumi CLI is missing, so the engine tests cannot run. " +
        "Run `bash scripts/ensure-pulumi.sh` (builds it from Go modules, a few minutes) or `npm test`.",
    );
  }
}

/**
 * Checks what the provider process will `require` at run time: the package as installed in
 * node_modules/pulumi-realtimekit (a copy of the build made by `npm run build`, see
 * scripts/install-self.js), and that the copy matches the current build.
 */
export function assertBuilt(): void {
  const built = path.join(repoRoot, "dist", "provider", "host.js");
  const installed = path.join(repoRoot, "node_modules", "pulumi-realtimekit", "dist", "provider", "host.js");
  const hint = "run `npm run build` (the provider process loads pulumi-realtimekit/dist/provider/host.js)";
  if (!fs.existsSync(built) || !fs.existsSync(installed)) {
    throw new Error(`The package is not built and installed into node_modules/pulumi-realtimekit: ${hint}`);
  }
  if (!fs.readFileSync(built).equals(fs.readFileSync(installed))) {
    throw new Error(`node_modules/pulumi-realtimekit is older than dist/: ${hint}`);
  }
}

/** The CLI as an Automation API command, located once per process. */
export function pulumiCommand(): Promise<PulumiCommand> {
  cachedCommand ??= PulumiCommand.get({ root: pulumiRoot() });
  return cachedCommand;
}

/** A throwaway backend + PULUMI_HOME and the environment that makes the engine work offline. */
export interface OfflineEnvironment {
  /** Temp folder holding `state/` (the file backend) and `home/` (PULUMI_HOME). */
  readonly dir: string;
  readonly pulumiHome: string;
  readonly envVars: Record<string, string>;
  /** Deletes the temp folder. */
  dispose(): void;
}

/** Creates a fresh offline environment under the OS temp folder. */
export function offlineEnvironment(prefix = "rtk-engine-"): OfflineEnvironment {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const state = path.join(dir, "state");
  const pulumiHome = path.join(dir, "home");
  fs.mkdirSync(state);
  fs.mkdirSync(pulumiHome);
  const nodeModules = path.join(repoRoot, "node_modules");
  const envVars: Record<string, string> = {
    PULUMI_BACKEND_URL: `file://${state}`,
    PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
    PULUMI_HOME: pulumiHome,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // The dynamic-provider plugin script; the Automation API prepends <root>/bin in front of this.
    PATH: [path.join(nodeModules, "@pulumi", "pulumi"), process.env.PATH ?? ""].join(path.delimiter),
    // Lets the provider process resolve packages even when its cwd (the project main) has no
    // node_modules of its own (the upgrade test runs it from a temp folder).
    NODE_PATH: [nodeModules, process.env.NODE_PATH].filter(Boolean).join(path.delimiter),
  };
  return {
    dir,
    pulumiHome,
    envVars,
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Credentials and endpoint of the RealtimeKit API (here: the emulator) as stack config. */
export interface RealtimeKitTarget {
  readonly url: string;
  readonly accountId: string;
  readonly appId: string;
  readonly token: string;
}

/** Stack config for the provider; the token is a secret, as a user would set it. */
export function providerConfig(target: RealtimeKitTarget): ConfigMap {
  return {
    "realtimekit:accountId": { value: target.accountId },
    "realtimekit:appId": { value: target.appId },
    "realtimekit:apiToken": { value: target.token, secret: true },
    "realtimekit:apiBaseUrl": { value: target.url },
  };
}

/** Options of {@link createInlineStack}. */
export interface InlineStackOptions {
  readonly stackName: string;
  readonly projectName: string;
  readonly program: PulumiFn;
  readonly env: OfflineEnvironment;
  /**
   * Folder holding `Pulumi.yaml` (the demo uses the repo root). Without it the project is defined
   * in code and its files go to a folder inside `env.dir`.
   */
  readonly workDir?: string;
  /**
   * The project `main`, where the engine starts the provider process (must resolve
   * `pulumi-realtimekit`). Default: the repo root. Ignored when `workDir` is given.
   */
  readonly main?: string;
  readonly config?: ConfigMap;
}

/** Creates (or selects) a stack that runs `program` in this process. */
export async function createInlineStack(options: InlineStackOptions): Promise<Stack> {
  const pulumiCommandValue = await pulumiCommand();
  const common = {
    pulumiCommand: pulumiCommandValue,
    pulumiHome: options.env.pulumiHome,
    envVars: options.env.envVars,
  };
  const stack = options.workDir
    ? await LocalWorkspace.createOrSelectStack(
        { stackName: options.stackName, projectName: options.projectName, program: options.program },
        { ...common, workDir: options.workDir },
      )
    : await LocalWorkspace.createOrSelectStack(
        { stackName: options.stackName, projectName: options.projectName, program: options.program },
        {
          ...common,
          // Pulumi.yaml and the stack config go into the environment's temp folder (removed by
          // dispose) rather than a fresh temp folder of the Automation API's own.
          workDir: fs.mkdtempSync(path.join(options.env.dir, "workspace-")),
          projectSettings: { name: options.projectName, runtime: "nodejs", main: options.main ?? repoRoot },
        },
      );
  if (options.config) {
    await stack.setAllConfig(options.config);
  }
  return stack;
}

/** One resource of an exported deployment (the fields the tests read). */
export interface StateResource {
  readonly urn: string;
  readonly type: string;
  readonly id?: string;
  readonly inputs?: Record<string, unknown>;
  readonly outputs?: Record<string, unknown>;
}

/** The resources of the stack's current state (`pulumi stack export`). */
export async function stateResources(stack: Stack): Promise<StateResource[]> {
  const exported = await stack.exportStack();
  return (exported.deployment as { resources?: StateResource[] }).resources ?? [];
}

/** The stack's RealtimeKit (dynamic) resources in the current state, by logical name. */
export async function dynamicResourcesByName(stack: Stack): Promise<Map<string, StateResource>> {
  const byName = new Map<string, StateResource>();
  for (const resource of await stateResources(stack)) {
    if (resource.type.startsWith("pulumi-nodejs:dynamic")) {
      byName.set(urnName(resource.urn), resource);
    }
  }
  return byName;
}

/** The logical name at the end of a URN (`...::name`). */
export function urnName(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/**
 * `pulumi stack export` as a user runs it, i.e. without `--show-secrets`: secrets stay encrypted.
 * (The Automation API's `stack.exportStack()` always passes `--show-secrets`.)
 */
export async function exportStackAsStored(stack: Stack, env: OfflineEnvironment): Promise<unknown> {
  return cliStateStore(cliOptions(stack, env)).exportState();
}

/** How the `pulumi-realtimekit` commands' CLI wrapper reaches a stack of the offline environment. */
export function cliOptions(stack: Stack, env: OfflineEnvironment): PulumiCliOptions {
  const workspace = stack.workspace as LocalWorkspace;
  return {
    command: workspace.pulumiCommand.command,
    cwd: workspace.workDir,
    stack: stack.name,
    env: { ...process.env, ...env.envVars, PULUMI_HOME: env.pulumiHome },
  };
}

/** Pulumi's marker key of a secret value in state and exports. */
export { SECRET_SIG };

/**
 * Where `needle` occurs in `value` outside a secret envelope (`{ [SECRET_SIG]: …, plaintext }`),
 * as JSON paths. Empty means it is absent or always marked secret.
 */
export function plainTextOccurrences(value: unknown, needle: string, path = "$"): string[] {
  if (typeof value === "string") {
    return value.includes(needle) ? [path] : [];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => plainTextOccurrences(item, needle, `${path}[${index}]`));
  }
  if (value !== null && typeof value === "object") {
    if (SECRET_SIG in value) {
      return [];
    }
    return Object.entries(value).flatMap(([key, item]) => plainTextOccurrences(item, needle, `${path}.${key}`));
  }
  return [];
}
