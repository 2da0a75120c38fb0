import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith(".ts") ? [full] : [];
  });
}

describe("module boundaries", () => {
  const providerDir = path.resolve(__dirname, "../../provider");

  it("provider code never imports the emulator", () => {
    const offenders = sourceFiles(providerDir).filter((file) => /from\s+["'][./]*emulator|require\(["'][./]*emulator/.test(fs.readFileSync(file, "utf8")));
    assert.deepEqual(offenders, []);
  });

  it("only the REST client imports axios", () => {
    const offenders = sourceFiles(providerDir)
      .filter((file) => /["']axios["']/.test(fs.readFileSync(file, "utf8")))
      .map((file) => path.relative(providerDir, file));
    assert.deepEqual(offenders, ["client/client.ts"]);
  });

  it("stubs import nothing but their factory, so their serialized form stays stable", () => {
    const stubs = sourceFiles(path.join(providerDir, "stubs"));
    for (const file of stubs) {
      const imports = [...fs.readFileSync(file, "utf8").matchAll(/^import .*from\s+["']([^"']+)["']/gm)].map((m) => m[1]);
      assert.ok(imports.every((name) => name === "./factory" || name === "@pulumi/pulumi"), `${file}: ${imports}`);
    }
  });
});
