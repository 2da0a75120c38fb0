/**
 * "Nothing lost, nothing doubled": compares what the emulator holds with the stack state and with
 * the desired workload, and reads the emulator's request log for fault and retry figures.
 *
 * Definitions used in docs/reliability.md:
 * - **duplicate**: an object in the emulator beyond the number declared with its key (meeting
 *   title, webhook URL, preset name), or a state resource sharing its remote id with another one.
 * - **orphan**: an object in the emulator whose id no resource in the state has. Meetings cannot be
 *   deleted through the API; a destroyed meeting is INACTIVE, so in a run that ends with everything
 *   declared, every meeting must be in the state.
 * - **missing**: a desired object absent from the state, or whose state id is not in the emulator.
 * - **drifted**: an object whose emulator copy does not show the declared title / URL / name.
 */
import type { StateResource } from "../offlineEngine";
import type { RunningEmulator } from "../../emulator";
import type { Workload } from "./program";

/** Outcome of {@link audit}. */
export interface AuditResult {
  readonly desired: number;
  readonly inState: number;
  readonly inEmulator: number;
  /** Desired objects present more than once, plus state resources sharing an id. */
  readonly duplicates: number;
  /** Emulator objects no state resource points to. */
  readonly orphans: number;
  readonly missing: number;
  /** Human-readable details of every problem found. */
  readonly problems: string[];
}

interface RemoteObject {
  readonly id: string;
  readonly kind: "meeting" | "webhook" | "preset";
  readonly key: string;
  readonly status?: string;
}

function remoteObjects(emulator: RunningEmulator, appId: string): RemoteObject[] {
  const state = emulator.state();
  const inApp = (item: Record<string, unknown>) => item.app_id === undefined || item.app_id === appId;
  return [
    ...state.meetings.filter(inApp).map((m) => ({
      id: String(m.id),
      kind: "meeting" as const,
      key: String(m.title ?? ""),
      status: String(m.status),
    })),
    ...state.webhooks.filter(inApp).map((w) => ({ id: String(w.id), kind: "webhook" as const, key: String(w.url) })),
    ...state.presets.filter(inApp).map((p) => ({ id: String(p.id), kind: "preset" as const, key: String(p.name) })),
  ];
}

/** The key a desired object is recognised by in the emulator. */
function desiredKeys(workload: Workload): { name: string; kind: RemoteObject["kind"]; key: string }[] {
  return [
    ...Object.entries(workload.meetings ?? {}).map(([name, args]) => ({ name, kind: "meeting" as const, key: String(args.title ?? "") })),
    ...Object.entries(workload.webhooks ?? {}).map(([name, args]) => ({ name, kind: "webhook" as const, key: String(args.url) })),
    ...Object.entries(workload.presets ?? {}).map(([name, args]) => ({ name, kind: "preset" as const, key: String(args.name) })),
  ];
}

/**
 * Audits one stack against its emulator.
 *
 * @param options.ignoreInactiveMeetings - do not count INACTIVE meetings as orphans (after a
 *   destroy, or when other tests left deactivated meetings behind).
 */
export function audit(
  emulator: RunningEmulator,
  resources: Map<string, StateResource>,
  workload: Workload,
  options: { ignoreInactiveMeetings?: boolean } = {},
): AuditResult {
  const remote = remoteObjects(emulator, emulator.appId);
  const remoteIds = new Set(remote.map((object) => object.id));
  const problems: string[] = [];

  const stateIds = new Map<string, string[]>();
  for (const [name, resource] of resources) {
    if (resource.id) {
      stateIds.set(resource.id, [...(stateIds.get(resource.id) ?? []), name]);
    }
  }
  let duplicates = 0;
  for (const [id, names] of stateIds) {
    if (names.length > 1) {
      duplicates += names.length - 1;
      problems.push(`state resources ${names.join(", ")} share remote id ${id}`);
    }
  }

  let missing = 0;
  const desired = desiredKeys(workload);
  const wanted = new Map<string, number>();
  for (const { kind, key } of desired) {
    wanted.set(`${kind} ${key}`, (wanted.get(`${kind} ${key}`) ?? 0) + 1);
  }
  for (const [kindAndKey, count] of wanted) {
    const copies = remote.filter((object) => `${object.kind} ${object.key}` === kindAndKey);
    if (copies.length > count) {
      duplicates += copies.length - count;
      problems.push(`${kindAndKey} exists ${copies.length} times (${count} declared): ${copies.map((c) => c.id).join(", ")}`);
    }
  }
  for (const { name, kind, key } of desired) {
    const resource = resources.get(name);
    if (!resource?.id) {
      missing++;
      problems.push(`${name} (${kind} ${JSON.stringify(key)}) is not in the state`);
    } else if (!remoteIds.has(resource.id)) {
      missing++;
      problems.push(`${name}: state id ${resource.id} is not in the emulator`);
    } else if (!remote.some((object) => object.id === resource.id && object.kind === kind && object.key === key)) {
      missing++;
      problems.push(`${name}: state id ${resource.id} does not hold ${kind} ${JSON.stringify(key)}`);
    }
  }

  let orphans = 0;
  for (const object of remote) {
    if (stateIds.has(object.id)) {
      continue;
    }
    if (options.ignoreInactiveMeetings && object.kind === "meeting" && object.status === "INACTIVE") {
      continue;
    }
    orphans++;
    problems.push(`orphan ${object.kind} ${object.id} (${JSON.stringify(object.key)}${object.status ? `, ${object.status}` : ""})`);
  }

  return {
    desired: desired.length,
    inState: resources.size,
    inEmulator: remote.length,
    duplicates,
    orphans,
    missing,
    problems,
  };
}

// ---------------------------------------------------------------------------------------------
// Request log figures

type LogEntry = ReturnType<RunningEmulator["requests"]>[number];

/** Figures read from the emulator's request log. */
export interface TrafficFigures {
  /** API requests received. */
  readonly requests: number;
  /** Requests that changed something (POST/PUT/PATCH/DELETE). */
  readonly writes: number;
  /** Faults injected, by kind (`503 before`, `drop after`, `timeout after`, …). */
  readonly faults: Record<string, number>;
  readonly faultsTotal: number;
  /** 429 answers of the emulator's own rate limiter (injected 429s not included). */
  readonly rateLimited: number;
  /** Requests identical (method, path, query, body) to an earlier one that failed: retries and re-sends. */
  readonly retries: number;
  /** List GETs made to find an object after an ambiguous create (`search=` on meetings/presets, webhooks list). */
  readonly lookups: number;
}

function faultKind(entry: LogEntry): string {
  const fault = entry.fault;
  if (!fault) {
    return "none";
  }
  // A delayed error is the "timeout before" kind of faults.ts: the client gives up before the answer.
  const what = fault.delayMs > 0 ? "timeout" : fault.status !== null ? String(fault.status) : fault.drop ? "drop" : "timeout";
  return `${what} ${fault.when}`;
}

/** Whether the client saw this attempt fail. */
function failedForClient(entry: LogEntry): boolean {
  return entry.fault !== undefined || entry.status === null || entry.status === 429 || (entry.status ?? 0) >= 500;
}

function requestKey(entry: LogEntry): string {
  return JSON.stringify([entry.method, entry.path, entry.query, entry.body ?? null]);
}

/** Figures of `entries` (e.g. the requests of one `up`). */
export function trafficFigures(entries: readonly LogEntry[]): TrafficFigures {
  const faults: Record<string, number> = {};
  const failedKeys = new Set<string>();
  let retries = 0;
  let rateLimited = 0;
  let lookups = 0;
  let writes = 0;
  for (const entry of entries) {
    const key = requestKey(entry);
    if (failedKeys.has(key)) {
      retries++;
      failedKeys.delete(key);
    }
    if (entry.fault) {
      const kind = faultKind(entry);
      faults[kind] = (faults[kind] ?? 0) + 1;
    } else if (entry.status === 429) {
      rateLimited++;
    }
    if (failedForClient(entry)) {
      failedKeys.add(key);
    }
    if (entry.method !== "GET") {
      writes++;
    } else if (/\/(meetings|presets)$/.test(entry.path) && entry.query.search !== undefined) {
      lookups++;
    } else if (/\/webhooks$/.test(entry.path)) {
      lookups++;
    }
  }
  return {
    requests: entries.length,
    writes,
    faults,
    faultsTotal: Object.values(faults).reduce((sum, n) => sum + n, 0),
    rateLimited,
    retries,
    lookups,
  };
}

/** Adds figures of several runs. */
export function sumFigures(all: readonly TrafficFigures[]): TrafficFigures {
  const faults: Record<string, number> = {};
  for (const figures of all) {
    for (const [kind, n] of Object.entries(figures.faults)) {
      faults[kind] = (faults[kind] ?? 0) + n;
    }
  }
  const sum = (key: "requests" | "writes" | "faultsTotal" | "rateLimited" | "retries" | "lookups") =>
    all.reduce((total, figures) => total + figures[key], 0);
  return {
    requests: sum("requests"),
    writes: sum("writes"),
    faults,
    faultsTotal: sum("faultsTotal"),
    rateLimited: sum("rateLimited"),
    retries: sum("retries"),
    lookups: sum("lookups"),
  };
}
