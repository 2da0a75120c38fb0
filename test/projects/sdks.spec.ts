/**
 * SDKs of the provider plugin for other languages, the standard way: `pulumi package add` /
 * `pulumi package gen-sdk` on the package as installed from the `npm pack` tarball, run with the
 * plain CLI and the language host of each language (see scripts/ensure-pulumi.sh --languages):
 *
 * - Node.js project: the README's `pulumi package add` generates and compiles a TypeScript SDK; a
 *   program using it beside the package's TypeScript dynamic resources deploys and destroys, and
 *   the plugin's folder holds only what the plugin runs (no dev tools, no second @pulumi/pulumi);
 * - Python project (as `pulumi new python` leaves it): the same `pulumi package add` generates
 *   `pulumi_realtimekit`, which byte-compiles, and whose `<Kind>Args` take exactly the schema's
 *   inputs. Installing the project's own dependencies (the `pulumi` package) needs PyPI, which
 *   these machines do not reach: that step, and only that, may fail;
 * - C#: `pulumi package gen-sdk --language dotnet` writes a project whose .csproj references the
 *   Pulumi .NET SDK and whose classes are the schema's resources with its inputs (compiling it needs
 *   the .NET SDK and NuGet, which these machines do not have).
 *
 * Go: test/projects/go.spec.ts.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../harness/offlineEngine";
import { npmInstall, packedTarball } from "../../harness/packedPackage";
import { writeFiles } from "../../harness/pulumiProject";
import { commands, snippet } from "./readme";
import {
  assertLanguageHost,
  assertPluginFolderRuntimeOnly,
  emulatorCounts,
  initStack,
  PROJECT_TIMEOUT_MS,
  startUserProject,
  typescriptProjectFiles,
  type UserProject,
} from "./support";

/** The @pulumi/pulumi this repository builds against: the generated TypeScript SDK needs one. */
const sdkVersion = (
  JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as { version: string }
).version;

/** The schema the plugin serves (kept in step with it by test/schema checks). */
const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "schema", "pulumi.schema.json"), "utf8")) as {
  resources: Record<string, { inputProperties?: Record<string, unknown>; requiredInputs?: string[] }>;
};
/** Each resource's kind (`Meeting`) with its input names, sorted, and the required ones. */
const resourceInputs = Object.entries(schema.resources).map(([token, resource]) => ({
  kind: token.split(":")[2],
  inputs: Object.keys(resource.inputProperties ?? {}).sort(),
  required: [...(resource.requiredInputs ?? [])].sort(),
}));

/** The README's `pulumi package add` lines, run in the project folder. */
async function packageAddAsTheReadmeSays(fixture: UserProject, options: { allowFailure?: boolean } = {}) {
  const results = [];
  for (const line of commands(snippet("plugin-package-add"))) {
    results.push(await fixture.pulumi.shell(line, options));
  }
  return results;
}

describe("User path: SDKs of the provider plugin from `pulumi package add`", function () {
  this.timeout(PROJECT_TIMEOUT_MS);

  describe("in a Node.js project", () => {
    let fixture: UserProject;

    before(async () => {
      fixture = await startUserProject({ prefix: "rtk-sdk-nodejs-" });
      writeFiles(fixture.dir, typescriptProjectFiles("rtk-sdk-nodejs", { "@pulumi/pulumi": sdkVersion }));
      await npmInstall(fixture.dir, [await packedTarball()]);
    });
    after(async () => {
      await fixture?.dispose();
    });

    it("serves its schema to `pulumi package get-schema`: the four resources and the secret token", async () => {
      const { stdout } = await fixture.pulumi.pulumi(["package", "get-schema", "./node_modules/pulumi-realtimekit"], { quiet: true });
      const served = JSON.parse(stdout) as {
        name: string;
        version: string;
        resources: Record<string, unknown>;
        config: { variables: Record<string, { secret?: boolean }> };
      };
      assert.equal(served.name, "realtimekit");
      assert.equal(served.version, JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).version);
      assert.deepEqual(Object.keys(served.resources).sort(), Object.keys(schema.resources).sort());
      assert.equal(served.config.variables.apiToken.secret, true);
    });

    it("generates and compiles a TypeScript SDK, and installs only what the plugin runs in its folder", async () => {
      await packageAddAsTheReadmeSays(fixture);
      const sdk = path.join(fixture.dir, "sdks", "realtimekit");
      for (const file of ["index.d.ts", "meeting.js", "preset.d.ts", "webhook.d.ts", "app.d.ts"]) {
        assert.ok(fs.existsSync(path.join(sdk, "bin", file)), `sdks/realtimekit/bin/${file} is missing (tsc did not run)`);
      }
      const manifest = JSON.parse(fs.readFileSync(path.join(fixture.dir, "package.json"), "utf8")) as {
        dependencies: Record<string, string>;
      };
      assert.equal(manifest.dependencies["@pulumi-realtimekit/realtimekit"], "file:sdks/realtimekit");
      assertPluginFolderRuntimeOnly(fixture.dir);
    });

    it("a program with the SDK's resources and the package's dynamic resources type-checks, deploys and destroys", async () => {
      writeFiles(fixture.dir, {
        "index.ts": [
          'import * as realtimekit from "@pulumi-realtimekit/realtimekit";',
          'import { Webhook } from "pulumi-realtimekit";',
          "",
          "// From the generated SDK, served by the provider plugin:",
          'const host = new realtimekit.Preset("host", { name: "host", permissions: { kickParticipant: true } });',
          'const standup = new realtimekit.Meeting("standup", { title: "Daily standup", status: "ACTIVE" });',
          "// The package's TypeScript dynamic resource, in the same node_modules:",
          'const ended = new Webhook("ended", { name: "ended", url: "https://example.com/rtk", events: ["meeting.ended"] });',
          "",
          "export const standupId = standup.id;",
          "export const hostName = host.name;",
          "export const webhookId = ended.id;",
          "",
        ].join("\n"),
      });
      await fixture.pulumi.shell("node node_modules/typescript/bin/tsc --noEmit -p tsconfig.json");
      await initStack(fixture);
      await fixture.pulumi.pulumi(["up", "--yes"]);
      const types = (await fixture.pulumi.stateResources()).map((resource) => resource.type);
      assert.ok(types.includes("realtimekit:index:Meeting") && types.includes("realtimekit:index:Preset"), types.join(", "));
      assert.ok(types.includes("pulumi-nodejs:dynamic/realtimekit:Webhook"), `no dynamic resource in ${types.join(", ")}`);
      const outputs = await fixture.pulumi.outputs();
      assert.deepEqual(
        fixture.emulator.state().webhooks.map((webhook) => webhook.id),
        [outputs.webhookId],
      );
      assert.deepEqual(emulatorCounts(fixture.emulator), { meetings: 1, active: 1, webhooks: 1, presets: 1 });
      await fixture.pulumi.pulumi(["preview", "--expect-no-changes"]);
      await fixture.pulumi.pulumi(["destroy", "--yes"]);
      assert.deepEqual(emulatorCounts(fixture.emulator), { meetings: 1, active: 0, webhooks: 0, presets: 0 });
      assertPluginFolderRuntimeOnly(fixture.dir);
    });

    it("C#: `gen-sdk --language dotnet` writes a project whose .csproj and classes match the schema's resources", async () => {
      assertLanguageHost("dotnet");
      const out = path.join(fixture.env.dir, "sdk-dotnet");
      await fixture.pulumi.pulumi(["package", "gen-sdk", "./node_modules/pulumi-realtimekit", "--language", "dotnet", "--out", out]);
      const dir = path.join(out, "dotnet");
      const projects = fs.readdirSync(dir).filter((file) => file.endsWith(".csproj"));
      assert.deepEqual(projects, ["PulumiRealtimeKit.Realtimekit.csproj"]);
      assert.match(
        fs.readFileSync(path.join(dir, projects[0]), "utf8"),
        /<PackageReference Include="Pulumi" Version="\[3\.[\d.]+,4\)" \/>/,
      );
      for (const { kind, inputs } of resourceInputs) {
        const source = fs.readFileSync(path.join(dir, `${kind}.cs`), "utf8");
        assert.match(source, /^namespace PulumiRealtimeKit\.Realtimekit$/m);
        assert.match(
          source,
          new RegExp(
            `\\[RealtimekitResourceType\\("realtimekit:index:${kind}"\\)\\]\\s*public partial class ${kind} : global::Pulumi\\.CustomResource`,
          ),
        );
        const args = source.slice(source.indexOf(`public sealed class ${kind}Args : global::Pulumi.ResourceArgs`));
        assert.ok(args.length < source.length, `${kind}.cs has no ${kind}Args`);
        const declared = [...args.slice(0, args.indexOf("\n    }\n")).matchAll(/\[Input\("([^"]+)"/g)].map((match) => match[1]).sort();
        assert.deepEqual(declared, inputs, `${kind}Args`);
      }
    });
  });

  describe("in a Python project", () => {
    let fixture: UserProject;
    let addOutput = "";

    before(async () => {
      assertLanguageHost("python");
      fixture = await startUserProject({ prefix: "rtk-sdk-python-" });
      // As `pulumi new python` leaves a project, with the package installed as the README says.
      writeFiles(fixture.dir, {
        "Pulumi.yaml": "name: rtk-sdk-python\nruntime:\n  name: python\n  options:\n    toolchain: pip\n    virtualenv: venv\n",
        "requirements.txt": "pulumi>=3.0.0,<4.0.0\n",
        "__main__.py": "import pulumi\n",
        "package.json": '{ "name": "rtk-sdk-python", "private": true }\n',
      });
      await npmInstall(fixture.dir, [await packedTarball(), `@pulumi/pulumi@${sdkVersion}`]);
      fixture.pulumi.processEnv.PIP_RETRIES = "0";
      const results = await packageAddAsTheReadmeSays(fixture, { allowFailure: true });
      addOutput = results.map((result) => `${result.stdout}\n${result.stderr}`).join("\n");
      const failed = results.find((result) => result.code !== 0);
      if (failed) {
        // Only the project's own dependencies may fail to install: `pulumi` comes from PyPI.
        assert.match(addOutput, /Successfully generated an SDK for the realtimekit package/);
        assert.match(addOutput, /installing dependencies|updating pip, setuptools, and wheel/, addOutput.slice(-3000));
      }
    });
    after(async () => {
      await fixture?.dispose();
    });

    it("generates pulumi_realtimekit, which byte-compiles, and adds it to requirements.txt", () => {
      const sdk = path.join(fixture.dir, "sdks", "realtimekit");
      assert.deepEqual(fs.readFileSync(path.join(fixture.dir, "requirements.txt"), "utf8").trim().split("\n"), [
        "pulumi>=3.0.0,<4.0.0",
        "sdks/realtimekit",
      ]);
      for (const file of ["__init__.py", "meeting.py", "webhook.py", "preset.py", "app.py", "provider.py", "_inputs.py", "outputs.py"]) {
        assert.ok(fs.existsSync(path.join(sdk, "pulumi_realtimekit", file)), `pulumi_realtimekit/${file} is missing`);
      }
      execFileSync("python3", ["-m", "compileall", "-q", "pulumi_realtimekit"], { cwd: sdk, stdio: "pipe" });
    });

    it("whose <Kind>Args take exactly the schema's inputs, the required ones without a default", () => {
      const sdk = path.join(fixture.dir, "sdks", "realtimekit", "pulumi_realtimekit");
      // Reads each Args class's __init__ back with Python's own parser.
      const reader = [
        "import ast, json, sys",
        "tree = ast.parse(open(sys.argv[1]).read())",
        "cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == sys.argv[2])",
        "init = next(n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == '__init__')",
        "a = init.args",
        "print(json.dumps({'inputs': sorted(x.arg for x in a.kwonlyargs),",
        "  'required': sorted(x.arg for x, d in zip(a.kwonlyargs, a.kw_defaults) if d is None)}))",
      ].join("\n");
      const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
      for (const { kind, inputs, required } of resourceInputs) {
        const read = JSON.parse(
          execFileSync("python3", ["-c", reader, path.join(sdk, `${kind.toLowerCase()}.py`), `${kind}Args`], { encoding: "utf8" }),
        ) as {
          inputs: string[];
          required: string[];
        };
        assert.deepEqual(read.inputs, inputs.map(snake).sort(), `${kind}Args inputs`);
        assert.deepEqual(read.required, required.map(snake).sort(), `${kind}Args required inputs`);
      }
    });

    it("installs only what the plugin runs in the plugin's folder", () => {
      assertPluginFolderRuntimeOnly(fixture.dir);
    });
  });
});
