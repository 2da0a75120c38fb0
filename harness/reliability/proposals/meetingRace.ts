/**
 * In-process race harness for ambiguous meeting creates (no engine): N meetings, most with identical
 * settings, created concurrently by one provider implementation against the emulator, with POST
 * faults (response lost after commit, failure before commit, slow success) and GET faults. Counts
 * creates that succeeded or failed, state ids shared by two creates, and orphans (meetings nobody
 * got). It compares meeting-create strategies under the same seeded faults:
 *
 *   node -r ts-node/register/transpile-only harness/reliability/proposals/meetingRace.ts [providerDir] [runs] [firstSeed]
 *
 * `providerDir` defaults to this checkout's `provider/`; point it at another copy to compare. The
 * figures measured with it are in docs/reliability.md.
 */
import * as path from "node:path";
import { startEmulator } from "../../../emulator";

async function main(): Promise<void> {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, "..", "..", "..", "provider"));
  const runs = Number(process.argv[3] ?? 15);
  const first = Number(process.argv[4] ?? 1);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { configureRuntime } = require(path.join(root, "runtime"));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { meetingImplementation, applyMeetingDefaults } = require(path.join(root, "resources", "meeting"));
  const totals = { ok: 0, failed: 0, shared: 0, orphans: 0, meetings: 0 };
  for (let seed = first; seed < first + runs; seed++) {
    const emulator = await startEmulator({ rateLimit: false, latencyMs: 200 });
    const config: Record<string, string> = {
      "realtimekit:accountId": emulator.accountId,
      "realtimekit:appId": emulator.appId,
      "realtimekit:apiToken": emulator.token,
      "realtimekit:apiBaseUrl": emulator.url,
      "realtimekit:requestTimeoutSeconds": "2",
    };
    configureRuntime({ get: (key: string) => config[key] });
    const mode = ["lost", "slow", "mixed"][seed % 3];
    const post = { method: "POST", path: "**/meetings" };
    if (mode === "lost") {
      emulator.faults.add({ ...post, status: 500, when: "after", rate: 0.25, seed });
      emulator.faults.add({ ...post, drop: true, when: "after", rate: 0.33, seed: seed + 1 });
    } else if (mode === "slow") {
      emulator.faults.add({ ...post, status: 500, when: "before", rate: 0.33, seed });
      emulator.faults.add({ ...post, delayMs: 1000, when: "after", rate: 0.5, seed: seed + 1 });
    } else {
      emulator.faults.add({ ...post, status: 502, when: "before", rate: 0.15, seed });
      emulator.faults.add({ ...post, delayMs: 3500, when: "after", rate: 0.15, seed: seed + 2 });
      emulator.faults.add({ ...post, drop: true, when: "after", rate: 0.15, seed: seed + 3 });
      emulator.faults.add({ ...post, delayMs: 900, when: "after", rate: 0.2, seed: seed + 4 });
      emulator.faults.add({ method: "GET", path: "**/meetings", status: 503, when: "before", rate: 0.2, seed: seed + 5 });
    }
    const results = await Promise.allSettled(
      Array.from(
        { length: 16 },
        (_, i) =>
          meetingImplementation.create(applyMeetingDefaults({ title: i % 4 === 3 ? `Other ${i}` : "Standup" })) as Promise<{ id: string }>,
      ),
    );
    const ids = results.filter((r): r is PromiseFulfilledResult<{ id: string }> => r.status === "fulfilled").map((r) => r.value.id);
    const all = emulator.state().meetings.map((m) => String(m.id));
    const run = {
      ok: ids.length,
      failed: results.length - ids.length,
      shared: ids.length - new Set(ids).size,
      orphans: all.filter((id) => !ids.includes(id)).length,
      meetings: all.length,
    };
    console.log(`${mode} seed ${seed}: ${JSON.stringify(run)}`);
    for (const failure of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      console.log(`  ${String((failure.reason as Error)?.message ?? failure.reason).slice(0, 400)}`);
    }
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) {
      totals[key] += run[key];
    }
    await emulator.close();
  }
  console.log(`TOTAL ${root}: ${JSON.stringify(totals)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
