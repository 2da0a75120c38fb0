/**
 * The figures of `npm run bench:small-rate-limit` (bench/smallRateLimit.ts): what its results file
 * (`bench/results/small-rate-limit-<date>.json`) holds, and the table it prints from them, one
 * column per revision of the package.
 */
import { resourceName, type CliDiagnostic } from "../../harness/cliDiagnostics";

/** How one revision's `pulumi up --yes` ended. */
export type UpOutcome = "finished" | "failed" | "timed out";

/** One revision's `up`, measured. */
export interface SmallRateLimitLane {
  /** "current" (the build of this checkout) or "baseline" (`--baseline`). */
  readonly label: string;
  /** The short commit the package was built from, with "+changes" when the checkout had uncommitted changes. */
  readonly revision: string;
  readonly outcome: UpOutcome;
  /** The CLI's exit code (-1 when a signal ended it). */
  readonly exitCode: number;
  /** Wall time of `pulumi up --yes`, from its start to its end (or to its stop, when timed out). */
  readonly wallSeconds: number;
  /** When the `up` would have been stopped. */
  readonly timeoutSeconds: number;
  /** Requests the emulator received during the `up`. */
  readonly requests: number;
  /** Of those, how many it answered 429. */
  readonly tooManyRequests: number;
  /** Webhooks in the emulator's app when the `up` ended. */
  readonly created: number;
  /** The budget-wait lines of the CLI's "Diagnostics:" section, in order, each with its resource. */
  readonly budgetWaits: readonly CliDiagnostic[];
}

/** A results file of `npm run bench:small-rate-limit`. */
export interface SmallRateLimitResults {
  /** ISO time of the run's start. */
  readonly started: string;
  readonly settings: {
    /** Webhooks in the program. */
    readonly count: number;
    /** The emulator's limit, and the provider's `realtimekit:maxRequestsPerWindow`. */
    readonly limit: number;
    /** The emulator's window (and lockout), and the provider's `realtimekit:rateLimitWindowSeconds`. */
    readonly windowSeconds: number;
  };
  readonly machine: { readonly cpus: number; readonly node: string; readonly pulumi: string; readonly loadAverage: readonly number[] };
  readonly lanes: readonly SmallRateLimitLane[];
}

/**
 * The least time `count` creates (one request each) can take at `limit` requests per `windowSeconds`:
 * the first `limit` go at once, the rest at the limit's pace.
 */
export function rateFloorSeconds(count: number, limit: number, windowSeconds: number): number {
  return (Math.max(0, count - limit) / limit) * windowSeconds;
}

/** The wall-time cell: seconds, or how it ended when it did not finish. */
function wallTimeCell(lane: SmallRateLimitLane, count: number): string {
  if (lane.outcome === "timed out") return `not finished after ${lane.timeoutSeconds} s, ${lane.created} of ${count} created`;
  if (lane.outcome === "failed") return `failed (exit code ${lane.exitCode}) after ${lane.wallSeconds.toFixed(1)} s`;
  return `${lane.wallSeconds.toFixed(1)} s`;
}

/** The printed report: a header line, the table (a column per lane) and each lane's budget-wait lines. */
export function smallRateLimitReport(results: SmallRateLimitResults): string {
  const { count, limit, windowSeconds } = results.settings;
  const { machine } = results;
  const header =
    `${count} webhooks in one \`pulumi up --yes\`; emulator rate limit ${limit} requests per ${windowSeconds} s ` +
    `(lockout ${windowSeconds} s), realtimekit:maxRequestsPerWindow ${limit}, rateLimitWindowSeconds ${windowSeconds}; ` +
    `rate floor ${rateFloorSeconds(count, limit, windowSeconds).toFixed(0)} s. ` +
    `${machine.cpus} CPUs (load ${machine.loadAverage.map((n) => n.toFixed(1)).join(" ")}), Node ${machine.node}, ` +
    `Pulumi CLI ${machine.pulumi}, ${results.started.slice(0, 10)}.`;
  const { lanes } = results;
  const row = (name: string, cell: (lane: SmallRateLimitLane) => string) => `| ${name} | ${lanes.map(cell).join(" | ")} |`;
  const table = [
    `| | ${lanes.map((lane) => `${lane.label} (${lane.revision})`).join(" | ")} |`,
    `| --- |${" --- |".repeat(lanes.length)}`,
    row("wall time of `pulumi up --yes`", (lane) => wallTimeCell(lane, count)),
    row("webhooks created", (lane) => `${lane.created} of ${count}`),
    row("requests the emulator received", (lane) => String(lane.requests)),
    row("429 answers", (lane) => String(lane.tooManyRequests)),
    row("budget-wait lines in Diagnostics", (lane) => String(lane.budgetWaits.length)),
  ];
  const waits = lanes.map((lane) =>
    lane.budgetWaits.length === 0
      ? `Budget waits shown by ${lane.label} (${lane.revision}): none.`
      : [
          `Budget waits shown by ${lane.label} (${lane.revision}):`,
          ...lane.budgetWaits.map(({ resource, line }) => `  ${resourceName(resource)}: ${line}`),
        ].join("\n"),
  );
  return [header, "", ...table, "", ...waits].join("\n");
}
