/** Where the benchmarks' results files and scratch files are, and the documents their figures are published in. */
import * as fs from "node:fs";
import * as path from "node:path";

/** The repository's root folder. */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** Where `npm run bench` writes its results files; the documents' generated blocks are made from the newest ones. */
export const RESULTS_DIR = path.join(REPO_ROOT, "bench", "results");

/** Where the benchmarks keep what is not to be committed: `--dry` runs' results files, installed copies, scratch projects. */
export const TMP_DIR = path.join(REPO_ROOT, "bench", "tmp");

/** The performance report, relative to the repository. */
export const PERFORMANCE_REPORT = path.join("docs", "performance.md");

/** The README, whose "Performance and reliability" section summarizes the report in two generated lines. */
export const README = "README.md";

/** The newest results file of `resultsDir` whose name matches `pattern` (names start with the date, so the last in order). */
export function newestResultsFile(resultsDir: string, pattern: RegExp): string {
  const newest = fs
    .readdirSync(resultsDir)
    .filter((name) => pattern.test(name))
    .sort()
    .at(-1);
  if (newest === undefined) throw new Error(`${resultsDir} has no results file matching ${pattern}`);
  return path.join(resultsDir, newest);
}
