/**
 * What a benchmark run leaves behind: its results file (a header saying when, where and with which
 * settings, then the figures) and, when that file is in bench/results, the documents' generated
 * blocks rewritten from it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { updateGeneratedBlocks, type BlocksByDocument } from "../../harness/generatedBlocks";
import { assertBuilt, pulumiCommand, repoRoot } from "../../harness/offlineEngine";
import type { FloorResults } from "./floorTable";
import { log } from "./log";
import { PERFORMANCE_REPORT, README, RESULTS_DIR } from "./reportFiles";
import type { ScaleResults } from "./scaleTable";
import { sleep } from "../../common/sleep";

/** The header of a results file. */
export interface RunHeader<S> {
  /** When the run started (ISO 8601); its first ten characters name the file. */
  date: string;
  cpus: number;
  node: string;
  pulumiVersion: string | undefined;
  /** 1-, 5- and 15-minute load averages. */
  loadAtStart: number[];
  settings: S;
}

/**
 * Checks the build, waits for a quiet machine when `waitLoad` (`--wait-load`) asks, and returns the
 * header of a results file: when, on what machine and CLI, at what load, with which settings.
 */
export async function startRun<S>(settings: S, waitLoad: number | undefined): Promise<RunHeader<S>> {
  assertBuilt();
  if (waitLoad !== undefined) await waitForLoad(waitLoad);
  const command = await pulumiCommand();
  return {
    date: new Date().toISOString(),
    cpus: os.cpus().length,
    node: process.version,
    pulumiVersion: command.version?.toString(),
    loadAtStart: os.loadavg(),
    settings,
  };
}

/** Waits, a minute at a time and for 20 minutes at most, until the 1-minute load average is below `limit`. */
async function waitForLoad(limit: number): Promise<void> {
  const deadline = Date.now() + 20 * 60_000;
  while (os.loadavg()[0] >= limit && Date.now() < deadline) {
    log(`load average ${os.loadavg()[0].toFixed(2)} >= ${limit}: waiting a minute`);
    await sleep(60_000);
  }
}

/** The path of the results file `name` in `outDir`, which is created if need be. */
export function resultsFile(outDir: string, name: string): string {
  fs.mkdirSync(outDir, { recursive: true });
  return path.join(outDir, name);
}

/** Writes a results file. Typed as what the documents' renderers read, so that a change of shape here fails to compile. */
export function writeResults(file: string, results: FloorResults | ScaleResults): void {
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

/**
 * Rewrites the generated blocks of docs/performance.md and the README that `generator` writes, from
 * `resultsFile`, when the run wrote it to bench/results: the documents show the newest results there,
 * and a spec fails until they do. A `--dry` run (bench/tmp) or one with `--out` elsewhere leaves them alone.
 */
export function publish(resultsFile: string, generator: string, blocks: (root: string, resultsFile: string) => BlocksByDocument): void {
  const docs = `${PERFORMANCE_REPORT} and ${README}`;
  if (path.dirname(path.resolve(resultsFile)) !== RESULTS_DIR) {
    log(
      `${docs} left as they are: they show the newest results in ${path.relative(repoRoot, RESULTS_DIR)}, not ${path.relative(repoRoot, resultsFile)}`,
    );
    return;
  }
  updateGeneratedBlocks(repoRoot, generator, blocks(repoRoot, resultsFile));
  log(`rewrote ${docs} (the blocks of ${generator}) from ${path.relative(repoRoot, resultsFile)}`);
}
