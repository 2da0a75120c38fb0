/**
 * The figures of docs/reliability.md, made from the campaign's results files: the Summary table
 * (which `npm run reliability` also prints) and the tables of each scenario's section. Run this file
 * to rewrite the page's generated blocks:
 *
 *   node -r ts-node/register/transpile-only harness/reliability/report.ts [bench/results/reliability-<date>.json …]
 *
 * With no file given it reads every full campaign's file in bench/results, oldest first; a later
 * file overrides an earlier one scenario by scenario (e.g. a rerun of `--only rate-limit`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { plural } from "../../common/words";
import { pathFromDoc, updateGeneratedBlocks, withGeneratedBlocks, type BlocksByDocument } from "../generatedBlocks";
import type { AmbiguousCase } from "./ambiguous";
import type { BadInputSummary, BadInputTarget } from "./badInput";
import type { ConcurrencyResult } from "./concurrency";
import type { InterruptionRun, KillMode } from "./interruption";
import type { RateLimitRun } from "./rateLimit";
import {
  RESULTS_KEY,
  SCENARIOS,
  campaignResultsFiles,
  mergeResultsFiles,
  type CampaignResults,
  type CredentialSearch,
  type MergedResults,
  type ResultsSource,
  type Scenario,
} from "./results";
import type { SecretsResult } from "./secrets";
import type { TransientSummary } from "./transient";

// ---------------------------------------------------------------------------------------------
// Markdown and number formatting

const row = (cells: readonly unknown[]) => `| ${cells.map((c) => String(c)).join(" | ")} |`;
const table = (head: readonly string[], rows: readonly (readonly unknown[])[]) =>
  [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n");
const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;
const thousands = (n: number) => n.toLocaleString("en-US");
const sum = <T>(items: readonly T[], of: (item: T) => number) => items.reduce((n, item) => n + of(item), 0);
/** `a–b`, or `a` when all values are the same. */
function range(values: readonly number[]): string {
  const [low, high] = [Math.min(...values), Math.max(...values)];
  return low === high ? thousands(low) : `${thousands(low)}–${thousands(high)}`;
}
/** How many of `items` have each value of `key`, in order of first appearance: `a ×2, b ×1`. */
function tally<T>(items: readonly T[], key: (item: T) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].map(([value, n]) => `${value} ×${n}`).join(", ");
}
/** "Duplicates / orphans / missing" in one phrase, bold: the invariant every scenario checks. */
const lossFigures = (duplicates: number, orphans: number, missing: number) =>
  `**${plural(duplicates, "duplicate")}, ${plural(orphans, "orphan")}, ${missing} missing**`;

// ---------------------------------------------------------------------------------------------
// 1. Transient faults

function transientSummary({ summary: t }: NonNullable<CampaignResults["transient"]>): [string, string] {
  const c = t.changes;
  const sample =
    `Transient faults: ${t.runs} \`up\` runs × ${t.objectsPerRun} objects, ~${Math.round(t.faultRate * 100)} % of calls failing ` +
    `(${t.injectedFaults} of ${t.apiRequests} injected, ${Object.keys(t.faultsByKind).length} kinds)` +
    (c
      ? `; then in ${c.runs === t.runs ? "each run" : `${c.runs} of them`} an \`up\` of ${c.changesDeclared / c.runs} updates, ` +
        `deletes and creates under the same fault rate (${c.injectedFaults} of ${c.apiRequests} injected)`
      : "");
  const parts = [
    `creates: ${attempts(t.runs, t.successAtFirstTry, t.neededSecondUp - t.failedAfterSecondUp, t.failedAfterSecondUp)} ` +
      `(${t.retries} retries, ${t.lookups} lookups)`,
  ];
  if (c) {
    const secondUp = c.runs - c.successAtFirstTry - c.failedAfterSecondUp;
    parts.push(`changes: ${attempts(c.runs, c.successAtFirstTry, secondUp, c.failedAfterSecondUp)} (${c.retries} retries)`);
  }
  const dirty = t.previewWithChanges + (c?.refreshedPreviewWithChanges ?? 0);
  parts.push(dirty === 0 ? "refresh + preview clean" : `**${plural(dirty, "preview")} with changes**`);
  const losses = lossFigures(t.duplicates + (c?.duplicates ?? 0), t.orphans + (c?.orphans ?? 0), t.missing + (c?.missing ?? 0));
  const deactivation = c
    ? [
        c.removedStillActive === 0 ? "removed meetings INACTIVE" : `**${plural(c.removedStillActive, "removed meeting")} still ACTIVE**`,
        c.liveOnInactive === 0
          ? "no live session left on a deactivated meeting"
          : `**${plural(c.liveOnInactive, "live session")} left on deactivated meetings**`,
      ]
    : [];
  parts.push([losses, ...deactivation].join(", "));
  return [sample, parts.join("; ")];
}

/** How `runs` `up`s went: at the first attempt, at the second, or not at all. */
function attempts(runs: number, first: number, second: number, failed: number): string {
  return `${first}/${runs} succeeded at the first \`up\`${second ? `, ${second} at the second` : ""}${failed ? `, **${failed} failed twice**` : ""}`;
}

function transientTable({ summary: t }: NonNullable<CampaignResults["transient"]>): string {
  const kinds = Object.entries(t.faultsByKind)
    .sort()
    .map(([kind, n]) => `${kind} ${n}`)
    .join(", ");
  return table(
    ["Figure", "Value"],
    [
      ["Runs × objects", `${t.runs} × ${t.objectsPerRun}`],
      ["API requests / injected faults", `${t.apiRequests} / ${t.injectedFaults} (${percent(t.injectedFaults, t.apiRequests)})`],
      ["Faults by kind", kinds],
      ["Retries (re-sent identical requests) / lookups", `${t.retries} / ${t.lookups}`],
      [
        "`up` succeeded at first try / needed a 2nd `up` / failed twice",
        `${t.successAtFirstTry} / ${t.neededSecondUp - t.failedAfterSecondUp} / ${t.failedAfterSecondUp}`,
      ],
      ["Preview with changes afterwards", t.previewWithChanges],
      ["Duplicates / orphans / missing", `**${t.duplicates} / ${t.orphans} / ${t.missing}**`],
      ...(t.changes ? changeRows(t.changes) : []),
      ["Wall time", seconds(t.durationMs)],
    ],
  );
}

/** Rows of the update/delete phases of the transient runs. */
function changeRows(c: NonNullable<TransientSummary["changes"]>): unknown[][] {
  return [
    ["Changes: runs × objects changed (updated, removed, added)", `${c.runs} × ${c.changesDeclared / c.runs}`],
    [
      "Changes: API requests / injected faults / retries",
      `${c.apiRequests} / ${c.injectedFaults} (${percent(c.injectedFaults, c.apiRequests)}) / ${c.retries}`,
    ],
    ["Changes: `up` succeeded at first try / failed twice", `${c.successAtFirstTry} / ${c.failedAfterSecondUp}`],
    ["Changes: refresh + preview with changes afterwards", c.refreshedPreviewWithChanges],
    ["Changes: duplicates / orphans / missing", `**${c.duplicates} / ${c.orphans} / ${c.missing}**`],
    [
      "Changes: removed meetings still ACTIVE / live sessions left on INACTIVE meetings",
      `**${c.removedStillActive} / ${c.liveOnInactive}**`,
    ],
  ];
}

// ---------------------------------------------------------------------------------------------
// 2. Ambiguous creates

const allAmbiguousCases = (a: NonNullable<CampaignResults["ambiguous"]>): AmbiguousCase[] => [...a.cases, ...a.sameTitleRepeats];

function ambiguousSummary(a: NonNullable<CampaignResults["ambiguous"]>): [string, string] {
  const cases = allAmbiguousCases(a);
  const group = (prefix: string) => cases.filter((c) => c.name.startsWith(prefix));
  const [keyed, meetings, sameTitle] = [group("keyed-"), group("meetings-"), group("same-title-")];
  const sample = [
    keyed.length ? `${keyed[0].objects} presets + webhooks` : "",
    meetings.length ? `${meetings[0].objects} distinct meetings` : "",
    sameTitle.length ? `${sameTitle.length} runs of ${sameTitle[0].objects} identical meetings in parallel` : "",
  ].filter((part) => part !== "");
  const failedFirstUp = cases.filter((c) => !c.firstUpOk).length;
  const shared = sum(cases, (c) => c.afterFirstUp.duplicates);
  const final = cases.map((c) => c.final);
  return [
    `Ambiguous creates: ${sample.join(", ")}`,
    `${sum(cases, (c) => c.lostAfterCommit)} creates lost their response after commit, ${sum(cases, (c) => c.failedBeforeCommit)} ` +
      `failed before it, ${sum(cases, (c) => c.slowSuccess)} were answered slowly; ` +
      (failedFirstUp === 0 ? "every `up` succeeded at once" : `**the first \`up\` failed in ${failedFirstUp} of ${cases.length} cases**`) +
      `; ${lossFigures(
        sum(final, (f) => f.duplicates),
        sum(final, (f) => f.orphans),
        sum(final, (f) => f.missing),
      )}; ${shared === 0 ? "no shared id" : `**${plural(shared, "shared id")}**`} after the first \`up\``,
  ];
}

function ambiguousTable(a: NonNullable<CampaignResults["ambiguous"]>): string {
  return table(
    [
      "Case",
      "Objects",
      "Lost after commit / failed before / slow",
      "1st `up`",
      "Shared ids after it",
      "Final duplicates / orphans / missing",
    ],
    allAmbiguousCases(a).map((c) => [
      c.name,
      c.objects,
      `${c.lostAfterCommit} / ${c.failedBeforeCommit} / ${c.slowSuccess}`,
      c.firstUpOk ? "ok" : `failed, ${c.ambiguityErrors} × "several meetings"`,
      c.afterFirstUp.duplicates,
      `${c.final.duplicates} / ${c.final.orphans} / ${c.final.missing}`,
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// 3. Interruption

const KILLS: Readonly<Record<KillMode, string>> = {
  sigkill: "SIGKILL",
  "sigint-group": "Ctrl-C to the job",
  "sigint-cli": "SIGINT to `pulumi`",
  "provider-kill": "provider process killed alone",
};

const converged = (run: InterruptionRun) =>
  run.final.duplicates === 0 && run.final.orphans === 0 && run.final.missing === 0 && run.previewNoChanges;

function interruptionSummary(runs: InterruptionRun[]): [string, string] {
  const crashes = runs.filter((run) => run.mode === "provider-kill");
  const kills = runs.filter((run) => run.mode !== "provider-kill");
  const sample =
    `Interruption: \`up\` of ${range(runs.map((run) => run.objects))} objects killed (${tally(kills, (run) => KILLS[run.mode])})` +
    (crashes.length ? `, or its provider process killed alone ×${crashes.length}` : "");
  const parts: string[] = [];
  const documented = runs.filter((run) => run.recovery === "documented");
  if (documented.length) {
    const decisions = documented.flatMap((run) => run.decisions);
    const imported = decisions.filter((d) => d.action === "import").length;
    parts.push(
      `\`recover-pending\`: ${imported} of ${sum(documented, (run) => run.pendingCreates)} pending creates found and imported, ` +
        `${decisions.length - imported} dropped as never created`,
    );
  }
  const journal = runs.filter((run) => run.recovery !== "documented");
  if (journal.length) {
    const how = [
      journal.some((run) => run.recovery === "up-only") ? "a plain `up`" : "",
      journal.some((run) => run.recovery === "clear-pending") ? "`--clear-pending-creates` then `up`" : "",
    ].filter((part) => part !== "");
    const notConverged = journal.filter((run) => !converged(run)).length;
    parts.push(
      `${how.length === 2 ? `${how[0]} (or ${how[1]})` : how[0]} on the same machine: ` +
        (notConverged === 0
          ? `the create journal adopted every unrecorded object (${sum(journal, (run) => run.unrecorded)}` +
            (crashes.length
              ? `, ${sum(crashes, (run) => run.unrecorded)} of them left by the ${plural(crashes.length, "provider crash", "provider crashes")})`
              : ")")
          : `**${notConverged} of ${journal.length} runs did not converge**`),
    );
  }
  const final = runs.map((run) => run.final);
  const losses = [sum(final, (f) => f.duplicates), sum(final, (f) => f.orphans), sum(final, (f) => f.missing)] as const;
  parts.push(`${lossFigures(...losses)} in ${losses.every((n) => n === 0) ? "all " : ""}${runs.length} runs`);
  return [sample, parts.join("; ")];
}

function interruptionTable(runs: InterruptionRun[]): string {
  return table(
    [
      "Kill",
      "Recovery",
      "Creates sent",
      "Pending creates",
      "Unrecorded objects",
      "Lock left",
      "Recovered (imported / cleared)",
      "Steps",
      "Final duplicates / orphans / missing",
    ],
    runs.map((run) => [
      run.mode,
      run.recovery,
      run.postsAtKill,
      run.pendingCreates,
      run.unrecorded,
      run.lockLeft ? "yes" : "no",
      run.decisions.length
        ? `${run.decisions.filter((d) => d.action === "import").length} / ${run.decisions.filter((d) => d.action === "clear").length}`
        : "–",
      run.steps.map((step) => `${step.step.replace(/ \(.*\)$/, "")} ${step.ok ? "✓" : "✗"}`).join(" → "),
      `${run.final.duplicates} / ${run.final.orphans} / ${run.final.missing}`,
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// 4. Bad input

const BAD_INPUT_TARGETS: readonly [BadInputTarget, string][] = [
  ["Meeting", "Meeting"],
  ["Webhook", "Webhook"],
  ["Preset", "Preset"],
  ["config file", "Config file (`RealtimeKitStack`)"],
  ["stack config", "Stack config (through `up`)"],
];

/** Cases rejected at `preview` (packed several to a preview) and at `up` (one `up` each). */
function badInputRuns(results: BadInputSummary["results"]): { previews: number; ups: number } {
  const atPreview = results.filter((r) => r.via.startsWith("preview"));
  return { previews: new Set(atPreview.map((r) => r.via)).size, ups: results.length - atPreview.length };
}

function badInputSummary(b: BadInputSummary): [string, string] {
  const of = (target: BadInputTarget) => b.results.filter((r) => r.target === target);
  const resources = b.results.filter((r) => ["Meeting", "Webhook", "Preset"].includes(r.target)).length;
  const rejected = b.results.filter((r) => r.rejected);
  const atPreview = rejected.filter((r) => r.via.startsWith("preview")).length;
  return [
    `Bad input: ${b.cases} invalid inputs (${resources} resource, ${of("config file").length} config file, ${of("stack config").length} stack config)`,
    `**${b.rejected}/${b.cases} rejected** with path and reason (${atPreview} at \`preview\`, ${rejected.length - atPreview} at \`up\`), ` +
      `**${plural(b.apiRequests, "API request")}**`,
  ];
}

function badInputTable(b: BadInputSummary): string {
  const runIn = (results: BadInputSummary["results"]) => {
    const { previews, ups } = badInputRuns(results);
    return [previews ? plural(previews, "preview") : "", ups ? plural(ups, "`up`") : ""].filter((s) => s).join(", ");
  };
  return table(
    ["Target", "Rejected / cases", "Run in"],
    [
      ...BAD_INPUT_TARGETS.map(([target, label]) => {
        const of = b.results.filter((r) => r.target === target);
        return [label, `${of.filter((r) => r.rejected).length} / ${of.length}`, runIn(of)];
      }),
      ["**All**", `**${b.rejected} / ${b.cases}**`, runIn(b.results)],
      ["API requests during the table", `**${b.apiRequests}** (writes ${b.apiWrites})`, ""],
    ],
  );
}

// ---------------------------------------------------------------------------------------------
// 5. Credentials and secrets

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function secretsSummary(s: SecretsResult, search?: CredentialSearch): [string, string] {
  const searched = s.checks.filter((c) => !c.expected);
  const leaking = searched.filter((c) => c.found.length > 0);
  const inSdkLines = [...new Set(searched.flatMap((c) => c.inSdkDebugLines))];
  const clean = s.errors.filter((e) => e.namesKey && !e.containsToken).length;
  const parts = [
    (leaking.length === 0
      ? `**0 occurrences** of any credential in ${searched.length} places searched (${mib(sum(searched, (c) => c.bytes))})`
      : `**credentials in ${leaking.map((c) => `${c.where} (${c.found.join(", ")})`).join("; ")}**`) +
      (inSdkLines.length ? ` outside the Node SDK's own debug lines (there: ${inSdkLines.join(", ")})` : ""),
    search === undefined
      ? ""
      : search.leaks.length === 0
        ? `none in the ${mib(search.bytesSearched)} of engine output and errors of the whole campaign`
        : `**${plural(search.leaks.length, "leak")} in the engine output and errors of the campaign**`,
    s.configCredentialsDelivered ? "" : "**the credentials from config did not reach the API**",
    clean === s.errors.length
      ? `the ${plural(s.errors.length, "provoked error")} name their config key, none contains the token`
      : `**${s.errors.length - clean} of ${s.errors.length} provoked errors name no config key or contain the token**`,
  ];
  return [
    "Credentials: canary token and storage keys (from stack config and literal); state, CLI output, `-v=9` and `--debug` logs, every error",
    parts.filter((part) => part !== "").join("; "),
  ];
}

function secretsTables(s: SecretsResult): string {
  const rows = s.checks.map((c) => [
    c.where,
    `${Math.round(c.bytes / 1024)} KiB`,
    c.found.length ? (c.expected ? `${c.found.join(", ")} (by design)` : `**${c.found.join(", ")}**`) : "none",
    c.inSdkDebugLines.length ? c.inSdkDebugLines.join(", ") : "–",
  ]);
  const errors = s.errors.map((e) => [e.case, e.namesKey ? "yes" : "**no**", e.containsToken ? "**yes**" : "no", e.writes]);
  return [
    table(["Searched", "Size", "Credential in plain text", "Only in the SDK's debug lines"], rows),
    table(["Provoked error", "Names the config key", "Contains the token", "Writes"], errors),
    s.configCredentialsDelivered
      ? "The credentials from config reached the API (the emulator stored both values)."
      : "**The credentials from config did not reach the API.**",
  ].join("\n\n");
}

// ---------------------------------------------------------------------------------------------
// 6. Rate limit

const serverLimit = (run: RateLimitRun) => `${thousands(run.emulator.limit)} / ${run.emulator.windowMs / 1000} s`;

function rateLimitSummary(runs: RateLimitRun[]): [string, string] {
  const on = runs.filter((run) => run.budget !== "off");
  const off = runs.filter((run) => run.budget === "off");
  const failed = runs.filter((run) => !run.completed);
  const parts = [
    on.length ? `budget on: **${sum(on, (run) => run.rateLimited)} × 429** (at ${[...new Set(on.map(serverLimit))].join(" and ")})` : "",
    off.length
      ? "budget off: " +
        off.map((run) => `${run.rateLimited} × 429 waited out (${serverLimit(run)}, ${run.emulator.lockoutMs / 1000} s lockout)`).join(", ")
      : "",
    failed.length === 0 ? "every run completed" : `**${failed.map((run) => run.label).join(", ")} failed**`,
  ];
  return [
    `Rate limit: ${range(runs.map((run) => run.objects))} objects created, refreshed, destroyed (${range(runs.map((run) => run.requests))} requests)`,
    parts.filter((part) => part !== "").join("; "),
  ];
}

function rateLimitTable(runs: RateLimitRun[]): string {
  const perPhase = (total: number, of: (phase: RateLimitRun["phases"][number]) => number, run: RateLimitRun) =>
    total === 0 ? "0" : `${total} (${run.phases.map(of).join(" + ")})`;
  const phases = runs[0].phases.map((phase) => phase.op).join(" + ");
  return table(
    [
      "Run",
      "Emulator (limit / window / lockout)",
      "Client budget",
      "Phases",
      "Objects",
      `Requests (${phases})`,
      `429s (${phases})`,
      "Retries",
      "Result",
      "Time",
    ],
    runs.map((run) => [
      run.label,
      `${run.emulator.limit} / ${run.emulator.windowMs / 1000} s / ${run.emulator.lockoutMs / 1000} s`,
      run.budget === "off"
        ? `off${run.maxRetries ? `, maxRetries ${run.maxRetries}` : ""}`
        : `${run.budget.maxRequests} / ${run.budget.windowSeconds} s`,
      run.separatePhases ? "one window apart" : "back to back",
      run.objects,
      perPhase(run.requests, (phase) => phase.requests, run),
      perPhase(run.rateLimited, (phase) => phase.rateLimited, run),
      run.retries,
      run.completed
        ? "completed"
        : `**failed** (${run.phases
            .filter((phase) => !phase.ok)
            .map((phase) => phase.op)
            .join(", ")})`,
      seconds(run.durationMs),
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// 7. Concurrency

function concurrencySummary(runs: ConcurrencyResult[]): [string, string] {
  const failedUps = runs.filter((c) => !c.upOk || c.errors.length > 0).length;
  const dirtyDestroys = runs.filter((c) => !c.destroyOk || c.leftAfterDestroy > 0).length;
  const changed = runs.filter((c) => !c.previewNoChanges).length;
  return [
    `Concurrency: \`up --parallel ${range(runs.map((c) => c.parallel))}\` on ${range(runs.map((c) => c.objects))} objects, ${runs.length} runs`,
    [
      failedUps === 0 ? "no errors" : `**${plural(failedUps, "failed run")}**`,
      lossFigures(
        sum(runs, (c) => c.audit.duplicates),
        sum(runs, (c) => c.audit.orphans),
        sum(runs, (c) => c.audit.missing),
      ),
      changed === 0 ? "preview clean" : `**${plural(changed, "preview")} with changes**`,
      dirtyDestroys === 0 ? "clean destroy" : `**${plural(dirtyDestroys, "destroy")} failed or left objects**`,
    ].join(", "),
  ];
}

function concurrencyTable(runs: ConcurrencyResult[]): string {
  return table(
    ["Run", "Objects", "--parallel", "`up`", "Duplicates / orphans / missing", "Preview", "`destroy`", "Left", "Peak requests in flight"],
    runs.map((c, i) => [
      i + 1,
      c.objects,
      c.parallel,
      `${c.upOk ? "ok" : "**failed**"} ${(c.upMs / 1000).toFixed(1)} s`,
      `${c.audit.duplicates} / ${c.audit.orphans} / ${c.audit.missing}`,
      c.previewNoChanges ? "no changes" : "**changes**",
      `${c.destroyOk ? "ok" : "**failed**"} ${(c.destroyMs / 1000).toFixed(1)} s`,
      c.leftAfterDestroy,
      c.peakConcurrentRequests,
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// The page

/** The figures of one scenario in {@link CampaignResults}, undefined when it did not run. */
type Figures<S extends Scenario> = CampaignResults[(typeof RESULTS_KEY)[S]];

/** How a scenario appears on the page: its Summary row (scenario and sample, result) and its section's tables. */
interface ScenarioReport<S extends Scenario> {
  summary(figures: NonNullable<Figures<S>>, search?: CredentialSearch): [string, string];
  tables(figures: NonNullable<Figures<S>>): string;
}

const REPORTS: { readonly [S in Scenario]: ScenarioReport<S> } = {
  transient: { summary: transientSummary, tables: transientTable },
  ambiguous: { summary: ambiguousSummary, tables: ambiguousTable },
  interruption: { summary: interruptionSummary, tables: interruptionTable },
  "bad-input": { summary: badInputSummary, tables: badInputTable },
  secrets: { summary: secretsSummary, tables: secretsTables },
  "rate-limit": { summary: rateLimitSummary, tables: rateLimitTable },
  concurrency: { summary: concurrencySummary, tables: concurrencyTable },
};

function figuresOf<S extends Scenario>(results: CampaignResults, scenario: S): Figures<S> {
  return results[RESULTS_KEY[scenario]];
}

function summaryRow<S extends Scenario>(results: CampaignResults, scenario: S, search?: CredentialSearch): string | undefined {
  const figures = figuresOf(results, scenario);
  return figures === undefined ? undefined : row([SCENARIOS.indexOf(scenario) + 1, ...REPORTS[scenario].summary(figures, search)]);
}

/**
 * The Summary table: one row per scenario that has figures in `results`, numbered as the page's
 * sections; `search` (the campaign's credential search) adds its figure to the credentials row.
 */
export function summaryTable(results: CampaignResults, search?: CredentialSearch): string {
  const rows = SCENARIOS.map((scenario) => summaryRow(results, scenario, search)).filter((line) => line !== undefined);
  return [row(["#", "Scenario (sample)", "Result"]), row(["---", "---", "---"]), ...rows].join("\n");
}

/** The tables of `scenario`'s section. */
export function scenarioTables<S extends Scenario>(results: CampaignResults, scenario: S): string {
  const figures = figuresOf(results, scenario);
  if (figures === undefined) throw new Error(`no results file has figures of the ${scenario} scenario`);
  return REPORTS[scenario].tables(figures);
}

/** Where the figures come from, as the page says it: each file, when its campaign ran, and for how long. */
function sourcesLine(sources: readonly ResultsSource[], reportFile: string): string {
  const described = sources.map(({ file, header, scenarios }) => {
    const facts = [
      sources.length > 1 ? scenarios.join(", ") : "",
      `campaign started ${header.started.slice(0, 16).replace("T", " ")} UTC`,
      `${Math.round(header.durationSeconds / 60)} minutes`,
      header.cpus === undefined ? "" : `${header.cpus} CPUs`,
      header.failures.length === 0 ? "no failed invariant" : `**${plural(header.failures.length, "failed invariant")}**`,
      header.knownBugs.length === 0 ? "" : plural(header.knownBugs.length, "known limitation"),
    ];
    return `\`${pathFromDoc(reportFile, file)}\` (${facts.filter((fact) => fact !== "").join(", ")})`;
  });
  return `Figures from ${described.join(", ")}:`;
}

/** Where the figures go: the generated blocks of this page. */
export const REPORT_FILE = path.join("docs", "reliability.md");

/** This file, as the markers of the generated blocks name it. */
export const REPORT_GENERATOR = "harness/reliability/report.ts";

/** The Summary block for `docFile` (links are relative to it). */
function summaryBlock(docFile: string, merged: MergedResults): string {
  return `${sourcesLine(merged.sources, docFile)}\n\n${summaryTable(merged.results, merged.credentialSearch)}`;
}

function pageBlocks(reportFile: string, merged: MergedResults): Record<string, string> {
  const blocks: Record<string, string> = { "reliability-summary": summaryBlock(reportFile, merged) };
  for (const scenario of SCENARIOS) blocks[`reliability-${scenario}`] = scenarioTables(merged.results, scenario);
  return blocks;
}

/** The generated blocks of the page (name → body) made from `files`; `reportFile` is where links are relative to. */
export function reportBlocks(reportFile: string, files: readonly string[]): Record<string, string> {
  return pageBlocks(reportFile, mergeResultsFiles(files));
}

/**
 * The blocks of every document this file writes, made from `files`: the page only (the README links
 * to the page's Summary instead of holding a copy).
 */
export function reliabilityBlocks(root: string, files: readonly string[]): BlocksByDocument {
  return { [REPORT_FILE]: reportBlocks(path.join(root, REPORT_FILE), files) };
}

/** `reportText` (the text of `reportFile`) with its generated blocks made from `files`. */
export function withReliabilityReport(reportText: string, reportFile: string, files: readonly string[]): string {
  return withGeneratedBlocks(reportText, reportFile, REPORT_GENERATOR, reportBlocks(reportFile, files));
}

/** Rewrites the generated blocks of `reportFile` from `files`. */
export function updateReport(reportFile: string, files: readonly string[]): void {
  fs.writeFileSync(reportFile, withReliabilityReport(fs.readFileSync(reportFile, "utf8"), reportFile, files));
}

if (require.main === module) {
  const root = path.resolve(__dirname, "..", "..");
  const given = process.argv.slice(2).map((file) => path.resolve(file));
  const files = given.length > 0 ? given : campaignResultsFiles();
  updateGeneratedBlocks(root, REPORT_GENERATOR, reliabilityBlocks(root, files));
  process.stderr.write(`${REPORT_FILE}: figures from ${files.map((file) => path.relative(root, file)).join(", ")}\n`);
}
