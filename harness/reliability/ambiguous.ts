/**
 * Scenario 2, ambiguous creates: the create request reaches the server and commits, but the
 * response is lost (500/502 after commit, a dropped connection, a timeout).
 *
 * - Presets and webhooks have a unique key (name, URL): the provider must find the object it just
 *   made and adopt it, never create a second one.
 * - Meetings have no unique key: the provider lists meetings created since the request with exactly
 *   the sent settings that no other resource of the process owns (`createMeetingExactlyOnce` in
 *   provider/resources/meetingCreates.ts); one → adopt, none → re-send, several → error listing the ids.
 *   Measured here with distinct titles, and with many same-titled meetings created concurrently.
 */
import { audit, trafficFigures, type AuditResult, type TrafficFigures } from "./audit";
import type { FaultKind } from "./faults";
import { startReliabilityFixture, tail, type ReliabilityFixture } from "./fixture";
import type { LooseArgs, Workload } from "./program";

/** Lost-response kinds (the change is committed first). */
export function lostResponseKinds(timeoutMs: number): FaultKind[] {
  return [
    { label: "500 after", spec: { status: 500, when: "after" } },
    { label: "502 after", spec: { status: 502, when: "after" } },
    { label: "drop after", spec: { drop: true, when: "after" } },
    { label: "timeout after", spec: { delayMs: timeoutMs + 1500, when: "after" } },
  ];
}

/** Not-committed kinds that look the same to the client (the server never applied the request). */
export function failedBeforeKinds(timeoutMs: number): FaultKind[] {
  return [
    { label: "500 before", spec: { status: 500, when: "before" } },
    { label: "drop before", spec: { drop: true, when: "before" } },
    { label: "timeout before", spec: { status: 503, delayMs: timeoutMs + 1500, when: "before" } },
  ];
}

/**
 * Makes POSTs to `path` fail with probability `probability`, spread evenly over `kinds`. The
 * emulator checks "before" rules, then (if the request was applied) "after" rules, each phase in
 * order, first firing rule wins; so each phase gets its share of the probability, and within a phase
 * rule i of n fires with the conditional rate s / (1 - i·s) that gives every kind the same
 * unconditional share s.
 */
function failPosts(fixture: ReliabilityFixture, path: string, kinds: FaultKind[], probability: number, seed: number): void {
  const before = kinds.filter((kind) => kind.spec.when === "before");
  const after = kinds.filter((kind) => kind.spec.when === "after");
  const pBefore = probability * (before.length / kinds.length);
  const pAfter = pBefore >= 1 ? 0 : (probability - pBefore) / (1 - pBefore); // conditional on passing "before"
  const install = (phase: FaultKind[], p: number, offset: number) => {
    const share = p / phase.length;
    phase.forEach((kind, i) => {
      const rate = Math.min(1, share / (1 - share * i));
      fixture.emulator.faults.add({ ...kind.spec, method: "POST", path, rate, seed: seed + offset + i });
    });
  };
  install(before, pBefore, 0);
  install(after, pAfter, 50);
}

/** Outcome of one sub-scenario. */
export interface AmbiguousCase {
  readonly name: string;
  readonly description: string;
  readonly objects: number;
  /** POSTs whose response was lost after the commit. */
  readonly lostAfterCommit: number;
  /** POSTs that failed before anything was applied. */
  readonly failedBeforeCommit: number;
  /** POSTs committed and answered successfully, but slowly. */
  readonly slowSuccess: number;
  readonly firstUpOk: boolean;
  /** Ids listed in "several meetings" errors, and how many such errors. */
  readonly ambiguityErrors: number;
  readonly secondUpOk?: boolean;
  /** After the first up: state resources sharing a remote id, duplicates, orphans. */
  readonly afterFirstUp: AuditResult;
  /** After the second up (faults off), when one was needed. */
  readonly final: AuditResult;
  readonly traffic: TrafficFigures;
  readonly errors: string[];
}

/** POSTs to `path` whose response was lost after commit, failed before commit, or was slow but fine. */
function countPosts(fixture: ReliabilityFixture, path: RegExp, timeoutMs: number): { after: number; before: number; slow: number } {
  let after = 0;
  let before = 0;
  let slow = 0;
  for (const entry of fixture.emulator.requests()) {
    const fault = entry.fault;
    if (entry.method !== "POST" || !path.test(entry.path) || !fault) {
      continue;
    }
    const failed = fault.status !== null || fault.drop || fault.delayMs >= timeoutMs;
    if (!failed) {
      slow++;
    } else if (fault.when === "after") {
      after++;
    } else {
      before++;
    }
  }
  return { after, before, slow };
}

interface CaseSpec {
  readonly name: string;
  readonly description: string;
  readonly workload: Workload;
  readonly path: string;
  readonly pathRegex: RegExp;
  readonly kinds: FaultKind[];
  readonly probability: number;
  readonly latencyMs?: number;
  readonly parallel?: number;
}

async function runCase(spec: CaseSpec, seed: number, timeoutSeconds: number): Promise<AmbiguousCase> {
  const fixture = await startReliabilityFixture({
    stackName: `ambiguous-${spec.name}`,
    workload: spec.workload,
    emulator: { latencyMs: spec.latencyMs ?? 0 },
    config: { "realtimekit:requestTimeoutSeconds": { value: String(timeoutSeconds) } },
  });
  try {
    failPosts(fixture, spec.path, spec.kinds, spec.probability, seed);
    const errors: string[] = [];
    const first = await fixture.run("up", { parallel: spec.parallel });
    if (!first.ok) {
      errors.push(tail(first.error, 14));
    }
    const posts = countPosts(fixture, spec.pathRegex, timeoutSeconds * 1000);
    const traffic = trafficFigures(fixture.emulator.requests());
    const afterFirstUp = audit(fixture.emulator, await fixture.resources(), spec.workload);
    fixture.emulator.faults.clear();
    fixture.emulator.setLatency(0);
    let second: Awaited<ReturnType<typeof fixture.run>> | undefined;
    if (!first.ok) {
      second = await fixture.run("up");
      if (!second.ok) {
        errors.push(tail(second.error, 14));
      }
    }
    const final = audit(fixture.emulator, await fixture.resources(), spec.workload);
    // Count in the diagnostics section only (progress lines repeat each error).
    const diagnostics = (first.error ?? "").split("Diagnostics:")[1] ?? "";
    const ambiguityErrors = (diagnostics.split("\nResources:")[0].match(/meetings with the same settings were created/g) ?? []).length;
    return {
      name: spec.name,
      description: spec.description,
      objects:
        Object.keys(spec.workload.meetings ?? {}).length +
        Object.keys(spec.workload.webhooks ?? {}).length +
        Object.keys(spec.workload.presets ?? {}).length,
      lostAfterCommit: posts.after,
      failedBeforeCommit: posts.before,
      slowSuccess: posts.slow,
      firstUpOk: first.ok,
      ambiguityErrors,
      secondUpOk: second?.ok,
      afterFirstUp,
      final,
      traffic,
      errors,
    };
  } finally {
    await fixture.dispose();
  }
}

/** Parameters of {@link runAmbiguousCampaign}. */
export interface AmbiguousOptions {
  /** Presets and webhooks each. */
  readonly keyed: number;
  /** Meetings with distinct titles. */
  readonly meetings: number;
  /** Same-titled meetings created concurrently. */
  readonly sameTitled: number;
  readonly seed: number;
  readonly timeoutSeconds: number;
  /** Only these sub-scenarios (names as in the result), default all. */
  readonly only?: readonly string[];
  readonly log?: (line: string) => void;
}

/** Names of the sub-scenarios, in run order. */
export const AMBIGUOUS_CASES = [
  "keyed-lost",
  "keyed-mixed",
  "meetings-lost",
  "meetings-mixed",
  "same-title-slow",
  "same-title-concurrent",
] as const;

function range<T>(n: number, make: (i: number) => [string, T]): Record<string, T> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => make(i)));
}

/** Runs every sub-scenario. */
export async function runAmbiguousCampaign(options: AmbiguousOptions): Promise<AmbiguousCase[]> {
  const timeoutMs = options.timeoutSeconds * 1000;
  const keyed: Workload = {
    presets: range<LooseArgs>(options.keyed, (i) => [`p${i}`, { name: `amb-preset-${i}` }]),
    webhooks: range<LooseArgs>(options.keyed, (i) => [`w${i}`, { name: `amb-hook-${i}`, url: `http://127.0.0.1:9/amb/${i}` }]),
  };
  const distinct: Workload = {
    meetings: range<LooseArgs>(options.meetings, (i) => [`m${i}`, { title: `Ambiguous meeting ${i}`, persistChat: i % 2 === 0 }]),
  };
  const same: Workload = {
    meetings: range<LooseArgs>(options.sameTitled, (i) => [`standup${i}`, { title: "Standup" }]),
  };
  const specs: CaseSpec[] = [
    {
      name: "keyed-lost",
      description: "presets + webhooks, every create's response lost after commit",
      workload: keyed,
      path: "**",
      pathRegex: /\/(presets|webhooks)$/,
      kinds: lostResponseKinds(timeoutMs),
      probability: 1,
    },
    {
      name: "keyed-mixed",
      description: "presets + webhooks, half the creates fail (lost after commit or failed before)",
      workload: keyed,
      path: "**",
      pathRegex: /\/(presets|webhooks)$/,
      kinds: [...lostResponseKinds(timeoutMs), ...failedBeforeKinds(timeoutMs)],
      probability: 0.5,
    },
    {
      name: "meetings-lost",
      description: "meetings with distinct titles, every create's response lost after commit",
      workload: distinct,
      path: "**/meetings",
      pathRegex: /\/meetings$/,
      kinds: lostResponseKinds(timeoutMs),
      probability: 1,
    },
    {
      name: "meetings-mixed",
      description: "meetings with distinct titles, half the creates fail (lost after commit or failed before)",
      workload: distinct,
      path: "**/meetings",
      pathRegex: /\/meetings$/,
      kinds: [...lostResponseKinds(timeoutMs), ...failedBeforeKinds(timeoutMs)],
      probability: 0.5,
    },
    {
      name: "same-title-slow",
      description:
        `${options.sameTitled} meetings titled "Standup" with identical settings, created concurrently; ` +
        "a third of the creates fail before commit (500), a third are committed but answered slowly (success after " +
        `${timeoutMs / 2} ms, within the timeout)`,
      workload: same,
      path: "**/meetings",
      pathRegex: /\/meetings$/,
      kinds: [
        { label: "500 before", spec: { status: 500, when: "before" } },
        { label: "slow after", spec: { delayMs: timeoutMs / 2, when: "after" } },
      ],
      probability: 0.67,
      parallel: 64,
    },
    {
      name: "same-title-concurrent",
      description:
        `${options.sameTitled} meetings titled "Standup" with identical settings, created concurrently ` +
        "(200 ms latency), half the creates' responses lost after commit",
      workload: same,
      path: "**/meetings",
      pathRegex: /\/meetings$/,
      kinds: lostResponseKinds(timeoutMs),
      probability: 0.5,
      latencyMs: 200,
      parallel: 64,
    },
  ];
  const results: AmbiguousCase[] = [];
  for (const [i, spec] of specs.entries()) {
    if (options.only && !options.only.includes(spec.name)) {
      continue;
    }
    const result = await runCase(spec, options.seed + i * 17, options.timeoutSeconds);
    results.push(result);
    options.log?.(
      `ambiguous ${spec.name}: ${result.objects} objects, ${result.lostAfterCommit} responses lost after commit, ` +
        `${result.failedBeforeCommit} failed before, ${result.slowSuccess} slow; first up ${result.firstUpOk ? "ok" : "failed"}` +
        `${result.ambiguityErrors ? ` (${result.ambiguityErrors} "several meetings" errors)` : ""}` +
        `${result.secondUpOk === undefined ? "" : `, second up ${result.secondUpOk ? "ok" : "failed"}`}; after first up: ` +
        `duplicates ${result.afterFirstUp.duplicates}, orphans ${result.afterFirstUp.orphans}; final: duplicates ` +
        `${result.final.duplicates}, orphans ${result.final.orphans}, missing ${result.final.missing}`,
    );
  }
  return results;
}
