/**
 * Loaded by mocha before any spec (`require` in the .mocharc files): the test run gets a state folder
 * of its own (request budgets and create journals the provider keeps across processes), so runs
 * never share one with each other or with the user's stacks in the machine's temp folder. Child
 * processes (the engine, the provider) inherit it. Removed when the run ends.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

if (!process.env.REALTIMEKIT_STATE_DIR) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-test-state-"));
  process.env.REALTIMEKIT_STATE_DIR = dir;
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
}
