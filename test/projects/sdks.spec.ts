/**
 * SDKs of the provider plugin for other languages, generated from the package as installed from the
 * `npm pack` tarball:
 *
 * - TypeScript: the README's `pulumi package add ./node_modules/pulumi-realtimekit` in a Node.js
 *   project (Pulumi generates the SDK through the Node.js language host, compiles it with tsc and
 *   links it), then a program using it type-checks;
 * - Go: generated from the schema the plugin serves (`pulumi package get-schema`) by Pulumi's Go code
 *   generator (test/support/sdkgen, since Pulumi's Go language host is not on the Go module proxy),
 *   then `go build` against the Pulumi Go SDK from the proxy;
 * - Python: generated the same way, then byte-compiled.
 *
 * .NET is not covered: its generator lives in the .NET language host, which no module proxy serves.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../harness/offlineEngine";
import { npmInstall, packedTarball } from "../../harness/packedPackage";
import { runCommand, userShellEnvironment } from "../../harness/pulumiProject";
import { commands, snippet } from "./readme";
import { PROJECT_TIMEOUT_MS, startUserProject, type UserProject } from "./support";

/** The @pulumi/pulumi this repository builds against: the generated TypeScript SDK needs one. */
const sdkVersion = (
  JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as { version: string }
).version;

/** Runs a command in `cwd` with the user's environment (Go and npm caches included); rejects on failure. */
async function run(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const result = await runCommand(file, args, { cwd, env: { ...userShellEnvironment(), GOTOOLCHAIN: "local", CGO_ENABLED: "0", ...env } });
  return result.stdout;
}

describe("User path: SDKs of the provider plugin", function () {
  this.timeout(PROJECT_TIMEOUT_MS);

  let fixture: UserProject;
  let schemaFile: string;

  before(async () => {
    fixture = await startUserProject({ prefix: "rtk-sdks-" });
    fs.writeFileSync(path.join(fixture.dir, "Pulumi.yaml"), "name: rtk-sdks\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n");
    fs.writeFileSync(
      path.join(fixture.dir, "package.json"),
      `${JSON.stringify(
        {
          name: "rtk-sdks",
          private: true,
          main: "index.ts",
          dependencies: { "@pulumi/pulumi": sdkVersion },
          devDependencies: { typescript: "~5.9.3", "@types/node": "^20.9.5" },
        },
        null,
        2,
      )}\n`,
    );
    await npmInstall(fixture.dir, [await packedTarball()]);
    schemaFile = path.join(fixture.env.dir, "schema.json");
  });
  after(async () => {
    await fixture?.dispose();
  });

  it("serves its schema to `pulumi package get-schema`: the four resources and the secret token", async () => {
    const { stdout } = await fixture.pulumi.pulumi(["package", "get-schema", "./node_modules/pulumi-realtimekit"], { quiet: true });
    fs.writeFileSync(schemaFile, stdout);
    const schema = JSON.parse(stdout) as {
      name: string;
      version: string;
      resources: Record<string, unknown>;
      config: { variables: Record<string, { secret?: boolean }> };
    };
    assert.equal(schema.name, "realtimekit");
    assert.equal(schema.version, JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).version);
    assert.deepEqual(Object.keys(schema.resources).sort(), [
      "realtimekit:index:App",
      "realtimekit:index:Meeting",
      "realtimekit:index:Preset",
      "realtimekit:index:Webhook",
    ]);
    assert.equal(schema.config.variables.apiToken.secret, true);
  });

  it("TypeScript: `pulumi package add` as the README says generates and compiles an SDK a program type-checks against", async () => {
    for (const line of commands(snippet("plugin-package-add"))) {
      await fixture.pulumi.shell(line);
    }
    const sdk = path.join(fixture.dir, "sdks", "realtimekit");
    for (const file of ["index.d.ts", "meeting.js", "preset.d.ts", "webhook.d.ts", "app.d.ts"]) {
      assert.ok(fs.existsSync(path.join(sdk, "bin", file)), `sdks/realtimekit/bin/${file} is missing (tsc did not run)`);
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(fixture.dir, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    assert.equal(manifest.dependencies["@pulumi-realtimekit/realtimekit"], "file:sdks/realtimekit");
    fs.writeFileSync(
      path.join(fixture.dir, "index.ts"),
      [
        'import * as realtimekit from "@pulumi-realtimekit/realtimekit";',
        'const host = new realtimekit.Preset("host", { name: "host", permissions: { kickParticipant: true } });',
        'const standup = new realtimekit.Meeting("standup", { title: "Daily standup", status: "ACTIVE" });',
        'new realtimekit.Webhook("ended", { name: "ended", url: "https://example.com/rtk", events: ["meeting.ended"] });',
        "export const standupId = standup.id;",
        "export const hostName = host.name;",
        "",
      ].join("\n"),
    );
    fs.writeFileSync(
      path.join(fixture.dir, "tsconfig.json"),
      `${JSON.stringify(
        {
          compilerOptions: {
            strict: true,
            target: "es2020",
            module: "commonjs",
            moduleResolution: "node",
            esModuleInterop: true,
            skipLibCheck: true,
            noEmit: true,
          },
          files: ["index.ts"],
        },
        null,
        2,
      )}\n`,
    );
    await fixture.pulumi.shell("node node_modules/typescript/bin/tsc -p tsconfig.json");
  });

  describe("Go and Python, generated by Pulumi's code generators", () => {
    let sdkgen: string;

    before(async () => {
      sdkgen = path.join(fixture.env.dir, "sdkgen");
      await run("go", ["build", "-o", sdkgen, "."], path.join(repoRoot, "test", "support", "sdkgen"));
    });

    it("Go: the SDK builds against github.com/pulumi/pulumi/sdk/v3", async () => {
      const out = path.join(fixture.env.dir, "sdk-go");
      await run(sdkgen, [schemaFile, "go", out], fixture.dir);
      const module = "example.com/pulumi-realtimekit/sdk/go";
      fs.writeFileSync(path.join(out, "go.mod"), `module ${module}\n\ngo 1.24\n\nrequire github.com/pulumi/pulumi/sdk/v3 v3.274.1\n`);
      const started = Date.now();
      await run("go", ["mod", "tidy"], out, { GOFLAGS: "-mod=mod" });
      await run("go", ["build", "./..."], out);
      process.stdout.write(`      (go mod tidy + go build of the Go SDK: ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
      const packages = await run("go", ["list", "./..."], out);
      assert.deepEqual(packages.trim().split("\n").sort(), [
        `${module}/realtimekit`,
        `${module}/realtimekit/config`,
        `${module}/realtimekit/internal`,
      ]);
      const meeting = fs.readFileSync(path.join(out, "realtimekit", "meeting.go"), "utf8");
      assert.match(meeting, /func NewMeeting\(ctx \*pulumi\.Context/);
      assert.match(meeting, /"realtimekit:index:Meeting"/);
    });

    it("Python: the SDK is generated and byte-compiles", async () => {
      const out = path.join(fixture.env.dir, "sdk-python");
      await run(sdkgen, [schemaFile, "python", out], fixture.dir);
      const modules = ["__init__.py", "meeting.py", "webhook.py", "preset.py", "app.py", "provider.py", "_inputs.py", "outputs.py"];
      for (const file of modules) {
        assert.ok(fs.existsSync(path.join(out, "pulumi_realtimekit", file)), `pulumi_realtimekit/${file} is missing`);
      }
      await run("python3", ["-m", "compileall", "-q", "pulumi_realtimekit"], out);
      assert.match(fs.readFileSync(path.join(out, "pulumi_realtimekit", "meeting.py"), "utf8"), /class Meeting\(pulumi\.CustomResource\)/);
    });
  });
});
