"use strict";
/**
 * Loaded into the Pulumi dynamic-provider process with NODE_OPTIONS=--require (set only in the
 * benchmark stack's environment; not shipped). Records the process's peak resident set size
 * (`process.resourceUsage().maxRSS`, KiB) and CPU time used (ms) into $RTK_BENCH_RSS_DIR/<pid>.json
 * every 100 ms and at exit, since the engine may kill the plugin without an orderly exit.
 */
const fs = require("fs");
const path = require("path");

const dir = process.env.RTK_BENCH_RSS_DIR;
if (dir && process.argv.some((arg) => arg.includes("dynamic-provider"))) {
  const file = path.join(dir, `${process.pid}.json`);
  const write = () => {
    try {
      const usage = process.resourceUsage();
      fs.writeFileSync(
        file,
        JSON.stringify({ pid: process.pid, maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }),
      );
    } catch {
      // the benchmark may have removed the folder already
    }
  };
  setInterval(write, 100).unref();
  process.on("exit", write);
}
