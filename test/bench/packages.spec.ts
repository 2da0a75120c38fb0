/**
 * The benchmark's stacks run the package as a user's program loads it. `npm run bench` cannot run
 * in CI (minutes of engine time), so this checks what once broke it: loading the installed copy
 * must give the library (package.json `exports`), not the provider plugin that `main` names.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { installFloor, snapshotInstalled } from "../../bench/lib/packages";
import { TMP_DIR } from "../../bench/lib/reportFiles";

describe("bench: the packages its stacks run", () => {
  let tmpDir: string;
  // Inside the checkout, as the benchmark's own folder is: the package's dependencies resolve from the repository's node_modules.
  beforeEach(() => {
    fs.mkdirSync(TMP_DIR, { recursive: true });
    tmpDir = fs.mkdtempSync(path.join(TMP_DIR, "spec-packages-"));
  });
  afterEach(() => fs.rmSync(tmpDir, { recursive: true, force: true }));

  it("loads the installed pulumi-realtimekit's library from a snapshot of it, with the resource classes", () => {
    const { dir, pkg } = snapshotInstalled(tmpDir);
    for (const kind of ["Meeting", "Webhook", "Preset", "App"] as const) {
      assert.equal(typeof pkg[kind], "function", `${kind} is a class of the library entry`);
    }
    const entry = Object.keys(require.cache).find((file) => require.cache[file]?.exports === pkg);
    assert.equal(
      entry,
      path.join(dir, "node_modules", "pulumi-realtimekit", "dist", "provider", "index.js"),
      "the snapshot's library entry",
    );
  });

  it("installs the floor provider as a package with every dynamic-provider method", () => {
    const floor = installFloor(tmpDir);
    for (const method of ["create", "read", "update", "delete", "diff"] as const) {
      assert.equal(typeof floor[method], "function", method);
    }
  });
});
