import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

describe("npm package", function () {
  this.timeout(60_000);

  it("ships the compiled code, types, config-file and plugin schemas, the plugin manifest, README and licence, nothing else", () => {
    const output = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: path.resolve(__dirname, ".."),
      encoding: "utf8",
    });
    const [{ files }] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>;
    const paths = files.map((file) => file.path);
    const unexpected = paths.filter(
      (file) =>
        !["LICENSE", "README.md", "package.json", "PulumiPlugin.yaml"].includes(file) &&
        !/^dist\/(common|provider|emulator|cli)\/.+\.(js|d\.ts)$/.test(file) &&
        !/^schema\/(realtimekit(\.overlay)?|pulumi)\.schema\.json$/.test(file),
    );
    assert.deepEqual(unexpected, []);
    for (const required of [
      "dist/provider/index.js",
      "dist/provider/index.d.ts",
      "dist/provider/host.js",
      "dist/provider/stubs/meeting.js",
      "dist/emulator/index.js",
      "dist/emulator/index.d.ts",
      "dist/cli/main.js",
      "schema/realtimekit.schema.json",
      "schema/pulumi.schema.json",
      "PulumiPlugin.yaml",
      "dist/provider/plugin/index.js",
      "LICENSE",
      "README.md",
    ]) {
      assert.ok(paths.includes(required), `${required} is missing from the package`);
    }
  });

  it("publishes type declarations that compile without skipLibCheck (a user's default)", () => {
    const root = path.resolve(__dirname, "..");
    try {
      execFileSync(
        process.execPath,
        [
          path.join(root, "node_modules", "typescript", "bin", "tsc"),
          "--noEmit",
          "--strict",
          "--skipLibCheck",
          "false",
          "--types",
          "node",
          "--module",
          "commonjs",
          "--moduleResolution",
          "node",
          "--target",
          "es2020",
          path.join(root, "harness", "installed", "declarations.ts"),
        ],
        { cwd: root, encoding: "utf8", stdio: "pipe" },
      );
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      assert.fail(`the published declarations do not compile:\n${stdout ?? ""}${stderr ?? ""}`);
    }
  });

  it("installs the pulumi-realtimekit command, runnable by node", () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "package.json"), "utf8")) as { bin?: Record<string, string> };
    assert.deepEqual(manifest.bin, { "pulumi-realtimekit": "dist/cli/main.js" });
    const main = fs.readFileSync(path.resolve(__dirname, "..", "dist", "cli", "main.js"), "utf8") as string;
    assert.ok(main.startsWith("#!/usr/bin/env node\n"), "the bin needs its shebang line");
  });
});
