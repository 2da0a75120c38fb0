/**
 * The floor benchmark's figures in docs/performance.md and the README come from its newest results
 * file through bench/lib/floorTable.ts, never from a hand-made copy. Runs no benchmark: it reads the
 * committed results file (and variants of it written to a temporary folder).
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  FLOOR_COMMAND,
  FLOOR_GENERATOR,
  FLOOR_OPERATIONS,
  baselineMarkdown,
  floorBlocks,
  floorMarkdown,
  floorSummary,
  newestFloorResults,
  operationKey,
  type FloorResults,
} from "../../bench/lib/floorTable";
import { PERFORMANCE_REPORT, README, REPO_ROOT, RESULTS_DIR } from "../../bench/lib/reportFiles";
import { assertGeneratedBlocksCurrent, blockMarkers, updateGeneratedBlocks } from "../../harness/generatedBlocks";

const committedFile = path.join(RESULTS_DIR, "2026-11-25.json");
const committed = JSON.parse(fs.readFileSync(committedFile, "utf8")) as FloorResults;

/** `results` as a run without `--baseline` would have written it. */
function withoutBaseline(results: FloorResults): FloorResults {
  const ops = structuredClone(results.summary.ops);
  for (const n of results.settings.ns) for (const [op] of FLOOR_OPERATIONS) delete ops[operationKey(op, n)].baseline;
  return { ...results, baseline: undefined, summary: { ...results.summary, ops } };
}

describe("bench: the floor benchmark's table and summary", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-floor-table-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("takes the setup line, the medians and the request counts from the results file", () => {
    const table = floorMarkdown(committed);
    assert.ok(
      table.startsWith(
        "Emulator latency 50 ms per response, engine `--parallel 8`, median of 3 runs, 2 CPUs, Node v20.20.2, Pulumi CLI 3.274.1, 2026-11-25.\n",
      ),
      table,
    );
    assert.match(
      table,
      /\n\| `destroy` \| 1\.27 s \| 1\.77 s \| \*\*1\.40\*\* \| 1\.32 \| 40 \| 2\.70 s \| 4\.08 s \| \*\*1\.51\*\* \| 1\.42 \| 200 \|\n/,
    );
    assert.match(table, /\nDeactivating 50 meetings with live sessions in one `up`: floor 2\.65 s, ours 2\.69 s \(ratio \*\*1\.02\*\*/);
    assert.match(table, /\nState per resource \(N=150\): `__provider` 609 bytes \(289 × 2 copies; by value from sources: 2406 bytes × 2\)/);
    assert.ok(!table.includes("Before / after"), "the --baseline comparison is printed by the run, not put in the report");
  });

  it("shows a request count the run did not measure (null in the file) as –, and no deactivation line without that scenario", () => {
    const [first, ...rest] = committed.perOperation;
    const table = floorMarkdown({
      ...committed,
      perOperation: [{ ...first, measured: null }, ...rest],
      summary: { ...committed.summary, deactivate: { ...committed.summary.deactivate, n: 0 } },
    });
    assert.match(table, /\n\| create meeting \(ACTIVE\) \| – \| 1 \|\n/);
    assert.ok(!table.includes("Deactivating"));
  });

  it("compares with the --baseline lane only when the run had one", () => {
    const before = baselineMarkdown(committed) ?? "";
    assert.match(before, /^Before \/ after \(`--baseline efaf2d6`\): ratio to the floor, wall \(CPU\)\.\n/);
    assert.match(before, /\n\| `up` creating N objects \| 1\.16 \(1\.05\) \| 1\.06 \(1\.08\) \| 1\.45 \(1\.51\) \| 1\.09 \(1\.32\) \|\n/);
    assert.match(before, /\nState per resource before: 3232 bytes/);
    assert.equal(baselineMarkdown(withoutBaseline(committed)), undefined);
  });

  it("summarizes in one line for the README: requests against the API's minimum, wall and CPU ratios with the largest", () => {
    assert.equal(
      floorSummary(committed, "bench/results/2026-11-25.json"),
      "- Against the floor (`bench/results/2026-11-25.json`: N = 30 and 150, median of 3 runs): each of the 12 request counts " +
        "measured is the API's minimum; ours took 0.87–1.51× the floor's wall time (the most: `destroy` at N = 150) and 1.08–1.42× its CPU time.",
    );
    const [first, ...rest] = committed.perOperation;
    const above = floorSummary({ ...committed, perOperation: [{ ...first, measured: 2 }, ...rest] }, "x.json");
    assert.match(above, /\*\*1 of 12 request counts measured are above the API's minimum\*\* \(create meeting \(ACTIVE\)\)/);
  });

  it("rewrites the report's and the README's blocks in place, naming the results file relative to each", () => {
    const results = path.join(dir, "bench", "results", "2026-11-25.json");
    fs.mkdirSync(path.dirname(results), { recursive: true });
    fs.copyFileSync(committedFile, results);
    fs.mkdirSync(path.join(dir, "docs"));
    const block = (name: string) => {
      const { start, end } = blockMarkers(name, FLOOR_GENERATOR);
      return `before\n${start}\nhand-made\n${end}\nafter\n`;
    };
    fs.writeFileSync(path.join(dir, PERFORMANCE_REPORT), block("floor-table"));
    fs.writeFileSync(path.join(dir, README), block("floor-summary"));
    updateGeneratedBlocks(dir, FLOOR_GENERATOR, floorBlocks(dir, results));
    const once = [PERFORMANCE_REPORT, README].map((doc) => fs.readFileSync(path.join(dir, doc), "utf8"));
    updateGeneratedBlocks(dir, FLOOR_GENERATOR, floorBlocks(dir, results));
    assert.deepEqual(
      [PERFORMANCE_REPORT, README].map((doc) => fs.readFileSync(path.join(dir, doc), "utf8")),
      once,
      "a second run changes nothing",
    );
    const [report, readme] = once;
    assert.ok(report.includes("\nFigures from `../bench/results/2026-11-25.json`:\n\nEmulator latency 50 ms"), report);
    assert.ok(readme.includes("\n- Against the floor (`bench/results/2026-11-25.json`: "), readme);
    for (const text of once) {
      assert.ok(!text.includes("hand-made"));
      assert.ok(text.startsWith("before\n") && text.endsWith("-->\nafter\n"));
    }
  });

  it("reads the newest dated results file, not the cost curve's or the reliability campaign's", () => {
    for (const name of ["2026-01-01.json", "2026-02-01.json", "scale-2026-03-01.json", "reliability-2026-03-01.json", "notes.md"]) {
      fs.writeFileSync(path.join(dir, name), "{}");
    }
    assert.equal(newestFloorResults(dir), path.join(dir, "2026-02-01.json"));
  });

  it("docs/performance.md and the README carry the figures of the newest results file, not a hand-made copy", () => {
    assertGeneratedBlocksCurrent(REPO_ROOT, FLOOR_GENERATOR, floorBlocks(REPO_ROOT, newestFloorResults(RESULTS_DIR)), FLOOR_COMMAND);
  });
});
