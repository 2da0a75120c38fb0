import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(__dirname, "..", "..");

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  // Comments (e.g. TSDoc @example blocks) are not imports.
  const text = readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "");
  return [...text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)["']([^"']+)["']/g)].map((m) => m[1]);
}

describe("Emulator boundary", () => {
  it("never imports provider code", () => {
    const offenders = tsFiles(join(root, "emulator")).flatMap((file) =>
      importsOf(file)
        .filter((spec) => /(^|\/)provider(\/|$)/.test(spec) || spec === "pulumi-realtimekit")
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    assert.deepEqual(offenders, []);
  });

  it("uses only node built-ins and its own modules", () => {
    const external = tsFiles(join(root, "emulator")).flatMap((file) =>
      importsOf(file)
        .filter((spec) => !spec.startsWith(".") && !spec.startsWith("node:"))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    assert.deepEqual(external, []);
  });
});
