/**
 * The figures of docs/reliability.md come from the campaign's results files through
 * `harness/reliability/report.ts`, never from a hand-made copy. Runs no scenario: it reads the committed
 * results files (and variants of them written to a temporary folder).
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { assertGeneratedBlocksCurrent, blockMarkers } from "../../harness/generatedBlocks";
import {
  REPORT_GENERATOR,
  reliabilityBlocks,
  reportBlocks,
  summaryTable,
  updateReport,
  withReliabilityReport,
} from "../../harness/reliability/report";
import {
  SCENARIOS,
  campaignResultsFiles,
  mergeResultsFiles,
  type CampaignResults,
  type CampaignResultsFile,
} from "../../harness/reliability/results";

const root = path.resolve(__dirname, "..", "..");
const committed = campaignResultsFiles();
const newest = JSON.parse(fs.readFileSync(committed[committed.length - 1], "utf8")) as CampaignResultsFile;

/** The rows of a Summary table, by section number. */
function summaryRows(table: string): Map<number, string> {
  const rows = table.split("\n").slice(2);
  return new Map(rows.map((line) => [Number(line.split(" | ")[0].replace("| ", "")), line]));
}

describe("Reliability report (docs/reliability.md)", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-reliability-report-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, file: CampaignResultsFile) => {
    const full = path.join(dir, name);
    fs.writeFileSync(full, JSON.stringify(file));
    return full;
  };

  it("has one Summary row per scenario that ran, numbered as the page's sections", () => {
    const rows = summaryRows(summaryTable(newest.results));
    assert.deepEqual([...rows.keys()], [1, 2, 3, 4, 5, 6, 7]);
    const { rateLimit: _rateLimit, ...withoutRateLimit } = newest.results;
    assert.deepEqual([...summaryRows(summaryTable(withoutRateLimit)).keys()], [1, 2, 3, 4, 5, 7]);
  });

  it("shows a broken invariant in the Summary, in bold", () => {
    const r = newest.results;
    assert.ok(r.transient && r.concurrency && r.rateLimit);
    const broken: CampaignResults = {
      ...r,
      transient: { ...r.transient, summary: { ...r.transient.summary, duplicates: r.transient.summary.duplicates + 2 } },
      concurrency: [{ ...r.concurrency[0], upOk: false }],
      rateLimit: [{ ...r.rateLimit[0], label: "scaled-budget-on", completed: false }],
    };
    const rows = summaryRows(summaryTable(broken));
    assert.match(rows.get(1) ?? "", /\*\*2 duplicates, /);
    assert.match(rows.get(6) ?? "", /\*\*scaled-budget-on failed\*\*/);
    assert.match(rows.get(7) ?? "", /\*\*1 failed run\*\*/);
  });

  it("adds the campaign's credential search to the credentials row when the file recorded it", () => {
    const row = (search?: CampaignResultsFile["credentialSearch"]) => summaryRows(summaryTable(newest.results, search)).get(5) ?? "";
    assert.doesNotMatch(row(), /whole campaign/);
    assert.match(
      row({ leaks: [], bytesSearched: 2.6 * 1024 * 1024 }),
      /none in the 2\.6 MiB of engine output and errors of the whole campaign/,
    );
    assert.match(row({ leaks: [{ label: "up", secret: "rtkCan…" }], bytesSearched: 1 }), /\*\*1 leak in the engine output/);
  });

  it("takes each scenario from the last file that has it, and names every file it used", () => {
    const base = write("reliability-2026-01-01.json", newest);
    const unused = write("reliability-2026-01-02.json", { ...newest, results: { concurrency: newest.results.concurrency } });
    const rerun = { ...newest, started: "2026-01-03T10:00:00.000Z", results: { concurrency: newest.results.concurrency?.slice(0, 1) } };
    const later = write("reliability-2026-01-03.json", rerun);
    const merged = mergeResultsFiles([base, unused, later]);
    assert.equal(merged.results.concurrency?.length, 1);
    assert.deepEqual(merged.results.transient, newest.results.transient);
    assert.deepEqual(
      merged.sources.map((source) => [path.basename(source.file), source.scenarios]),
      [
        ["reliability-2026-01-01.json", SCENARIOS.filter((scenario) => scenario !== "concurrency")],
        ["reliability-2026-01-03.json", ["concurrency"]],
      ],
    );
    const summary = reportBlocks(path.join(dir, "docs", "reliability.md"), [base, unused, later])["reliability-summary"];
    assert.match(
      summary,
      /^Figures from `\.\.\/reliability-2026-01-01\.json` \(transient, ambiguous, .*\), `\.\.\/reliability-2026-01-03\.json` \(concurrency, campaign started 2026-01-03 10:00 UTC, /,
    );
  });

  it("sums the credential searches only when every file used recorded one", () => {
    const search = { leaks: [], bytesSearched: 1000 };
    const a = write("reliability-2026-01-01.json", { ...newest, credentialSearch: search });
    const b = write("reliability-2026-01-02.json", { ...newest, credentialSearch: search, results: { secrets: newest.results.secrets } });
    const c = write("reliability-2026-01-03.json", {
      ...newest,
      credentialSearch: undefined,
      results: { secrets: newest.results.secrets },
    });
    assert.deepEqual(mergeResultsFiles([a, b]).credentialSearch, { leaks: [], bytesSearched: 2000 });
    assert.equal(mergeResultsFiles([a, c]).credentialSearch, undefined);
  });

  it("reads the results files of full campaigns, oldest first, leaving out --quick samples", () => {
    for (const name of [
      "reliability-2026-01-02.json",
      "reliability-2026-01-01.json",
      "reliability-2026-01-03-quick.json",
      "scale-2026-01-04.json",
    ]) {
      fs.writeFileSync(path.join(dir, name), "{}");
    }
    assert.deepEqual(
      campaignResultsFiles(dir).map((file) => path.basename(file)),
      ["reliability-2026-01-01.json", "reliability-2026-01-02.json"],
    );
  });

  it("rewrites every generated block of the page in place, and nothing else", () => {
    const doc = path.join(dir, "reliability.md");
    const names = ["reliability-summary", ...SCENARIOS.map((scenario) => `reliability-${scenario}`)];
    const blocks = names.map((name) => blockMarkers(name, REPORT_GENERATOR)).map(({ start, end }) => `${start}\nhand-made\n${end}`);
    fs.writeFileSync(doc, `# Reliability\n\n${blocks.join("\n\nprose\n\n")}\n`);
    updateReport(doc, committed);
    const once = fs.readFileSync(doc, "utf8");
    updateReport(doc, committed);
    assert.equal(fs.readFileSync(doc, "utf8"), once, "a second run changes nothing");
    assert.ok(!once.includes("hand-made"));
    assert.equal(once.split("\n\nprose\n\n").length, names.length);
    assert.ok(once.startsWith(`# Reliability\n\n${blockMarkers("reliability-summary", REPORT_GENERATOR).start}\nFigures from `), once);
    const withoutLast = `${blocks.slice(0, -1).join("\n")}\n`;
    assert.throws(() => withReliabilityReport(withoutLast, doc, committed), /has no <!-- reliability-concurrency:start/);
  });

  it("docs/reliability.md carries the figures made from the results files, not a hand-made copy", () => {
    assertGeneratedBlocksCurrent(
      root,
      REPORT_GENERATOR,
      reliabilityBlocks(root, committed),
      "node -r ts-node/register/transpile-only harness/reliability/report.ts",
    );
  });
});
