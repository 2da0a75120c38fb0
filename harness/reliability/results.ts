/**
 * The results file of the reliability campaign (`bench/results/reliability-<date>.json`, written by
 * `npm run reliability`): its shape, its name, and several such files read as one, scenario by
 * scenario, for the figures of docs/reliability.md.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { AmbiguousCase } from "./ambiguous";
import type { BadInputSummary } from "./badInput";
import type { ConcurrencyResult } from "./concurrency";
import type { InterruptionRun } from "./interruption";
import type { RateLimitRun } from "./rateLimit";
import type { SecretsResult } from "./secrets";
import type { TransientRun, TransientSummary } from "./transient";

/** The scenarios in the order of docs/reliability.md, as `npm run reliability -- --only` names them. */
export const SCENARIOS = ["transient", "ambiguous", "interruption", "bad-input", "secrets", "rate-limit", "concurrency"] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** What each scenario measured, under its key; a scenario that did not run has none. */
export interface CampaignResults {
  transient?: { summary: TransientSummary; runs: TransientRun[] };
  /** The cases of one seed, then the identical-meeting cases again with more seeds. */
  ambiguous?: { cases: AmbiguousCase[]; sameTitleRepeats: AmbiguousCase[] };
  interruption?: InterruptionRun[];
  badInput?: BadInputSummary;
  secrets?: SecretsResult;
  rateLimit?: RateLimitRun[];
  concurrency?: ConcurrencyResult[];
}

/** The key of each scenario's figures in {@link CampaignResults}. */
export const RESULTS_KEY = {
  transient: "transient",
  ambiguous: "ambiguous",
  interruption: "interruption",
  "bad-input": "badInput",
  secrets: "secrets",
  "rate-limit": "rateLimit",
  concurrency: "concurrency",
} as const satisfies Record<Scenario, keyof CampaignResults>;

/** How the campaign was run: the options of `npm run reliability`. */
export interface CampaignArgs {
  readonly only: readonly Scenario[];
  /** CI-sized samples. */
  readonly quick: boolean;
  /** Whether the rate-limit runs at Cloudflare's real 1,200 / 300 s ran. */
  readonly realRateLimit: boolean;
  /** Where the results file was written, when not in bench/results. */
  readonly out?: string;
}

/** The search for used credentials in everything the engine printed or threw during a campaign. */
export interface CredentialSearch {
  readonly leaks: { label: string; secret: string }[];
  readonly bytesSearched: number;
}

/** A results file. */
export interface CampaignResultsFile {
  readonly started: string;
  readonly finished: string;
  readonly durationSeconds: number;
  readonly node: string;
  /** CPUs of the machine (files written before it was recorded have none). */
  readonly cpus?: number;
  readonly args: CampaignArgs;
  /** Invariants that did not hold: the campaign exits 1 when there is any. */
  readonly failures: string[];
  /** Known limitations met, reported but not counted as failures. */
  readonly knownBugs: string[];
  /** Files written before it was recorded have none. */
  readonly credentialSearch?: CredentialSearch;
  readonly results: CampaignResults;
}

/** Where `npm run reliability` writes its results files. */
export const RESULTS_DIR = path.resolve(__dirname, "..", "..", "bench", "results");

/** The name of the results file of a campaign started at `started` (ISO time). */
export function resultsFileName(started: string, quick: boolean): string {
  return `reliability-${started.slice(0, 10)}${quick ? "-quick" : ""}.json`;
}

/** The results files of full campaigns (`--quick` samples left out) in `dir`, oldest first. */
export function campaignResultsFiles(dir: string = RESULTS_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => /^reliability-\d{4}-\d{2}-\d{2}\.json$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

/** One file that {@link MergedResults} took figures from. */
export interface ResultsSource {
  readonly file: string;
  readonly header: Omit<CampaignResultsFile, "results">;
  /** The scenarios whose figures come from this file. */
  readonly scenarios: Scenario[];
}

/** Several results files read as one. */
export interface MergedResults {
  /** Each scenario's figures from the last file that has them. */
  readonly results: CampaignResults;
  /** The files that gave figures, in the order read. */
  readonly sources: ResultsSource[];
  /** The credential searches of those files together, when every one of them recorded it. */
  readonly credentialSearch?: CredentialSearch;
}

/**
 * Reads `files` in order, a later file overriding an earlier one scenario by scenario (e.g. a rerun
 * of `--only rate-limit` replaces the rate-limit figures of a full campaign and keeps the others).
 */
export function mergeResultsFiles(files: readonly string[]): MergedResults {
  const read = files.map((file) => ({ file, data: JSON.parse(fs.readFileSync(file, "utf8")) as CampaignResultsFile }));
  const owner = new Map<Scenario, number>();
  for (const [index, { data }] of read.entries()) {
    for (const scenario of SCENARIOS) if (data.results[RESULTS_KEY[scenario]] !== undefined) owner.set(scenario, index);
  }
  const results: CampaignResults = {};
  const sources: ResultsSource[] = [];
  for (const [index, { file, data }] of read.entries()) {
    const scenarios = SCENARIOS.filter((scenario) => owner.get(scenario) === index);
    for (const scenario of scenarios) copyFigures(results, data.results, RESULTS_KEY[scenario]);
    if (scenarios.length === 0) continue;
    const { results: _results, ...header } = data;
    sources.push({ file, header, scenarios });
  }
  const searches = sources.map((source) => source.header.credentialSearch);
  const recorded = searches.filter((search): search is CredentialSearch => search !== undefined);
  const credentialSearch =
    recorded.length > 0 && recorded.length === searches.length
      ? { leaks: recorded.flatMap((search) => search.leaks), bytesSearched: recorded.reduce((n, search) => n + search.bytesSearched, 0) }
      : undefined;
  return { results, sources, credentialSearch };
}

function copyFigures<K extends keyof CampaignResults>(to: CampaignResults, from: CampaignResults, key: K): void {
  to[key] = from[key];
}
