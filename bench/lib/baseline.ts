/**
 * `npm run bench -- --baseline <git-rev>`: builds the provider as it was at a git revision into
 * bench/tmp/baseline-<sha>/node_modules/pulumi-realtimekit (read-only git use: `git archive`), so a
 * third lane can run it next to the floor and the current build, for before/after figures.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** Builds the baseline package; returns the project folder whose node_modules holds it. */
export function buildBaseline(repoRoot: string, tmpDir: string, rev: string): { dir: string; sha: string } {
  const sha = execFileSync("git", ["rev-parse", "--short", rev], { cwd: repoRoot, encoding: "utf8" }).trim();
  const dir = path.join(tmpDir, `baseline-${sha}`);
  const pkg = path.join(dir, "node_modules", "pulumi-realtimekit");
  if (fs.existsSync(path.join(pkg, "dist", "provider", "host.js"))) return { dir, sha };
  const src = path.join(dir, "src");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(src, { recursive: true });
  const archive = execFileSync("git", ["archive", "--format=tar", sha, "provider", "package.json"], { cwd: repoRoot });
  execFileSync("tar", ["-x", "-C", src], { input: archive });
  fs.writeFileSync(
    path.join(src, "tsconfig.json"),
    JSON.stringify({
      extends: path.join(repoRoot, "tsconfig.json"),
      compilerOptions: { rootDir: src, outDir: path.join(pkg, "dist"), types: ["node"], noUnusedLocals: false, noUnusedParameters: false },
      include: [path.join(src, "provider", "**", "*.ts")],
    }),
  );
  execFileSync(path.join(repoRoot, "node_modules", ".bin", "tsc"), ["-p", path.join(src, "tsconfig.json")], { stdio: "inherit" });
  const manifest = JSON.parse(fs.readFileSync(path.join(src, "package.json"), "utf8")) as Record<string, unknown>;
  fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ ...manifest, scripts: {}, devDependencies: {} }, null, 2));
  return { dir, sha };
}
