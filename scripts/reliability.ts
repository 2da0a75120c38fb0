/**
 * The reliability campaign (`npm run reliability`): every scenario of docs/reliability.md on the
 * real Pulumi engine against the emulator (`harness/reliability/runCampaign.ts`), with the
 * full sample sizes. The CI sample is `test/reliability/*.spec.ts` (same code, smaller). Usage and
 * exit codes: {@link USAGE}.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { updateGeneratedBlocks } from "../harness/generatedBlocks";
import { REPORT_FILE, REPORT_GENERATOR, reliabilityBlocks, summaryTable } from "../harness/reliability/report";
import {
  RESULTS_DIR,
  SCENARIOS,
  campaignResultsFiles,
  resultsFileName,
  type CampaignArgs,
  type Scenario,
} from "../harness/reliability/results";
import { runCampaign } from "../harness/reliability/runCampaign";

const USAGE = `Runs the reliability campaign, writes bench/results/reliability-<YYYY-MM-DD>.json, prints the
Summary table of docs/reliability.md made from it, and rewrites the figures of docs/reliability.md
from the results files (not with --quick or --out).

  npm run reliability                            # everything (about 40 minutes on 2 cores)
  npm run reliability -- --only transient,secrets
  npm run reliability -- --skip-real-rate-limit  # leave out the runs at Cloudflare's real 1,200/300 s
  npm run reliability -- --quick                 # CI-sized samples (…-quick.json), for trying the script out
  npm run reliability -- --out <file>            # write the results elsewhere

Scenarios: ${SCENARIOS.join(", ")}.
Exit code 0 when every invariant held (known limitations are reported, not counted), 1 otherwise,
2 when the campaign could not run (an unknown option or scenario, an error).`;

/** The options, or undefined for `--help`. */
function parseCampaignArgs(argv: string[]): CampaignArgs | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: "string" },
      quick: { type: "boolean", default: false },
      "skip-real-rate-limit": { type: "boolean", default: false },
      out: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return undefined;
  const only = values.only === undefined ? [...SCENARIOS] : values.only.split(",").map((s) => s.trim());
  const unknown = only.filter((s) => !(SCENARIOS as readonly string[]).includes(s));
  if (unknown.length > 0) {
    throw new Error(`unknown scenario(s) ${unknown.join(", ")}; choose from ${SCENARIOS.join(", ")}`);
  }
  const quick = values.quick === true;
  return { only: only as Scenario[], quick, realRateLimit: values["skip-real-rate-limit"] !== true && !quick, out: values.out };
}

const log = (line: string) => console.log(`[reliability] ${line}`);

async function main(): Promise<void> {
  const args = parseCampaignArgs(process.argv.slice(2));
  if (args === undefined) {
    console.log(USAGE);
    return;
  }
  const results = await runCampaign(args, log);
  const out = args.out ?? path.join(RESULTS_DIR, resultsFileName(results.started, args.quick));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${summaryTable(results.results, results.credentialSearch)}\n`);
  log(`wrote ${path.relative(process.cwd(), out)} (${results.durationSeconds} s)`);
  if (args.out === undefined && !args.quick) {
    const root = path.resolve(__dirname, "..");
    updateGeneratedBlocks(root, REPORT_GENERATOR, reliabilityBlocks(root, campaignResultsFiles()));
    log(`rewrote the figures of ${REPORT_FILE}`);
  }
  for (const bug of results.knownBugs) {
    log(`known bug: ${bug}`);
  }
  for (const failure of results.failures) {
    log(`FAILED: ${failure}`);
  }
  process.exit(results.failures.length === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
