import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PERFORMANCE_REPORT, README, REPO_ROOT, RESULTS_DIR } from "../../bench/lib/reportFiles";
import {
  SCALE_COMMAND,
  SCALE_GENERATOR,
  ScaleResults,
  newestScaleResults,
  scaleBlocks,
  scaleMarkdown,
  scaleSummary,
} from "../../bench/lib/scaleTable";
import { assertGeneratedBlocksCurrent, blockMarkers, updateGeneratedBlocks } from "../../harness/generatedBlocks";

const op = (ms: number, floorMs: number, rateFloorMs: number, requests: number) => ({
  ms,
  floorMs,
  rateFloorMs,
  requests,
  rejected429: 0,
  providerMaxRssKb: 150 * 1024,
  loadavg: [1.5, 2.5],
});

const results: ScaleResults = {
  date: "2026-11-28T22:00:00.000Z",
  cpus: 2,
  pulumiVersion: "3.274.1",
  loadAtStart: [1.5],
  loadAtEnd: [2.5],
  settings: { parallel: 8, latencyMs: 50, rateLimit: { limit: 1200, windowSeconds: 30 } },
  targets: [{ target: "refresh requests <= N/50 at N=2000", holds: false, figure: "690 (N/50 = 40)" }],
  runs: [
    {
      n: 2000,
      ops: {
        create: op(90_000, 60_000, 20_000, 2000),
        refresh: { ...op(30_000, 20_000, 0, 690), byRoute: { "GET meetings": 7, "GET webhooks": 1, "GET presets/:id": 666 } },
      },
      state: { provider: { perResourceBytes: 2183 }, floor: { perResourceBytes: 1953 } },
    },
  ],
};

describe("bench: the cost curve's table", () => {
  it("has one row per N and operation, ratios against the larger floor, and the targets", () => {
    const table = scaleMarkdown(results);
    assert.match(table, /rate limit 1200 per 30 s \(Cloudflare's 1,200 per 300 s with time 10× faster\)/);
    assert.match(table, /load 1\.5 to 2\.5/);
    assert.match(table, /\| 2000 \| `up` creating N \| 90\.0 \| 60\.0 \| 20\.0 \| 1\.50 \| 2000 \| 0 \| 150 MiB \| 2183 B \(1953 B\) \|/);
    assert.match(table, /\| 2000 \| `refresh` \| 30\.0 \| 20\.0 \| 0\.0 \| 1\.50 \| 690 \(666 preset GETs\) \|/);
    assert.match(table, /\| refresh requests <= N\/50 at N=2000 \| \*\*no\*\* \| 690 \(N\/50 = 40\) \|/);
  });

  it("summarizes in one line for the README: 429s, the N where create and update kept to the target, state and memory", () => {
    assert.equal(
      scaleSummary(results, "bench/results/scale-2026-11-28.json"),
      "- Cost curve (`bench/results/scale-2026-11-28.json`: N = 2,000, rate limit 1200 per 30 s): no 429 in any operation, " +
        "up to 2,000 requests in one; create and update not within 1.10× of the larger of the engine floor and the rate floor " +
        "at any N (N = 2,000: create 1.50×); state per resource 1.12× the floor's at N = 2,000; provider peak RSS 150 MiB at N = 2,000.",
    );
    const run = results.runs[0];
    const small = { ...run, n: 150, ops: { ...run.ops, create: { ...run.ops.create, ms: 60_000, rejected429: 3 } } };
    const summary = scaleSummary({ ...results, runs: [small, run] }, "x.json");
    assert.match(summary, /: N = 150 and 2,000, .*\*\*3 429s\*\*, up to 2,000 requests in one; /);
    assert.match(summary, / at N = 150 \(not at N = 2,000: create 1\.50×\);/);
    assert.match(summary, /provider peak RSS 150 MiB at N = 150, 150 MiB at N = 2,000\.$/);
  });

  it("rewrites the report's and the README's blocks in place, naming the results file relative to each", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-scale-table-"));
    try {
      const file = path.join(dir, "bench", "results", "scale-2026-11-28.json");
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(results));
      fs.mkdirSync(path.join(dir, "docs"));
      const block = (name: string) => {
        const { start, end } = blockMarkers(name, SCALE_GENERATOR);
        return `before\n${start}\nold table\n${end}\nafter\n`;
      };
      fs.writeFileSync(path.join(dir, PERFORMANCE_REPORT), block("scale-table"));
      fs.writeFileSync(path.join(dir, README), block("scale-summary"));
      updateGeneratedBlocks(dir, SCALE_GENERATOR, scaleBlocks(dir, file));
      updateGeneratedBlocks(dir, SCALE_GENERATOR, scaleBlocks(dir, file)); // idempotent
      const report = fs.readFileSync(path.join(dir, PERFORMANCE_REPORT), "utf8");
      const { start } = blockMarkers("scale-table", SCALE_GENERATOR);
      assert.ok(
        report.startsWith(`before\n${start}\nFigures from \`../bench/results/scale-2026-11-28.json\`:\n\nEmulator latency 50 ms`),
        report,
      );
      assert.equal(report.split("Figures from").length, 2);
      const readme = fs.readFileSync(path.join(dir, README), "utf8");
      assert.ok(readme.includes("\n- Cost curve (`bench/results/scale-2026-11-28.json`: "), readme);
      for (const text of [report, readme]) {
        assert.ok(!text.includes("old table"));
        assert.ok(text.endsWith("-->\nafter\n"));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("docs/performance.md and the README carry the figures of the newest results file, not a hand-made copy", () => {
    assertGeneratedBlocksCurrent(REPO_ROOT, SCALE_GENERATOR, scaleBlocks(REPO_ROOT, newestScaleResults(RESULTS_DIR)), SCALE_COMMAND);
  });
});
