/**
 * `pulumi-realtimekit export` on a large app, then the first `pulumi up` that adopts it.
 *
 * Populates an emulator app through the API (100 presets with assorted non-default leaves,
 * 20 webhooks, 500 meetings, a third INACTIVE, one with a live session), runs the built bin
 * (`node dist/cli/main.js export`, a process of its own, as a user runs it) and prints: export
 * wall time, requests made, output size in lines; then the same for the first `pulumi up` of a
 * fresh stack on the exported `realtimekit.yaml` (the pulumi CLI in a project folder that loads
 * the installed package), with its requests by method and any 429.
 *
 *   npm run bench:export -- [--presets 100] [--webhooks 20] [--meetings 500] [--latency 50]
 *     [--format yaml|ts] [--pause-after-export]
 *
 * The emulator runs in this process with a fixed latency per response and Cloudflare's rate limit
 * (1,200 requests per 5 minutes); export and `up` share one state folder, so the provider's
 * request budget counts the export's requests, as on a user's machine: when export and `up`
 * together need more than the window allows, `up` waits for it. `--pause-after-export` runs `up`
 * as if the user had waited out the window after the export (fresh server window and budget),
 * which shows the engine's own time. Requires `npm run build` (`npm run bench:export` builds).
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { parseArgs } from "node:util";
import { startEmulator, type RunningEmulator } from "../emulator";
import { EmulatorControl } from "../harness/emulatorControl";
import { assertBuilt, offlineEnvironment, repoRoot } from "../harness/offlineEngine";
import { populateApp } from "../harness/populateApp";
import { PulumiProject, writeFiles } from "../harness/pulumiProject";
import { childrenCpuMs } from "./lib/cpu";
import { TMP_DIR } from "./lib/reportFiles";

const execFileAsync = promisify(execFile);

const { values: args } = parseArgs({
  options: {
    presets: { type: "string", default: "100" },
    webhooks: { type: "string", default: "20" },
    meetings: { type: "string", default: "500" },
    latency: { type: "string", default: "50" },
    format: { type: "string", default: "yaml" },
    "pause-after-export": { type: "boolean", default: false },
  },
});

/** Requests of the emulator's log from `from` on, counted by method, plus 429s. */
function requestCounts(emulator: RunningEmulator, from: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const request of emulator.requests().slice(from)) {
    counts[request.method] = (counts[request.method] ?? 0) + 1;
    if (request.status === 429) counts["429"] = (counts["429"] ?? 0) + 1;
  }
  return counts;
}

const total = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([key]) => key !== "429")
    .reduce((sum, [, n]) => sum + n, 0);

async function main(): Promise<void> {
  assertBuilt();
  const sizes = { presets: Number(args.presets), webhooks: Number(args.webhooks), meetings: Number(args.meetings) };
  const format = args.format === "ts" ? "ts" : "yaml";
  const env = offlineEnvironment("rtk-bench-export-");
  // A project folder inside the repository finds node_modules/pulumi-realtimekit (the installed
  // copy); its own package.json keeps Node from resolving the name to the repository itself.
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const dir = fs.mkdtempSync(path.join(TMP_DIR, "export-"));
  const emulator = await startEmulator({ latencyMs: Number(args.latency) });
  try {
    const control = new EmulatorControl(emulator);
    const populateStart = performance.now();
    await populateApp(control, { ...sizes, liveParticipants: 2 });
    const populateMs = performance.now() - populateStart;
    // A fresh rate-limit window for the export, as for a user who did not just create 600 objects.
    emulator.setRateLimit({});

    const stateDir = path.join(env.dir, "provider-state");
    const credentials = {
      CLOUDFLARE_ACCOUNT_ID: emulator.accountId,
      REALTIMEKIT_APP_ID: emulator.appId,
      CLOUDFLARE_API_TOKEN: emulator.token,
      REALTIMEKIT_API_BASE_URL: emulator.url,
      REALTIMEKIT_STATE_DIR: stateDir,
    };
    const file = path.join(dir, format === "ts" ? "index.ts" : "realtimekit.yaml");
    const exportFrom = emulator.requests().length;
    const exportStart = performance.now();
    const exportCpuBefore = childrenCpuMs();
    await execFileAsync(process.execPath, [path.join(repoRoot, "dist", "cli", "main.js"), "export", "--format", format, "--out", file], {
      env: { ...process.env, ...credentials },
      maxBuffer: 64 << 20,
    });
    const exportMs = performance.now() - exportStart;
    const exportCpuMs = childrenCpuMs() - exportCpuBefore;
    const exportRequests = requestCounts(emulator, exportFrom);
    const text = fs.readFileSync(file, "utf8");

    writeFiles(dir, {
      "Pulumi.yaml": "name: rtk-bench-export\nruntime: nodejs\nmain: index.ts\n",
      "package.json": `${JSON.stringify({ name: "rtk-bench-export", private: true })}\n`,
      ...(format === "ts"
        ? {}
        : { "index.ts": 'import { RealtimeKitStack } from "pulumi-realtimekit";\n\nnew RealtimeKitStack("rtk");\n' }),
    });
    const paused = args["pause-after-export"] === true;
    if (paused) emulator.setRateLimit({});
    const upStateDir = paused ? path.join(env.dir, "provider-state-after-pause") : stateDir;
    const project = new PulumiProject({
      dir,
      env,
      extraEnv: { REALTIMEKIT_STATE_DIR: upStateDir, REALTIMEKIT_API_BASE_URL: emulator.url },
      secrets: [emulator.token],
    });
    await project.pulumi(["stack", "init", "bench"]);
    await project.pulumi(["config", "set", "realtimekit:accountId", emulator.accountId]);
    await project.pulumi(["config", "set", "realtimekit:appId", emulator.appId]);
    await project.pulumi(["config", "set", "--secret", "realtimekit:apiToken", "--", emulator.token]);
    const upFrom = emulator.requests().length;
    const upStart = performance.now();
    const upCpuBefore = childrenCpuMs();
    await project.pulumi(["up", "--yes", "--parallel", "8"]);
    const upMs = performance.now() - upStart;
    const upCpuMs = childrenCpuMs() - upCpuBefore;
    const upRequests = requestCounts(emulator, upFrom);
    const changes = (await project.lastUpdate()).resourceChanges;
    const previewFrom = emulator.requests().length;
    await project.pulumi(["preview", "--expect-no-changes"]);

    const lines = [
      `App: ${sizes.presets} presets, ${sizes.webhooks} webhooks, ${sizes.meetings} meetings (populated in ${(populateMs / 1000).toFixed(1)} s); emulator latency ${args.latency} ms per response, rate limit 1200/300 s.`,
      "",
      "| Step | Wall time | CPU | Requests | By method | Other |",
      "| --- | --- | --- | --- | --- | --- |",
      `| \`export --format ${format}\` | ${(exportMs / 1000).toFixed(2)} s | ${(exportCpuMs / 1000).toFixed(2)} s | ${total(exportRequests)} | ${JSON.stringify(exportRequests)} | ${text.split("\n").length - 1} lines, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB |`,
      `| first \`pulumi up\` (adopts${paused ? ", window waited out" : ", right after export"}) | ${(upMs / 1000).toFixed(2)} s | ${(upCpuMs / 1000).toFixed(2)} s | ${total(upRequests)} | ${JSON.stringify(upRequests)} | ${JSON.stringify(changes)} |`,
      `| next \`pulumi preview --expect-no-changes\` | | | ${total(requestCounts(emulator, previewFrom))} | | |`,
    ];
    console.log(lines.join("\n"));
    console.log(
      `CPU: the processes the step ran (export: node; up: the pulumi CLI, language host, program and provider). Node ${process.version}, ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((n) => n.toFixed(1))
        .join(" ")}, ${new Date().toISOString().slice(0, 10)}.`,
    );
  } finally {
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
    env.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
