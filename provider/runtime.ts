/**
 * Process-wide state of the provider host: the stack config handed to `configure()` and one REST
 * client per set of credentials. Every dynamic resource of a stack runs in one provider process,
 * so sharing the client here shares its connection pool and request budget.
 * @internal
 */
import { createHash } from "crypto";
import * as os from "os";
import * as path from "path";
import { createRealtimeKitClient, RealtimeKitClient } from "./client/client";
import { ConfigSource, resolveCredentials } from "./config";

/** Where a resource lives and the client that reaches it. */
export interface Target {
  readonly client: RealtimeKitClient;
  readonly accountId: string;
  readonly appId: string;
}

/** Per-resource overrides of the configured account and app. */
export interface TargetOverrides {
  readonly accountId?: unknown;
  readonly appId?: unknown;
}

let stackConfig: ConfigSource | undefined;
const clients = new Map<string, RealtimeKitClient>();

/** Called by the provider host's `configure()` with the stack config (all namespaces, full keys). */
export function configureRuntime(config: ConfigSource | undefined): void {
  stackConfig = config;
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

/** Resolves the account, app and client for a resource, honouring its `accountId` / `appId` inputs. */
export function targetFor(overrides: TargetOverrides): Target {
  const credentials = resolveCredentials(stackConfig, process.env, {
    accountId: asOptionalString(overrides.accountId),
    appId: asOptionalString(overrides.appId),
  });
  const key = createHash("sha256")
    .update(JSON.stringify([credentials.baseUrl, credentials.accountId, credentials.apiToken, credentials.budget,
      credentials.timeoutMs, credentials.maxRetries, credentials.maxRateLimitWaitMs]))
    .digest("hex");
  let client = clients.get(key);
  if (client === undefined) {
    client = createRealtimeKitClient({
      accountId: credentials.accountId,
      apiToken: credentials.apiToken,
      baseUrl: credentials.baseUrl,
      budget: credentials.budget,
      budgetStateDir: budgetStateDir(),
      timeoutMs: credentials.timeoutMs,
      maxRetries: credentials.maxRetries,
      maxRateLimitWaitMs: credentials.maxRateLimitWaitMs,
    });
    clients.set(key, client);
  }
  return { client, accountId: credentials.accountId, appId: credentials.appId };
}

/**
 * Where request budgets are recorded across provider processes: `REALTIMEKIT_BUDGET_STATE_DIR`, or
 * a folder in the system's temp folder; `off` keeps each process's budget to itself.
 */
function budgetStateDir(): string | undefined {
  const configured = process.env.REALTIMEKIT_BUDGET_STATE_DIR;
  if (configured === "off") {
    return undefined;
  }
  return configured || path.join(os.tmpdir(), "pulumi-realtimekit");
}

/** Every client made in this process, for statistics in benchmarks and tests. */
export function activeClients(): readonly RealtimeKitClient[] {
  return [...clients.values()];
}
