/**
 * Drives the provider implementations directly (no engine) against a fresh emulator, the way the
 * dynamic-provider host calls them: configure once, then check/diff/create/read/update/delete.
 */
import { RunningEmulator, startEmulator } from "../../emulator";
import { resetSharedBudgets } from "../../provider/client/budget";
import { ServedProvider, providers } from "../../provider/host";
import { configureRuntime, type Timing } from "../../provider/runtime";

/** A kind's provider methods, called with the property maps the engine passes. */
export type Implementation = ServedProvider;

export interface ProviderFixture {
  readonly emulator: RunningEmulator;
  readonly meeting: Implementation;
  readonly webhook: Implementation;
  readonly preset: Implementation;
  /** Every wait of the provider so far, in ms (time is virtual: waits take no real time). */
  readonly sleeps: readonly number[];
  /** Sets (or, with `undefined`, removes) a stack config value seen by the provider. */
  setConfig(key: string, value: string | undefined): void;
  /** API requests since the last call, as `METHOD /path-after-the-app` strings. */
  takeRequests(): string[];
  /** check + create, as the engine does for a new resource; fails on check failures. */
  create(kind: Implementation, news: Record<string, unknown>): Promise<{ id: string; outs: Record<string, any> }>;
  /** check + update with the stored outputs. */
  update(kind: Implementation, id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<Record<string, any>>;
  close(): Promise<void>;
}

const SERIALIZED_PROVIDER = "exports.handler = function () { /* serialized provider */ };";

/**
 * Time that passes only when the provider sleeps: retries' back-offs and lookup rounds take no real
 * time, and each wait is recorded in `sleeps`.
 */
function virtualTiming(): Timing & { readonly sleeps: number[] } {
  let skipped = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now() + skipped,
    sleep: async (ms) => {
      sleeps.push(ms);
      skipped += ms;
    },
  };
}

export async function startProviderFixture(): Promise<ProviderFixture> {
  const emulator = await startEmulator({ rateLimit: false });
  resetSharedBudgets();
  const config = new Map<string, string>([
    ["realtimekit:accountId", emulator.accountId],
    ["realtimekit:appId", emulator.appId],
    ["realtimekit:apiToken", emulator.token],
    ["realtimekit:apiBaseUrl", emulator.url],
    ["realtimekit:maxRetries", "3"],
  ]);
  const timing = virtualTiming();
  configureRuntime(config, { timing });
  const appPrefix = `/accounts/${emulator.accountId}/realtime/kit/${emulator.appId}`;
  let seen = 0;
  // The host hands the serialized provider to every method, inside the inputs and outputs.
  const check = async (kind: Implementation, olds: Record<string, unknown>, news: Record<string, unknown>) => {
    const checked = await kind.check(olds, { ...news, __provider: SERIALIZED_PROVIDER });
    if (checked.failures && checked.failures.length > 0) {
      throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
    }
    return checked.inputs as Record<string, unknown>;
  };
  return {
    emulator,
    meeting: providers.Meeting,
    webhook: providers.Webhook,
    preset: providers.Preset,
    sleeps: timing.sleeps,
    setConfig(key, value) {
      if (value === undefined) config.delete(key);
      else config.set(key, value);
    },
    takeRequests() {
      const all = emulator.requests();
      const fresh = all.slice(seen);
      seen = all.length;
      return fresh.map((entry) => `${entry.method} ${entry.path.replace(appPrefix, "")}`);
    },
    async create(kind, news) {
      const result = await kind.create(await check(kind, {}, news));
      return { id: result.id, outs: { ...result.outs, __provider: SERIALIZED_PROVIDER } as Record<string, any> };
    },
    async update(kind, id, olds, news) {
      const result = await kind.update(id, olds, await check(kind, olds, news));
      return { ...result.outs, __provider: SERIALIZED_PROVIDER } as Record<string, any>;
    },
    async close() {
      configureRuntime(undefined);
      await emulator.close();
    },
  };
}
