/**
 * Fixture of the user-path tests: a project folder outside the repository, the package installed
 * into it from the `npm pack` tarball next to the `@pulumi/pulumi` the project chose, an emulator,
 * and the `pulumi` CLI run in the folder (see harness/pulumiProject.ts).
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { EmulatorControl } from "../../harness/emulatorControl";
import { assertBuilt, offlineEnvironment, pulumiRoot, repoRoot, type OfflineEnvironment } from "../../harness/offlineEngine";
import { installedSdks, packedTarball } from "../../harness/packedPackage";
import { PulumiProject } from "../../harness/pulumiProject";
import { commands, fillPlaceholders, snippet } from "./readme";

/** Mocha timeout of a user-path test: an npm install plus several CLI runs. */
export const PROJECT_TIMEOUT_MS = 600_000;

/** Prints every command and its output while the tests run when RTK_ENGINE_VERBOSE is set. */
const echo = process.env.RTK_ENGINE_VERBOSE ? (text: string) => process.stdout.write(text) : undefined;

/** One project folder with its emulator and CLI. */
export interface UserProject {
  /** The temp folder holding the project (and, beside it, the backend). */
  readonly dir: string;
  readonly env: OfflineEnvironment;
  readonly emulator: RunningEmulator;
  readonly control: EmulatorControl;
  readonly pulumi: PulumiProject;
  /** Stops the emulator and deletes the temp folders. */
  dispose(): Promise<void>;
}

/** Options of {@link startUserProject}. */
export interface UserProjectOptions {
  /** Temp folder prefix, e.g. `rtk-quickstart-`. */
  readonly prefix: string;
  /** The project folder; default `<temp>/project`, empty. */
  readonly dir?: (root: string) => string;
  /** Run `pulumi` somewhere else than a fresh folder (the repository's own project). */
  readonly existingDir?: string;
}

/** Makes the folders, starts an emulator and prepares a CLI runner for the project folder. */
export async function startUserProject(options: UserProjectOptions): Promise<UserProject> {
  assertBuilt();
  const env = offlineEnvironment(options.prefix);
  const dir = options.existingDir ?? (options.dir ?? ((root) => path.join(root, "project")))(env.dir);
  fs.mkdirSync(dir, { recursive: true });
  // A Cloudflare token may start with "-", which `pulumi config set` would read as a flag without the
  // `--` the README puts before it: every user-path run uses such a token, so none passes by luck.
  const emulator = await startEmulator({ rateLimit: false, token: `-${randomBytes(24).toString("base64url")}` });
  const stateDir = path.join(env.dir, "provider-state");
  const pulumi = new PulumiProject({
    dir,
    env,
    echo,
    showOutput: Boolean(echo),
    extraEnv: { REALTIMEKIT_STATE_DIR: stateDir },
    secrets: [emulator.token],
  });
  return {
    dir,
    env,
    emulator,
    control: new EmulatorControl(emulator),
    pulumi,
    async dispose() {
      await emulator.close();
      env.dispose();
    },
  };
}

/** Copies a folder (without node_modules) into `target`. */
export function copyProject(source: string, target: string): void {
  fs.cpSync(source, target, {
    recursive: true,
    filter: (file) => !file.split(path.sep).includes("node_modules") && !/Pulumi\.[^/]+\.yaml$/.test(file),
  });
}

/** Exactly one `@pulumi/pulumi` is installed, the project's own, at `version` when given. */
export function assertOneSdk(dir: string, version?: string): string {
  const copies = installedSdks(dir);
  assert.equal(copies.length, 1, `expected one @pulumi/pulumi, found ${JSON.stringify(copies)}`);
  assert.equal(copies[0].path, path.join("node_modules", "@pulumi", "pulumi"));
  if (version) {
    assert.equal(copies[0].version, version);
  }
  return copies[0].version;
}

/**
 * `pulumi stack init` and the provider's stack config pointed at the emulator, as the README has a
 * user set it: the token a secret, after `--` (a token may start with "-"). Without `appId` the
 * program must place its resources itself (e.g. a file that declares the app).
 */
export async function initStack(fixture: UserProject, options: { appId?: boolean } = {}): Promise<void> {
  const { pulumi, emulator } = fixture;
  await pulumi.pulumi(["stack", "init", "dev"]);
  await pulumi.pulumi(["config", "set", "realtimekit:apiBaseUrl", emulator.url]);
  await pulumi.pulumi(["config", "set", "realtimekit:accountId", emulator.accountId]);
  if (options.appId !== false) {
    await pulumi.pulumi(["config", "set", "realtimekit:appId", emulator.appId]);
  }
  await pulumi.pulumi(["config", "set", "--secret", "realtimekit:apiToken", "--", emulator.token]);
}

/**
 * The last update created exactly what the program declares: `declared` RealtimeKit resources in
 * the state, and `declared + components + 1` creates (the components and the Stack on top).
 */
export async function assertCreatedAsDeclared(pulumi: PulumiProject, declared: number, components = 0): Promise<void> {
  assert.deepEqual((await pulumi.lastUpdate()).resourceChanges, { create: declared + components + 1 });
  const resources = (await pulumi.stateResources()).filter((resource) => resource.type.startsWith("pulumi-nodejs:dynamic/realtimekit:"));
  assert.equal(resources.length, declared);
}

/** The emulator's objects in all apps, counted by kind (ACTIVE meetings apart). */
export function emulatorCounts(emulator: RunningEmulator): { meetings: number; active: number; webhooks: number; presets: number } {
  const state = emulator.state();
  return {
    meetings: state.meetings.length,
    active: state.meetings.filter((meeting) => meeting.status === "ACTIVE").length,
    webhooks: state.webhooks.length,
    presets: state.presets.length,
  };
}

/**
 * A TypeScript project's files as `pulumi new typescript` and `npm init` leave them, program aside:
 * `Pulumi.yaml` (nodejs runtime, `index.ts`), `package.json` (TypeScript and Node types, plus
 * `dependencies`) and a `tsconfig.json` that type-checks `index.ts`.
 */
export function typescriptProjectFiles(name: string, dependencies: Record<string, string> = {}): Record<string, string> {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  return {
    "Pulumi.yaml": `name: ${name}\nruntime: nodejs\nmain: index.ts\n`,
    "package.json": json({
      name,
      version: "1.0.0",
      private: true,
      main: "index.ts",
      dependencies,
      devDependencies: { typescript: "~5.9.3", "@types/node": "^20" },
    }),
    "tsconfig.json": json({
      compilerOptions: {
        strict: true,
        target: "es2020",
        module: "commonjs",
        moduleResolution: "node",
        lib: ["es2022"],
        esModuleInterop: true,
        skipLibCheck: true,
        types: ["node"],
      },
      files: ["index.ts"],
    }),
  };
}

/**
 * The language host of a program or SDK language (`go`, `python`, `dotnet`) is next to the CLI the
 * tests run; throws with the command that builds it otherwise (the engine tests fail, never skip).
 */
export function assertLanguageHost(language: "go" | "python" | "dotnet"): void {
  const host = path.join(pulumiRoot(), "bin", `pulumi-language-${language}`);
  assert.ok(
    fs.existsSync(host),
    `${host} is missing: run \`bash scripts/ensure-pulumi.sh --languages go,python,dotnet\` (or \`npm test\`, which does)`,
  );
}

/** The package's dev dependencies, by name (what must never be installed for the plugin). */
const devDependencies = Object.keys(
  (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { devDependencies: Record<string, string> }).devDependencies,
);

/**
 * After Pulumi installed the plugin's dependencies in its folder (`pulumi package add`, `pulumi
 * install`, or a YAML program's first run), the folder holds what the plugin runs and nothing
 * else: none of the package's dev dependencies, and the project's `@pulumi/pulumi` is the only one.
 * Returns the names installed there.
 */
export function assertPluginFolderRuntimeOnly(dir: string): string[] {
  const nested = path.join(dir, "node_modules", "pulumi-realtimekit", "node_modules");
  const installed = fs.existsSync(nested) ? fs.readdirSync(nested).filter((name) => !name.startsWith(".")) : [];
  const scoped = installed
    .filter((name) => name.startsWith("@"))
    .flatMap((scope) => fs.readdirSync(path.join(nested, scope)).map((name) => `${scope}/${name}`));
  const names = [...installed.filter((name) => !name.startsWith("@")), ...scoped];
  assert.deepEqual(
    devDependencies.filter((name) => names.includes(name)),
    [],
    "dev dependencies installed in node_modules/pulumi-realtimekit",
  );
  assertOneSdk(dir);
  return names;
}

/**
 * The README's `plugin-install` lines in the project folder, with `pulumi-realtimekit` pointed at
 * the `npm pack` tarball (what the registry would serve).
 */
export async function installPluginAsTheReadmeSays(fixture: UserProject): Promise<void> {
  const tarball = await packedTarball();
  const install = snippet("plugin-install").code.replace(/^(npm install .*)\bpulumi-realtimekit\b/m, `$1${tarball}`);
  assert.notEqual(install, snippet("plugin-install").code, "the snippet installs pulumi-realtimekit");
  for (const line of commands({ ...snippet("plugin-install"), code: install })) {
    await fixture.pulumi.shell(line);
  }
}

/**
 * The README's `cloudflare` lines (stack, provider configuration, `pulumi up`), which every language
 * shares, with the emulator's account, app and token, plus the one line the README leaves out: the
 * emulator's URL.
 */
export async function configureAndDeployAsTheReadmeSays(fixture: UserProject): Promise<void> {
  const values = { "account id": fixture.emulator.accountId, "app id": fixture.emulator.appId, "API token": fixture.emulator.token };
  for (const line of commands(snippet("cloudflare"))) {
    await fixture.pulumi.shell(fillPlaceholders(line, values), { secrets: [fixture.emulator.token] });
    if (line.startsWith("pulumi stack init")) {
      await fixture.pulumi.pulumi(["config", "set", "realtimekit:apiBaseUrl", fixture.emulator.url]);
    }
  }
}

/** The plugin's resource types. */
const PLUGIN_TYPE = /^realtimekit:index:(Meeting|Webhook|Preset|App)$/;

/** Where each RealtimeKit plugin resource of the state is, by name (the last URN segment). */
export async function pluginResources(fixture: UserProject): Promise<Map<string, { type: string; id: string }>> {
  const resources = await fixture.pulumi.stateResources();
  return new Map(
    resources
      .filter((resource) => PLUGIN_TYPE.test(resource.type))
      .map((resource) => [resource.urn.split("::").pop() as string, { type: resource.type, id: resource.id as string }]),
  );
}

/**
 * What an `up` of the plugin examples (YAML, Go) leaves: the two meetings (`standup` ACTIVE,
 * `archive` INACTIVE), the `meeting.ended` webhook and the `host` preset with kickParticipant, in
 * state and in the emulator. Returns the stack's outputs.
 */
export async function assertExampleCreated(fixture: UserProject): Promise<Record<string, unknown>> {
  const resources = await pluginResources(fixture);
  assert.deepEqual([...resources.entries()].map(([name, { type }]) => `${type} ${name}`).sort(), [
    "realtimekit:index:Meeting archive",
    "realtimekit:index:Meeting standup",
    "realtimekit:index:Preset host",
    "realtimekit:index:Webhook meetingEnded",
  ]);
  const outputs = await fixture.pulumi.outputs();
  const state = fixture.emulator.state();
  const meeting = (id: unknown) => state.meetings.find((item) => item.id === id);
  assert.equal(meeting(outputs.standupId)?.status, "ACTIVE");
  assert.equal(meeting(outputs.archiveId)?.status, "INACTIVE");
  assert.deepEqual(state.webhooks.find((item) => item.id === outputs.webhookId)?.events, ["meeting.ended"]);
  const preset = state.presets.find((item) => item.name === "host") as { permissions?: { kick_participant?: boolean } } | undefined;
  assert.equal(preset?.permissions?.kick_participant, true);
  return outputs;
}

/**
 * What a destroy of the plugin examples (YAML, Go) leaves in the emulator: no ACTIVE meeting, no
 * webhook, and neither the `host` preset nor the imported `studio-host`.
 */
export function assertExampleDestroyed(emulator: RunningEmulator): void {
  const state = emulator.state();
  assert.deepEqual(
    state.meetings.filter((meeting) => meeting.status === "ACTIVE").map((meeting) => meeting.title),
    [],
  );
  assert.deepEqual(state.webhooks, []);
  assert.deepEqual(
    state.presets.filter((preset) => ["host", "studio-host"].includes(preset.name as string)),
    [],
  );
}
