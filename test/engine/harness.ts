/**
 * Engine test fixture: one emulator, one throwaway offline backend and one stack whose inline
 * program declares `fixture.desired`. Each spec file makes its own fixture in `before` and disposes
 * of it in `after`; the steps of a spec share it and run in order.
 *
 * A missing CLI or build makes `startEngineFixture` throw, so the suite fails rather than skips.
 * `dispose` checks every request the provider sent during the spec file against Cloudflare's
 * published spec (request bodies, success statuses) and throws listing what disagrees.
 */
import type { PreviewOptions, PreviewResult, RefreshResult, DestroyResult, Stack, UpResult, OutputMap } from "@pulumi/pulumi/automation";
import { type EmulatorVariants, type RunningEmulator, startEmulator } from "../../emulator";
import { EmulatorControl } from "../../harness/emulatorControl";
import { assertRequestsMatchSpec } from "../spec/specRequests";
import {
  assertBuilt,
  createInlineStack,
  offlineEnvironment,
  dynamicResourcesByName,
  providerConfig,
  type OfflineEnvironment,
  type StateResource,
} from "../../harness/offlineEngine";
import { programOf, type DesiredResources } from "./program";

/** Mocha timeout for engine specs: each operation starts the CLI and a provider process. */
export const ENGINE_TIMEOUT_MS = 180_000;

/** Prints the engine's output while it runs when RTK_ENGINE_VERBOSE is set. */
const onOutput = process.env.RTK_ENGINE_VERBOSE ? (text: string) => process.stdout.write(text) : undefined;

/** Options of {@link startEngineFixture}. */
export interface EngineFixtureOptions {
  /** Stack name; also names the temp folder. */
  readonly stackName: string;
  /** Initial resources (the fixture keeps and mutates this object). */
  readonly desired?: DesiredResources;
  /** Project `main` (where the provider process runs); default the repo root. */
  readonly main?: string;
  /** Extra environment for the CLI and the provider process. */
  readonly env?: Record<string, string>;
  /** The emulator's answers to the open questions (e.g. `FLIPPED_VARIANTS`); default its defaults. */
  readonly variants?: Partial<EmulatorVariants>;
}

/** What a spec works with. */
export interface EngineFixture {
  readonly emulator: RunningEmulator;
  readonly control: EmulatorControl;
  readonly env: OfflineEnvironment;
  readonly stack: Stack;
  /** What the program declares on the next operation; edit it between steps. */
  desired: DesiredResources;
  up(): Promise<UpResult>;
  preview(options?: PreviewOptions): Promise<PreviewResult>;
  refresh(): Promise<RefreshResult>;
  destroy(): Promise<DestroyResult>;
  /** The current state's resources (custom resources only) by logical name. */
  state(): Promise<Map<string, StateResource>>;
  dispose(): Promise<void>;
}

/** Starts an emulator and creates a stack against it. */
export async function startEngineFixture(options: EngineFixtureOptions): Promise<EngineFixture> {
  assertBuilt();
  const emulator = await startEmulator({ variants: options.variants });
  const env = offlineEnvironment(`rtk-${options.stackName}-`);
  Object.assign(env.envVars, options.env ?? {});
  try {
    const fixture: { desired: DesiredResources } = { desired: options.desired ?? {} };
    const stack = await createInlineStack({
      stackName: options.stackName,
      projectName: "realtimekit-engine-test",
      program: programOf(() => fixture.desired),
      env,
      // RTK_ENGINE_MAIN: run the provider from another project folder, e.g. one where
      // pulumi-realtimekit is installed from a packed tarball instead of this checkout.
      main: options.main ?? process.env.RTK_ENGINE_MAIN,
      config: providerConfig(emulator),
    });
    return Object.assign(fixture, {
      emulator,
      control: new EmulatorControl(emulator),
      env,
      stack,
      up: () => stack.up({ color: "never", onOutput }),
      preview: (previewOptions?: PreviewOptions) => stack.preview({ color: "never", onOutput, ...previewOptions }),
      refresh: () => stack.refresh({ color: "never", onOutput }),
      destroy: () => stack.destroy({ color: "never", onOutput }),
      state: () => dynamicResourcesByName(stack),
      dispose: async () => {
        const requests = emulator.requests();
        await emulator.close();
        env.dispose();
        assertRequestsMatchSpec(requests, { statuses: options.variants === undefined });
      },
    });
  } catch (error) {
    await emulator.close();
    env.dispose();
    throw error;
  }
}

/** The stack outputs as plain values (`{ name: value }`). */
export function plainOutputs(outputs: OutputMap): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).map(([key, output]) => [key, output.value]));
}

/** Outputs of one state resource, failing clearly when it is absent. */
export function outputsOf(state: Map<string, StateResource>, name: string): Record<string, unknown> {
  const resource = state.get(name);
  if (!resource?.outputs) {
    throw new Error(`no resource named ${name} in the stack state (have: ${[...state.keys()].join(", ")})`);
  }
  return resource.outputs;
}

/**
 * For specs whose steps build on each other: once a step fails, the remaining steps are not run
 * (a failing "before each" hook names the step that broke) instead of failing with follow-on errors.
 * Call inside the `describe` callback.
 */
export function stopAfterFirstFailure(): void {
  let failed: string | undefined;
  afterEach(function () {
    if (failed === undefined && this.currentTest?.state === "failed") {
      failed = this.currentTest.title;
    }
  });
  beforeEach(function () {
    if (failed !== undefined) {
      throw new Error(`not run: the earlier step "${failed}" failed`);
    }
  });
}
