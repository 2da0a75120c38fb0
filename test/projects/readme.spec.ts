/**
 * The documents, copied and pasted: every `sh`, `ts`, `js`, `yaml` and `go` block of the README a user
 * would run carries a `<!-- snippet: name -->` marker (as do the blocks of docs/ and emulator/README.md
 * that are run), and each marked block is run here as it is written, with only its `<placeholders>`
 * filled in (the emulator's account, app and token) and `pulumi-realtimekit` in `npm install` lines
 * pointed at the `npm pack` tarball, which is what the registry would serve.
 *
 * - quick-start: `npm run demo` runs and reports success; `npm test` is what `.ci/run` runs.
 * - install + pulumi-yaml + program + cloudflare: a project made from scratch as the README's
 *   first screen says, deployed with its `pulumi` commands; recover-pending runs there.
 * - cloudflare again in this repository's folder, on its own Pulumi.yaml (the demo program).
 * - storage-credentials, app (docs/resources.md), webhook-receiver (docs/webhooks.md): type-checked
 *   in that project with its TypeScript.
 * - emulator-cli: started as written, on a free port; emulator-api (emulator/README.md): run as an ES module.
 * (The commands of CONTRIBUTING.md's "Build and test" name only package.json's scripts: test/docs/references.spec.ts.)
 * - export-program, export, export-copy (docs/export.md): run by test/projects/export.spec.ts (the export round trips).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { repoRoot } from "../../harness/offlineEngine";
import { npmInstall, packedTarball } from "../../harness/packedPackage";
import { PulumiProject, runCommand, userShellEnvironment, writeFiles } from "../../harness/pulumiProject";
import { commands, documentBlocks, fillPlaceholders, markedBlocks, snippet } from "./readme";
import { assertCreatedAsDeclared, assertOneSdk, emulatorCounts, PROJECT_TIMEOUT_MS, startUserProject, type UserProject } from "./support";

/** How each marked snippet is exercised (the `it` below that runs it). */
const EXERCISED = [
  "quick-start",
  "install",
  "pulumi-yaml",
  "program",
  "cloudflare",
  "storage-credentials",
  "app",
  "webhook-receiver",
  "recover-pending",
  "emulator-cli",
  "emulator-api",
  "export-program",
  "export",
  "export-copy", // test/projects/export.spec.ts
  // The provider plugin's: test/projects/yaml.spec.ts (install, yaml, import), test/projects/sdks.spec.ts
  // (package-add) and test/projects/go.spec.ts (install, package-add, go, go-install); both run the
  // `cloudflare` lines to configure and deploy. go, go-install and import live in docs/languages.md.
  "plugin-install",
  "plugin-yaml",
  "plugin-import",
  "plugin-package-add",
  "plugin-go",
  "plugin-go-install",
];

/** The placeholders of the `cloudflare` snippet, filled with the emulator's values. */
function credentials(fixture: UserProject): Record<string, string> {
  return { "account id": fixture.emulator.accountId, "app id": fixture.emulator.appId, "API token": fixture.emulator.token };
}

/** Runs each command of a snippet in the project folder, placeholders filled. */
async function runCommands(project: PulumiProject, name: string, values: Record<string, string> = {}): Promise<void> {
  for (const line of commands(snippet(name))) {
    await project.shell(fillPlaceholders(line, values));
  }
}

/** A free port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("README snippets", function () {
  this.timeout(PROJECT_TIMEOUT_MS);

  it("mark every block of the README a user would run, and each marked block of every document is exercised here", () => {
    const readme = documentBlocks().filter((block) => ["sh", "ts", "js", "yaml", "go"].includes(block.lang));
    assert.deepEqual(
      readme.filter((block) => !block.name).map((block) => `README.md line ${block.line}`),
      [],
      "blocks without a snippet marker",
    );
    assert.deepEqual(
      markedBlocks()
        .map((block) => block.name)
        .sort(),
      [...EXERCISED].sort(),
    );
  });

  describe("quick start", () => {
    it("`npm run demo` deploys, closes the meeting with kick-all first, verifies meeting.ended, destroys", async () => {
      const [demo, test] = commands(snippet("quick-start"));
      assert.equal(demo, "npm run demo");
      const result = await runCommand("bash", ["-c", demo], { cwd: repoRoot, env: userShellEnvironment(), allowFailure: true });
      const text = `${result.stdout}\n${result.stderr}`;
      assert.equal(result.code, 0, text);
      assert.match(
        result.stdout,
        /Demo finished in [\d.]+ s: up 4 create; INACTIVE up (3 same, 1 update|1 update, 3 same); kick-all before PATCH yes; meeting\.ended verified; destroy 4 delete/,
      );
      assert.match(result.stdout, /\$ pulumi up --yes/, "the demo shows the commands it runs");
      assert.match(result.stderr, /\[prepare\] build … ok \([\d.]+ s\)/, "one line per preparation step");
      assert.doesNotMatch(text, /go: downloading/, "raw build output stays in the log files");

      // `npm test` is what CI runs (running it here would run this suite inside itself).
      assert.equal(test, "npm test");
      assert.match(fs.readFileSync(path.join(repoRoot, ".ci", "run"), "utf8"), /^npm test$/m);
    });
  });

  describe("a project made from scratch and deployed as the README's first screen says", () => {
    let fixture: UserProject;
    let project: PulumiProject;

    before(async () => {
      fixture = await startUserProject({ prefix: "rtk-readme-", dir: (root) => path.join(root, "work") });
      const tarball = await packedTarball();
      const install = snippet("install").code.replace(/^(npm install .*)\bpulumi-realtimekit\b/m, `$1${tarball}`);
      assert.notEqual(install, snippet("install").code, "the Install snippet installs pulumi-realtimekit");
      await fixture.pulumi.shell(install);
      const created = fs.readdirSync(fixture.dir);
      assert.equal(created.length, 1, `the Install snippet makes one project folder, made ${JSON.stringify(created)}`);
      const dir = path.join(fixture.dir, created[0]);
      writeFiles(dir, { "Pulumi.yaml": snippet("pulumi-yaml").code, "index.ts": snippet("program").code });
      project = new PulumiProject({
        dir,
        env: fixture.env,
        extraEnv: { REALTIMEKIT_API_BASE_URL: fixture.emulator.url },
        secrets: [fixture.emulator.token],
      });
    });
    after(async () => {
      await fixture?.dispose();
    });

    it("installs one @pulumi/pulumi, the project's (a peer dependency, not nested)", () => {
      assertOneSdk(project.dir);
      const manifest = JSON.parse(fs.readFileSync(path.join(project.dir, "package.json"), "utf8")) as {
        dependencies: Record<string, string>;
      };
      assert.ok(manifest.dependencies["@pulumi/pulumi"] && manifest.dependencies["pulumi-realtimekit"]);
    });

    it("`pulumi up` creates the three declared resources (REALTIMEKIT_API_BASE_URL points at the emulator)", async () => {
      await runCommands(project, "cloudflare", credentials(fixture));
      await assertCreatedAsDeclared(project, 3);
      assert.deepEqual(emulatorCounts(fixture.emulator), { meetings: 1, active: 1, webhooks: 1, presets: 1 });
      const outputs = await project.outputs();
      assert.equal(outputs.hostPreset, "host");
      assert.equal((await fixture.control.get(`meetings/${String(outputs.meetingId)}`)).title, "Daily standup");
      await project.pulumi(["preview", "--expect-no-changes"]);
    });

    it("the recover-pending commands of Troubleshooting run on the stack and leave it as it was", async () => {
      const before = fixture.emulator.requests().filter((request) => request.method !== "GET").length;
      await runCommands(project, "recover-pending");
      assert.deepEqual((await project.lastUpdate()).resourceChanges, { same: 4 });
      assert.equal(fixture.emulator.requests().filter((request) => request.method !== "GET").length, before);
    });

    it("the TypeScript snippets of the reference type-check in the project", async () => {
      const files: Record<string, string> = {};
      for (const name of ["storage-credentials", "app", "webhook-receiver"]) {
        files[`snippets/${name}.ts`] = snippet(name).code;
      }
      writeFiles(project.dir, files);
      await project.shell(`npx tsc --noEmit --strict --target es2022 --module nodenext --types node ${Object.keys(files).join(" ")}`);
    });

    it("`pulumi destroy` removes what it created", async () => {
      await project.pulumi(["destroy", "--yes"]);
      assert.deepEqual((await project.lastUpdate()).resourceChanges, { delete: 4 });
      assert.deepEqual(emulatorCounts(fixture.emulator), { meetings: 1, active: 0, webhooks: 0, presets: 0 });
    });
  });

  describe("this repository's Pulumi.yaml, deployed as Cloudflare credentials says", () => {
    const stack = `readme-${process.pid}`;
    let fixture: UserProject;

    before(async () => {
      fixture = await startUserProject({ prefix: "rtk-readme-repo-", existingDir: repoRoot });
    });
    after(async () => {
      try {
        await fixture?.pulumi.pulumi(["stack", "rm", "--yes", "--force", stack], { allowFailure: true });
      } finally {
        fs.rmSync(path.join(repoRoot, `Pulumi.${stack}.yaml`), { force: true });
        await fixture?.dispose();
      }
    });

    it("deploys the demo program's meeting, webhook and preset, then destroys them", async () => {
      const project = new PulumiProject({
        dir: repoRoot,
        env: fixture.env,
        extraEnv: { REALTIMEKIT_API_BASE_URL: fixture.emulator.url },
        secrets: [fixture.emulator.token],
      });
      // The README says `stack init dev`; a stack of its own keeps a developer's Pulumi.dev.yaml intact.
      for (const line of commands(snippet("cloudflare"))) {
        await project.shell(fillPlaceholders(line, credentials(fixture)).replace(/^pulumi stack init dev$/, `pulumi stack init ${stack}`));
      }
      await assertCreatedAsDeclared(project, 3);
      assert.deepEqual(emulatorCounts(fixture.emulator), { meetings: 1, active: 1, webhooks: 1, presets: 1 });
      assert.equal(fixture.emulator.state().presets[0].name, "demo-host");
      await project.pulumi(["destroy", "--yes"]);
      assert.deepEqual((await project.lastUpdate()).resourceChanges, { delete: 4 });
    });
  });

  describe("the emulator", () => {
    it("starts from the command line as written, on the port given", async () => {
      const port = await freePort();
      const [line] = commands(snippet("emulator-cli"));
      const child = spawn("bash", ["-c", line.replace("--port 8787", `--port ${port}`)], {
        cwd: repoRoot,
        env: userShellEnvironment(),
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      try {
        const banner = await new Promise<string>((resolve, reject) => {
          let text = "";
          child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
            text += chunk;
            const found = /RealtimeKit emulator listening on .*/.exec(text);
            if (found) resolve(found[0]);
          });
          child.on("exit", (code) => reject(new Error(`exited with ${String(code)} before listening: ${text}`)));
        });
        assert.match(banner, new RegExp(`http://127\\.0\\.0\\.1:${port}/client/v4 account=[0-9a-f]{32} app=\\S+ token=\\S+`));
      } finally {
        process.kill(-child.pid!, "SIGTERM");
      }
    });

    it("runs the startEmulator snippet as an ES module against the installed package", async () => {
      const fixture = await startUserProject({ prefix: "rtk-readme-emulator-" });
      try {
        writeFiles(fixture.dir, {
          "package.json": `${JSON.stringify({ name: "rtk-emulator-snippet", private: true, type: "module" })}\n`,
          "snippet.js": snippet("emulator-api").code,
        });
        await npmInstall(fixture.dir, [await packedTarball(), "@pulumi/pulumi"]);
        const result = await fixture.pulumi.shell("node snippet.js");
        assert.match(result.stdout, /^meeting [0-9a-f-]{36} is live at http:\/\/127\.0\.0\.1:\d+\/client\/v4$/m);
      } finally {
        await fixture.dispose();
      }
    });
  });
});
