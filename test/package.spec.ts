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

  describe("what a consumer can import (the exports map, on the copy npm run build installs)", () => {
    // Resolved by a Node process started in harness/installed, a package scope of its own, as a
    // user's program resolves it (in this repository's scope the name would resolve to itself).
    const consumer = path.resolve(__dirname, "..", "harness", "installed");
    const installed = path.resolve(__dirname, "..", "node_modules", "pulumi-realtimekit");
    const resolve = (specifier: string): string => {
      const script = `try { console.log(require.resolve(${JSON.stringify(specifier)})) } catch (e) { console.log(e.code) }`;
      return execFileSync(process.execPath, ["-e", script], { cwd: consumer, encoding: "utf8" }).trim();
    };

    it("resolves the library, the emulator, the webhook verifier, the schemas, and what serialized stubs load", () => {
      const expected: Record<string, string> = {
        "pulumi-realtimekit": "dist/provider/index.js",
        "pulumi-realtimekit/emulator": "dist/emulator/index.js",
        "pulumi-realtimekit/dist/provider/webhooks": "dist/provider/webhooks/index.js",
        "pulumi-realtimekit/dist/provider/host.js": "dist/provider/host.js",
        "pulumi-realtimekit/dist/provider/stubs/meeting.js": "dist/provider/stubs/meeting.js",
        "pulumi-realtimekit/schema/realtimekit.schema.json": "schema/realtimekit.schema.json",
        "pulumi-realtimekit/package.json": "package.json",
      };
      for (const [specifier, file] of Object.entries(expected)) {
        assert.equal(resolve(specifier), path.join(installed, file), specifier);
      }
    });

    it("refuses a deep import of an internal module", () => {
      for (const specifier of [
        "pulumi-realtimekit/dist/provider/client/client.js",
        "pulumi-realtimekit/dist/provider/config",
        "pulumi-realtimekit/dist/provider/resources/meeting.js",
        "pulumi-realtimekit/dist/cli/main.js",
        "pulumi-realtimekit/dist/provider/stubs/factory.ts",
      ]) {
        assert.equal(resolve(specifier), "ERR_PACKAGE_PATH_NOT_EXPORTED", specifier);
      }
    });
  });

  it("installs the pulumi-realtimekit command, runnable by node", () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "package.json"), "utf8")) as { bin?: Record<string, string> };
    assert.deepEqual(manifest.bin, { "pulumi-realtimekit": "dist/cli/main.js" });
    const main = fs.readFileSync(path.resolve(__dirname, "..", "dist", "cli", "main.js"), "utf8") as string;
    assert.ok(main.startsWith("#!/usr/bin/env node\n"), "the bin needs its shebang line");
  });
});
