/**
 * Measuring one engine operation: wall time, the API requests it made (from the emulator's request
 * log, by route and object type), the CPU time of every process involved, and the provider
 * process's peak RSS as bench/lib/rssReporter.js recorded it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { OpMap } from "@pulumi/pulumi/automation";
import type { LoggedRequest } from "../../harness/emulatorControl";
import { childrenCpuMs, processCpuMs } from "./cpu";
import { controlCall, type EmulatorProcess } from "./emulatorProcess";
import { log } from "./log";
import { sleep } from "../../common/sleep";

/** The figures of one operation on one stack, as the results file keeps them. */
export interface OpResult {
  ms: number;
  requests: number;
  /** e.g. { "GET meetings/:id": 50 } */
  byRoute: Record<string, number>;
  /** Requests per object type: { meetings: 100, webhooks: 50, presets: 50 }. */
  byType: Record<string, number>;
  /** Peak RSS of the provider process(es) during the operation, KiB. */
  providerMaxRssKb?: number;
  /** CPU time (ms): the provider process(es); the engine CLI with its children; this process (program, language host). */
  cpuMs: { provider: number; cli: number; bench: number; emulator: number };
  changes?: OpMap;
}

/** What the Automation API's `up`, `preview`, `refresh` and `destroy` answer that a measurement reads: the resource changes. */
export interface OperationOutcome {
  summary?: { resourceChanges?: OpMap };
  changeSummary?: OpMap;
}

function routeOf(request: LoggedRequest, appId: string): { route: string; type: string } {
  const rel = request.path.split(`/${appId}/`)[1] ?? request.path;
  const parts = rel.split("/");
  const type = parts[0];
  const route = parts.map((part, i) => (i === 1 ? ":id" : part)).join("/");
  return { route: `${request.method} ${route}`, type };
}

/**
 * Runs one operation and measures it. The emulator's request log and the stack's RSS samples
 * (`rssDir`, where its provider processes write) are cleared first, so that what they hold after is
 * this operation's alone.
 */
export async function measureOp(emulator: EmulatorProcess, rssDir: string, run: () => Promise<OperationOutcome>): Promise<OpResult> {
  await controlCall(emulator, "DELETE", "requests");
  for (const file of fs.readdirSync(rssDir)) fs.rmSync(path.join(rssDir, file));
  const childrenBefore = childrenCpuMs();
  const emulatorBefore = processCpuMs(emulator.child.pid);
  const benchBefore = process.cpuUsage();
  const start = performance.now();
  const result = await run();
  const ms = performance.now() - start;
  const benchCpu = process.cpuUsage(benchBefore);
  const cliCpu = childrenCpuMs() - childrenBefore;
  const emulatorCpu = processCpuMs(emulator.child.pid) - emulatorBefore;
  const requests = await emulator.control.requests();
  const byRoute: Record<string, number> = {};
  const byType: Record<string, number> = {};
  for (const request of requests) {
    const { route, type } = routeOf(request, emulator.target.appId);
    byRoute[route] = (byRoute[route] ?? 0) + 1;
    byType[type] = (byType[type] ?? 0) + 1;
  }
  await sleep(150); // last RSS write of exiting plugins
  let rss: number | undefined;
  let providerCpu = 0;
  for (const file of fs.readdirSync(rssDir)) {
    try {
      const sample = JSON.parse(fs.readFileSync(path.join(rssDir, file), "utf8")) as { maxRssKb: number; cpuMs: number; atExit: boolean };
      rss = Math.max(rss ?? 0, sample.maxRssKb);
      providerCpu += sample.cpuMs;
      if (!sample.atExit) log(`note: provider process ${file} recorded no exit sample (figures up to its last second)`);
    } catch {
      // partially written; the next sample wins
    }
  }
  const changes = result.summary?.resourceChanges ?? result.changeSummary;
  const cpuMs = {
    provider: Math.round(providerCpu),
    cli: Math.round(cliCpu),
    bench: Math.round((benchCpu.user + benchCpu.system) / 1000),
    emulator: Math.round(emulatorCpu),
  };
  return { ms, requests: requests.length, byRoute, byType, providerMaxRssKb: rss, cpuMs, changes };
}
