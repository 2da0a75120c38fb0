/**
 * Process-wide state of the provider host: the stack config handed to `configure()` and one REST
 * client per set of credentials. Every dynamic resource of a stack runs in one provider process,
 * so sharing the client here shares its connection pool and request budget.
 * @internal
 */
import { createHash } from "crypto";
import * as os from "os";
import * as path from "path";
import { budgetKey } from "./client/budget";
import { ClientOptions, createRealtimeKitClient, RealtimeKitClient } from "./client/client";
import { ConfigSource, OnLiveSession, ResolvedCredentials, resolveCredentials, resolveOnLiveSession } from "./config";
import { CreateJournal } from "./state/createJournal";
import { sleep } from "../common/sleep";

/** Where a resource lives, the client that reaches it and the journal of its creates. */
export interface Target {
  readonly client: RealtimeKitClient;
  readonly accountId: string;
  readonly appId: string;
  /** Creates across provider processes, for this base URL and token (see `createJournal.ts`). */
  readonly journal: CreateJournal;
  /** Waits without holding the process (see {@link RuntimeOptions.timing}). */
  readonly sleep: (ms: number) => Promise<void>;
}

/** Per-resource overrides of the configured account and app. */
export interface TargetOverrides {
  readonly accountId?: unknown;
  readonly appId?: unknown;
}

let stackConfig: ConfigSource | undefined;
const clients = new Map<string, RealtimeKitClient>();
const journals = new Map<string, CreateJournal>();

/** How the provider waits and reads the time, for the REST client and the meeting lookup rounds. */
export interface Timing {
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
  /** Milliseconds since the epoch; `sleep` must advance it. */
  now(): number;
}

const REAL_TIMING: Timing = {
  sleep,
  now: Date.now,
};
let timing = REAL_TIMING;

/** Options of {@link configureRuntime}. */
export interface RuntimeOptions {
  /** Replaces real waiting, so that tests of retries and lookup rounds run without real delays. @default real time */
  readonly timing?: Timing;
}

/**
 * Called by the provider host's `configure()` with the stack config (all namespaces, full keys).
 *
 * @param config - the stack config, or `undefined` to forget it.
 * @param options - see {@link RuntimeOptions}.
 */
export function configureRuntime(config: ConfigSource | undefined, options: RuntimeOptions = {}): void {
  stackConfig = config;
  const wanted = options.timing ?? REAL_TIMING;
  if (wanted !== timing) {
    timing = wanted;
    clients.clear(); // clients hold the timing they were made with
  }
}

function asOptionalString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * One value of the stack config handed to `configure()`, by full key (`recordings:secretKey`);
 * `undefined` when unset or before `configure()`. For values the provider reads itself, such as
 * storage credentials named in `credentialsFromConfig`.
 */
export function stackConfigValue(key: string): string | undefined {
  return stackConfig?.get(key);
}

/** The stack's default `onLiveSession` (see `resolveOnLiveSession`). */
export function defaultOnLiveSession(): OnLiveSession {
  return resolveOnLiveSession(stackConfig, process.env);
}

function credentialsFor(overrides: TargetOverrides): ResolvedCredentials {
  return resolveCredentials(stackConfig, process.env, {
    accountId: asOptionalString(overrides.accountId),
    appId: asOptionalString(overrides.appId),
  });
}

/**
 * The account and app a resource lives in: its `accountId` / `appId` inputs, else the configured
 * ones. Reads configuration only (no client, budget or journal), for `diff` and refreshed inputs.
 */
export function placementFor(overrides: TargetOverrides): Placement {
  const { accountId, appId } = credentialsFor(overrides);
  return { accountId, appId };
}

/** An account and app. */
export interface Placement {
  readonly accountId: string;
  readonly appId: string;
}

/** Resolves the account, app and client for a resource, honouring its `accountId` / `appId` inputs. */
export function targetFor(overrides: TargetOverrides): Target {
  const credentials = credentialsFor(overrides);
  const key = createHash("sha256")
    .update(
      JSON.stringify([
        credentials.baseUrl,
        credentials.accountId,
        credentials.apiToken,
        credentials.budget,
        credentials.timeoutMs,
        credentials.maxRetries,
        credentials.maxRateLimitWaitMs,
      ]),
    )
    .digest("hex");
  let client = clients.get(key);
  if (client === undefined) {
    client = createRealtimeKitClient(clientOptionsFor(credentials));
    clients.set(key, client);
  }
  const journal = journalFor(credentials.baseUrl, credentials.apiToken);
  return { client, accountId: credentials.accountId, appId: credentials.appId, journal, sleep: timing.sleep };
}

/** The REST client's options for resolved credentials, sharing the state folder's request budget. */
export function clientOptionsFor(credentials: ResolvedCredentials): ClientOptions {
  return {
    accountId: credentials.accountId,
    apiToken: credentials.apiToken,
    baseUrl: credentials.baseUrl,
    budget: credentials.budget,
    budgetStateDir: stateDir(),
    timeoutMs: credentials.timeoutMs,
    maxRetries: credentials.maxRetries,
    maxRateLimitWaitMs: credentials.maxRateLimitWaitMs,
    sleep: timing.sleep,
    now: timing.now,
  };
}

/** This process's create journal for a base URL and token (one per pair; see `createJournal.ts`). */
export function journalFor(baseUrl: string, apiToken: string): CreateJournal {
  const digest = budgetKey(baseUrl, apiToken);
  let journal = journals.get(digest);
  if (journal === undefined) {
    journal = new CreateJournal(stateDir(), digest);
    journals.set(digest, journal);
  }
  return journal;
}

/**
 * Where request budgets and the create journal are recorded across provider processes:
 * `REALTIMEKIT_STATE_DIR`, or a folder in the system's temp folder; `off` keeps both to each process.
 */
export function stateDir(): string | undefined {
  const configured = process.env.REALTIMEKIT_STATE_DIR;
  if (configured === "off") {
    return undefined;
  }
  return configured || path.join(os.tmpdir(), "pulumi-realtimekit");
}
