import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** The relative imports of a TypeScript file, resolved to paths relative to `root`. */
function relativeImports(file: string, root: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:from\s+|require\(|import\()["'](\.[^"']*)["']/g)].map((match) => match[1]);
  return specifiers.map((specifier) => path.relative(root, path.resolve(path.dirname(file), specifier)));
}

/**
 * The provider's rooms from the bottom up: a file may import its own room and the rooms of lower
 * floors, never a higher one, so every arrow of the import graph runs down.
 */
const PROVIDER_FLOORS: Record<string, number> = {
  shared: 1,
  notices: 1,
  state: 1,
  stubs: 1,
  client: 2,
  config: 3,
  webhooks: 3,
  runtime: 4,
  resources: 5,
  component: 6,
  host: 6,
  index: 7,
  plugin: 7,
};

/** The room of a path relative to provider/: its first folder, or the file name without extension. */
function roomOf(relative: string): string {
  return relative.split(path.sep)[0].replace(/\.(ts|js)$/, "");
}

describe("module boundaries", () => {
  const repoRoot = path.resolve(__dirname, "..");
  const providerDir = path.join(repoRoot, "provider");

  it("every import inside the provider runs down a floor or stays in its room", () => {
    const upward: string[] = [];
    for (const file of sourceFiles(providerDir)) {
      const from = roomOf(path.relative(providerDir, file));
      assert.ok(from in PROVIDER_FLOORS, `provider/${from} has no floor in PROVIDER_FLOORS: place it`);
      for (const target of relativeImports(file, providerDir)) {
        const to = roomOf(target);
        if (target.startsWith("..") || to === from || to === "package.json") continue;
        if (!(PROVIDER_FLOORS[to] < PROVIDER_FLOORS[from])) upward.push(`${path.relative(repoRoot, file)} -> ${to}`);
      }
    }
    assert.deepEqual(upward, []);
  });

  it("no package code (common, provider, emulator, cli) imports tests, the harness, scripts or benchmarks", () => {
    assert.deepEqual(importsInto(["common", "provider", "emulator", "cli"], ["test", "harness", "scripts", "bench"]), []);
  });

  it("common/, below the provider and the emulator, imports nothing but Node and itself", () => {
    const commonDir = path.join(repoRoot, "common");
    const offenders = sourceFiles(commonDir).flatMap((file) => {
      const text = fs.readFileSync(file, "utf8");
      const specifiers = [...text.matchAll(/(?:from\s+|require\(|import\()["']([^"']+)["']/g)].map((match) => match[1]);
      return specifiers
        .filter(
          (specifier) => !specifier.startsWith("node:") && !path.resolve(path.dirname(file), specifier).startsWith(commonDir + path.sep),
        )
        .map((specifier) => `${path.relative(repoRoot, file)} -> ${specifier}`);
    });
    assert.deepEqual(offenders, []);
  });

  /** `file -> target` for every relative import of the files under `dirs` that lands in one of `forbidden`. */
  function importsInto(dirs: readonly string[], forbidden: readonly string[]): string[] {
    const pattern = new RegExp(`^(${forbidden.join("|")})(/|$)`);
    return dirs
      .flatMap((dir) => sourceFiles(path.join(repoRoot, dir)))
      .flatMap((file) =>
        relativeImports(file, repoRoot)
          .filter((target) => pattern.test(target.split(path.sep).join("/")))
          .map((target) => `${path.relative(repoRoot, file)} -> ${target}`),
      );
  }

  it("benchmarks and scripts import nothing from the tests: what they share with them is in harness/", () => {
    assert.deepEqual(importsInto(["bench", "scripts"], ["test"]), []);
  });

  it("the harness imports nothing from the tests, the benchmarks or the scripts that build on it", () => {
    assert.deepEqual(importsInto(["harness"], ["test", "bench", "scripts"]), []);
  });

  it("provider code never imports the emulator", () => {
    const offenders = sourceFiles(providerDir).filter((file) =>
      /from\s+["'][./]*emulator|require\(["'][./]*emulator/.test(fs.readFileSync(file, "utf8")),
    );
    assert.deepEqual(offenders, []);
  });

  it("only the REST client's transport imports axios", () => {
    const offenders = sourceFiles(providerDir)
      .filter((file) => /["']axios["']/.test(fs.readFileSync(file, "utf8")))
      .map((file) => path.relative(providerDir, file));
    assert.deepEqual(offenders, ["client/transport.ts"]);
  });

  it("stubs import nothing but their factory, so their serialized form stays stable", () => {
    const stubs = sourceFiles(path.join(providerDir, "stubs"));
    for (const file of stubs) {
      const imports = [...fs.readFileSync(file, "utf8").matchAll(/^import .*from\s+["']([^"']+)["']/gm)].map((m) => m[1]);
      assert.ok(
        imports.every((name) => name === "./factory" || name === "@pulumi/pulumi"),
        `${file}: ${imports}`,
      );
    }
  });
});
