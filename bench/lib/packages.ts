/**
 * The code the benchmark's stacks run, installed as a user installs a package: Pulumi serializes a
 * provider that lives in node_modules as a short `require`, but inlines local code, and the figures
 * must be a user's. Two packages: a snapshot of pulumi-realtimekit as built, and the floor provider
 * (bench/floor).
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { repoRoot } from "../../harness/offlineEngine";

/** pulumi-realtimekit's library, as a user's program imports it. */
export type Package = typeof import("../../harness/installed");

/** A project folder whose node_modules holds pulumi-realtimekit, and the package loaded from there. */
export interface InstalledPackage {
  dir: string;
  pkg: Package;
}

/**
 * Copies the installed package (node_modules/pulumi-realtimekit, made by `npm run build`) into a
 * project folder of this run (`tmpDir`/current-<pid>) and loads it from there, so that a rebuild in
 * the shared checkout mid-run changes nothing. The folder is also the provider process's project folder.
 */
export function snapshotInstalled(tmpDir: string): InstalledPackage {
  const dir = path.join(tmpDir, `current-${process.pid}`);
  const target = path.join(dir, "node_modules", "pulumi-realtimekit");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(repoRoot, "node_modules", "pulumi-realtimekit"), target, { recursive: true });
  return { dir, pkg: loadInstalled(dir) };
}

/**
 * Loads the library entry of the pulumi-realtimekit installed in `dir`/node_modules, as a user's
 * `import` resolves it: through the package's `exports`. A `require` of the folder would follow
 * `main` instead, which is the provider plugin's entry since the package root became a plugin. The
 * package resolves its own name (Node's self-reference), so the copy in `dir` is the one loaded;
 * a `--baseline` revision from before `exports` falls back to `main` through `dir`/node_modules.
 */
export function loadInstalled(dir: string): Package {
  return createRequire(path.join(dir, "node_modules", "pulumi-realtimekit", "package.json"))("pulumi-realtimekit") as Package;
}

/**
 * Copies bench/floor into `tmpDir`/node_modules/rtk-bench-floor so that Pulumi serializes it as a
 * `require` (the stacks' provider processes find it through NODE_PATH), and loads it.
 */
export function installFloor(tmpDir: string): pulumi.dynamic.ResourceProvider {
  const target = path.join(tmpDir, "node_modules", "rtk-bench-floor");
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  for (const file of ["index.js", "package.json"]) {
    fs.copyFileSync(path.join(__dirname, "..", "floor", file), path.join(target, file));
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(target) as pulumi.dynamic.ResourceProvider;
}
