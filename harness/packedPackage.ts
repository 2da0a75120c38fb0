/**
 * The package as npm delivers it to a user: `npm pack` of this repository, installed with
 * `npm install` into a project folder next to the `@pulumi/pulumi` the project chose.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "./offlineEngine";
import { userShellEnvironment } from "./pulumiProject";

const execFileAsync = promisify(execFile);

let tarball: Promise<string> | undefined;

/**
 * `npm pack` of the built repository, once per process; resolves with the tarball's path. With its
 * prepack/postpack scripts, as `npm publish` runs them: they leave the dev dependencies out of the
 * packed package.json (scripts/pack-manifest.js).
 */
export function packedTarball(): Promise<string> {
  tarball ??= packTarball(repoRoot);
  return tarball;
}

/**
 * `npm pack` of the package folder `dir` (scripts not run) into a fresh temp folder; resolves with
 * the tarball's path. E.g. a build of an older revision (bench/lib/baseline.ts).
 */
export async function packTarball(dir: string): Promise<string> {
  const destination = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-pack-"));
  const { stdout } = await npm(dir, ["pack", "--json", "--pack-destination", destination]);
  const [{ filename }] = JSON.parse(stdout) as Array<{ filename: string }>;
  return path.join(destination, filename);
}

/** The lowest `@pulumi/pulumi` the package supports: the floor of its peer dependency range. */
export function sdkFloor(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
    peerDependencies?: Record<string, string>;
  };
  const range = manifest.peerDependencies?.["@pulumi/pulumi"] ?? "";
  const floor = /^>=\s*(\d+\.\d+\.\d+)/.exec(range)?.[1];
  if (!floor) {
    throw new Error(`package.json: the @pulumi/pulumi peer range ${JSON.stringify(range)} has no ">=x.y.z" floor`);
  }
  return floor;
}

/** The newest `@pulumi/pulumi` the registry serves now (`npm view`), never a fixed number. */
export async function newestSdk(): Promise<string> {
  return (await npm(repoRoot, ["view", "@pulumi/pulumi", "version"])).stdout.trim();
}

/** `npm install` in `dir` (which has a package.json); rejects with npm's output on failure. */
export async function npmInstall(dir: string, packages: readonly string[]): Promise<void> {
  await npm(dir, ["install", "--no-audit", "--no-fund", "--prefer-offline", ...packages]);
}

/** Every installed copy of `@pulumi/pulumi` under `dir/node_modules`, as versions by path. */
export function installedSdks(dir: string): Array<{ path: string; version: string }> {
  const found: Array<{ path: string; version: string }> = [];
  const visit = (nodeModules: string) => {
    if (!fs.existsSync(nodeModules)) return;
    for (const entry of fs.readdirSync(nodeModules)) {
      const packages = entry.startsWith("@") ? fs.readdirSync(path.join(nodeModules, entry)).map((name) => `${entry}/${name}`) : [entry];
      for (const name of packages) {
        const folder = path.join(nodeModules, name);
        if (name === "@pulumi/pulumi") {
          const { version } = JSON.parse(fs.readFileSync(path.join(folder, "package.json"), "utf8")) as { version: string };
          found.push({ path: path.relative(dir, folder), version });
        }
        visit(path.join(folder, "node_modules"));
      }
    }
  };
  visit(path.join(dir, "node_modules"));
  return found;
}

async function npm(cwd: string, args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  try {
    return await execFileAsync("npm", [...args], {
      cwd,
      maxBuffer: 64 << 20,
      env: { ...userShellEnvironment(), npm_config_update_notifier: "false" },
    });
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`npm ${args.join(" ")} failed in ${cwd}: ${failure.message}\n${failure.stdout ?? ""}\n${failure.stderr ?? ""}`, {
      cause: error,
    });
  }
}
