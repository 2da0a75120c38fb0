"use strict";
/**
 * Loaded into the Pulumi dynamic-provider process with NODE_OPTIONS=--require (set only in the
 * benchmark stack's environment; not shipped). Records the process's peak resident set size
 * (`process.resourceUsage().maxRSS`, KiB) and CPU time used (ms) into $RTK_BENCH_RSS_DIR/<pid>.json
 * every 250 ms, at exit and on SIGINT / SIGTERM (how the engine stops plugins).
 */
const fs = require("fs");
const path = require("path");

const dir = process.env.RTK_BENCH_RSS_DIR;
if (dir && process.argv.some((arg) => arg.includes("dynamic-provider"))) {
  const file = path.join(dir, `${process.pid}.json`);
  const write = (atExit) => {
    try {
      const usage = process.resourceUsage();
      fs.writeFileSync(
        file,
        JSON.stringify({ pid: process.pid, maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, atExit }),
      );
    } catch {
      // the benchmark may have removed the folder already
    }
  };
  setInterval(() => write(false), 250).unref();
  process.on("exit", () => write(true));
  // The engine stops plugins with a signal: record, then let the signal take its default course.
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => {
      write(true);
      process.kill(process.pid, signal);
    });
  }
}
