/**
 * The reliability campaign's fixture: one emulator (with the options a scenario needs: rate limit,
 * latency, a recognisable token), a throwaway offline backend, and one inline stack whose program
 * declares `fixture.workload`. Every engine operation goes through {@link ReliabilityFixture.run},
 * which never throws for a failed operation: it returns an {@link OpOutcome} with the CLI output and
 * error text, and records that text in the campaign {@link transcript} (searched for leaked
 * credentials at the end).
 *
 * Built on the shared engine helpers (`harness/offlineEngine.ts`); nothing here is specific to
 * mocha, so the CI sample (`test/reliability/`) and the full campaign (`runCampaign.ts`) share
 * it.
 */
import { randomBytes } from "node:crypto";
import type { ConfigMap, Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";
import {
  assertBuilt,
  createInlineStack,
  offlineEnvironment,
  dynamicResourcesByName,
  providerConfig,
  type OfflineEnvironment,
  type StateResource,
} from "../offlineEngine";
import { programFor, type Workload } from "./program";

/** Prefix of every API token the campaign uses, so a leak is easy to grep for. */
export const CANARY_PREFIX = "rtkCanaryToken";

/** A recognisable API token: `rtkCanaryToken` + 24 hex characters. */
export function canaryToken(): string {
  return `${CANARY_PREFIX}${randomBytes(12).toString("hex")}`;
}

/** Everything the engine printed or threw during the campaign (for the credential-leak search). */
export const transcript: { label: string; text: string }[] = [];

/** Every credential the campaign used (tokens, storage keys): none may appear in {@link transcript}. */
export const secretsUsed = new Set<string>();

/** The Node SDK's debug lines that print a resource's inputs, secrets in plain text (see secrets.ts). */
export const SDK_DEBUG_LINE = /(ReadResource|RegisterResource|RegisterResourceOutputs) RPC finished/;

/**
 * Splits CLI output / logs into messages: a `    debug: …` message runs on over its indented
 * continuation lines (the SDK prints multi-line structs); any other line is a message of its own.
 */
export function logMessages(text: string): string[] {
  const out: string[] = [];
  let inDebug = false;
  for (const line of text.split("\n")) {
    const continuation =
      inDebug && line.startsWith("    ") && !line.startsWith("    debug: ") && !/^ {4}(pulumi[:-]|Resources:|Diagnostics:)/.test(line);
    if (continuation) {
      out[out.length - 1] += `\n${line}`;
    } else {
      out.push(line);
      inDebug = line.startsWith("    debug: ");
    }
  }
  return out;
}

/**
 * Where each used credential occurs in the transcript (empty: no leak), outside the SDK's own debug
 * lines (reported separately by the secrets scenario).
 */
export function transcriptLeaks(): { label: string; secret: string }[] {
  const leaks: { label: string; secret: string }[] = [];
  for (const entry of transcript) {
    const text = logMessages(entry.text)
      .filter((message) => !SDK_DEBUG_LINE.test(message))
      .join("\n");
    for (const secret of secretsUsed) {
      if (text.includes(secret)) {
        leaks.push({ label: entry.label, secret: `${secret.slice(0, 6)}…` });
      }
    }
  }
  return leaks;
}

/** Bytes of text in the transcript. */
export function transcriptBytes(): number {
  return transcript.reduce((n, entry) => n + entry.text.length, 0);
}

/** Options of {@link startReliabilityFixture}. */
export interface ReliabilityFixtureOptions {
  /** Stack name (also names the temp folder). */
  readonly stackName: string;
  /** Emulator options; the token defaults to a {@link canaryToken} and the rate limit to off. */
  readonly emulator?: EmulatorOptions;
  /** Extra stack config, e.g. `{ "realtimekit:maxRetries": { value: "6" } }`. */
  readonly config?: ConfigMap;
  /** Initial workload. */
  readonly workload?: Workload;
  /** Extra environment for the CLI and the provider process. */
  readonly env?: Record<string, string>;
  /** Reuse this offline environment instead of making one (it is then not disposed). */
  readonly offline?: OfflineEnvironment;
}

/** Which engine operation. */
export type OpKind = "up" | "preview" | "refresh" | "destroy";

/** Options of one operation (a subset of the Automation API's, shared by the four commands). */
export interface OpOptions {
  readonly parallel?: number;
  readonly expectNoChanges?: boolean;
  readonly clearPendingCreates?: boolean;
  readonly refresh?: boolean;
  readonly logVerbosity?: number;
  readonly logToStdErr?: boolean;
  readonly debug?: boolean;
  readonly signal?: AbortSignal;
  readonly onOutput?: (text: string) => void;
}

/** The result of one operation; `ok` false when the CLI failed. */
export interface OpOutcome {
  readonly kind: OpKind;
  readonly ok: boolean;
  readonly durationMs: number;
  /** Everything the CLI printed (stdout), as streamed. */
  readonly output: string;
  /** What the CLI wrote to stderr (verbose engine logs with `logToStdErr`). */
  readonly stderr: string;
  /** The error text (CommandError message: command, exit code, stdout and stderr), when failed. */
  readonly error?: string;
  /** Resource changes by operation, when the engine reported them. */
  readonly changes?: Record<string, number>;
}

/** See {@link startReliabilityFixture}. */
export interface ReliabilityFixture {
  readonly emulator: RunningEmulator;
  readonly offline: OfflineEnvironment;
  readonly stack: Stack;
  readonly token: string;
  /** What the program declares on the next operation. */
  workload: Workload;
  run(kind: OpKind, options?: OpOptions): Promise<OpOutcome>;
  /** Custom resources in the state, by logical name (URN suffix). */
  resources(): Promise<Map<string, StateResource>>;
  /** Raw resources of the state (for pending operations, use {@link ReliabilityFixture.deployment}). */
  deployment(): Promise<{ resources?: StateResource[]; pending_operations?: unknown[] }>;
  dispose(): Promise<void>;
}

const verbose = process.env.RTK_RELIABILITY_VERBOSE ? (text: string) => process.stderr.write(text) : undefined;

/** Starts an emulator and makes a stack against it. */
export async function startReliabilityFixture(options: ReliabilityFixtureOptions): Promise<ReliabilityFixture> {
  assertBuilt();
  const token = options.emulator?.token ?? canaryToken();
  secretsUsed.add(token);
  const emulator = await startEmulator({ rateLimit: false, ...options.emulator, token });
  const offline = options.offline ?? offlineEnvironment(`rtk-rel-${options.stackName}-`);
  Object.assign(offline.envVars, options.env ?? {});
  const state: { workload: Workload } = { workload: options.workload ?? {} };
  try {
    const stack = await createInlineStack({
      stackName: options.stackName,
      projectName: "realtimekit-reliability",
      program: programFor(() => state.workload),
      env: offline,
      config: { ...providerConfig(emulator), ...options.config },
    });
    const run = (kind: OpKind, opOptions: OpOptions = {}) => runOperation(stack, kind, opOptions, options.stackName);
    return Object.assign(state, {
      emulator,
      offline,
      stack,
      token,
      run,
      resources: () => dynamicResourcesByName(stack),
      deployment: async () => (await stack.exportStack()).deployment as { resources?: StateResource[]; pending_operations?: unknown[] },
      dispose: async () => {
        await emulator.close();
        if (!options.offline) {
          offline.dispose();
        }
      },
    });
  } catch (error) {
    await emulator.close();
    if (!options.offline) {
      offline.dispose();
    }
    throw error;
  }
}

/** Runs one engine operation and never throws for a failed one (see {@link OpOutcome}). */
export async function runOperation(stack: Stack, kind: OpKind, options: OpOptions, label: string): Promise<OpOutcome> {
  let output = "";
  let stderr = "";
  const onOutput = (text: string) => {
    output += text;
    options.onOutput?.(text);
    verbose?.(text);
  };
  const onError = (text: string) => {
    stderr += text;
  };
  const common = {
    color: "never" as const,
    onOutput,
    onError,
    logVerbosity: options.logVerbosity,
    logToStdErr: options.logToStdErr,
    debug: options.debug,
    signal: options.signal,
  };
  const started = Date.now();
  try {
    let changes: Record<string, number> | undefined;
    if (kind === "up") {
      const result = await stack.up({ ...common, parallel: options.parallel, refresh: options.refresh });
      changes = result.summary.resourceChanges as Record<string, number> | undefined;
    } else if (kind === "preview") {
      const result = await stack.preview({
        ...common,
        parallel: options.parallel,
        expectNoChanges: options.expectNoChanges,
        refresh: options.refresh,
      });
      changes = result.changeSummary as Record<string, number>;
    } else if (kind === "refresh") {
      const result = await stack.refresh({
        ...common,
        parallel: options.parallel,
        clearPendingCreates: options.clearPendingCreates,
        expectNoChanges: options.expectNoChanges,
      });
      changes = result.summary.resourceChanges as Record<string, number> | undefined;
    } else {
      const result = await stack.destroy({ ...common, parallel: options.parallel });
      changes = result.summary.resourceChanges as Record<string, number> | undefined;
    }
    transcript.push({ label: `${label} ${kind}`, text: `${output}\n${stderr}` });
    return { kind, ok: true, durationMs: Date.now() - started, output, stderr, changes };
  } catch (error) {
    const text = error instanceof Error ? `${error.message}\n${(error as { stderr?: string }).stderr ?? ""}` : String(error);
    transcript.push({ label: `${label} ${kind} (failed)`, text: `${output}\n${stderr}\n${text}` });
    return { kind, ok: false, durationMs: Date.now() - started, output, stderr, error: text };
  }
}

/** The last lines of an error text, for assertion messages. */
export function tail(text: string | undefined, lines = 25): string {
  return (text ?? "").split("\n").slice(-lines).join("\n");
}
