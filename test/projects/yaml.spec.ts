/**
 * The provider plugin through the engine: a Pulumi YAML program (examples/yaml, copied out of the
 * repository and installed with the package from the `npm pack` tarball) that loads the package
 * with `packages:`, run with the plain `pulumi` CLI in its folder.
 *
 * - up (a meeting ACTIVE, one INACTIVE, a meeting.ended webhook, a preset with kickParticipant),
 *   then a no-change preview; no serialized provider in state; the plugin's folder holds only what
 *   the plugin runs;
 * - the ACTIVE meeting set INACTIVE with people inside: kick-all before the PATCH;
 * - an out-of-band change, refresh, then up restores the declared value;
 * - `pulumi import` of a hand-made preset and webhook, the generated YAML added to the program,
 *   then a no-change preview;
 * - secrets: storage credentials given as secret config and the token never in `--debug -v=9`
 *   logs of up, preview, refresh and destroy, nor in the stored state in plain text;
 * - destroy;
 *
 * and the README's "Use from YAML" commands, run as written (docs/languages.md's for `pulumi import`).
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { handMadePresetBody } from "../../harness/handMade";
import { repoRoot } from "../../harness/offlineEngine";
import { npmInstall, packedTarball } from "../../harness/packedPackage";
import type { CommandResult } from "../../harness/pulumiProject";
import { commands, fillPlaceholders, snippet } from "./readme";
import {
  assertOneSdk,
  assertPluginFolderRuntimeOnly,
  configureAndDeployAsTheReadmeSays,
  copyProject,
  initStack,
  installPluginAsTheReadmeSays,
  PROJECT_TIMEOUT_MS,
  assertExampleCreated,
  assertExampleDestroyed,
  pluginResources,
  startUserProject,
  type UserProject,
} from "./support";

/** The stack as stored (`pulumi stack export`, secrets encrypted). */
async function storedState(fixture: UserProject): Promise<string> {
  return (await fixture.pulumi.pulumi(["stack", "export"], { quiet: true })).stdout;
}

/** Adds the resources of a `pulumi import --out` file to the program. */
function addImportedResources(dir: string, generated: string): void {
  const file = path.join(dir, "Pulumi.yaml");
  const program = parse(fs.readFileSync(file, "utf8")) as { resources: Record<string, unknown> };
  const imported = parse(generated) as { resources: Record<string, unknown> };
  Object.assign(program.resources, imported.resources);
  fs.writeFileSync(file, stringify(program));
}

describe("User path: the provider plugin from a Pulumi YAML program", function () {
  this.timeout(PROJECT_TIMEOUT_MS);

  let fixture: UserProject;
  let appPath: string;
  /** Requests that change something since `from`, as "METHOD path-in-the-app". */
  const describeWrites = (from: number) =>
    fixture.emulator
      .requests()
      .slice(from)
      .filter((request) => request.method !== "GET")
      .map((request) => `${request.method} ${request.path.replace(`${appPath}/`, "")}`);

  before(async () => {
    fixture = await startUserProject({ prefix: "rtk-yaml-" });
    copyProject(path.join(repoRoot, "examples", "yaml"), fixture.dir);
    await npmInstall(fixture.dir, [await packedTarball()]);
    await initStack(fixture);
    appPath = `/accounts/${fixture.emulator.accountId}/realtime/kit/${fixture.emulator.appId}`;
  });
  after(async () => {
    await fixture?.dispose();
  });

  it("installs with one @pulumi/pulumi, the project's", () => {
    assertOneSdk(fixture.dir);
  });

  it("up creates the two meetings (one INACTIVE), the meeting.ended webhook and the kickParticipant preset", async () => {
    const from = fixture.emulator.requests().length;
    await fixture.pulumi.pulumi(["up", "--yes"]);
    await assertExampleCreated(fixture);
    assert.deepEqual(
      describeWrites(from)
        .filter((line) => line.startsWith("POST"))
        .sort(),
      ["POST meetings", "POST meetings", "POST presets", "POST webhooks"],
    );
  });

  it("leaves no dev tools and no second @pulumi/pulumi in the plugin's folder", () => {
    assertPluginFolderRuntimeOnly(fixture.dir);
  });

  it("stores no serialized provider: the state holds plugin resources and the provider's config, the token encrypted", async () => {
    const stored = await storedState(fixture);
    assert.ok(!stored.includes("__provider"), "a __provider in state");
    assert.ok(!stored.includes(fixture.emulator.token), "the token in state in plain text");
    const resources = await fixture.pulumi.stateResources();
    assert.ok(resources.some((resource) => resource.type === "pulumi:providers:realtimekit"));
    assert.ok(!resources.some((resource) => resource.type.startsWith("pulumi-nodejs:dynamic")));
  });

  it("previews no change right after", async () => {
    await fixture.pulumi.pulumi(["preview", "--expect-no-changes"]);
  });

  it("sets the ACTIVE meeting INACTIVE with people inside: kick-all, then one PATCH", async () => {
    const { standupId } = await fixture.pulumi.outputs();
    await fixture.control.join(standupId as string, 2);
    await fixture.pulumi.pulumi(["config", "set", "standupStatus", "INACTIVE"]);
    const from = fixture.emulator.requests().length;
    await fixture.pulumi.pulumi(["up", "--yes"]);
    assert.deepEqual(describeWrites(from), [`POST meetings/${standupId}/active-session/kick-all`, `PATCH meetings/${standupId}`]);
    assert.equal(fixture.emulator.state().meetings.find((item) => item.id === standupId)?.status, "INACTIVE");
    assert.equal(await fixture.control.activeSession(standupId as string), undefined);
  });

  it("refresh takes in an out-of-band change, and up puts the declared value back", async () => {
    const { archiveId } = await fixture.pulumi.outputs();
    const changed = await fixture.control.rest("PATCH", `meetings/${archiveId}`, { title: "Renamed by hand" });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    await fixture.pulumi.pulumi(["refresh", "--yes"]);
    assert.match(await storedState(fixture), /"title": "Renamed by hand"/);
    const preview = await fixture.pulumi.pulumi(["preview", "--diff"]);
    assert.match(preview.stdout, /~ 1 to update/);
    const from = fixture.emulator.requests().length;
    await fixture.pulumi.pulumi(["up", "--yes"]);
    assert.deepEqual(describeWrites(from), [`PATCH meetings/${archiveId}`]);
    assert.equal(fixture.emulator.state().meetings.find((item) => item.id === archiveId)?.title, "Archived room");
  });

  it("imports a hand-made preset and webhook with generated YAML, after which nothing changes", async () => {
    const preset = await fixture.control.rest<{ id: string }>("POST", "presets", handMadePresetBody("studio-host"));
    assert.equal(preset.status, 201, JSON.stringify(preset.body));
    const webhook = await fixture.control.rest<{ id: string }>("POST", "webhooks", {
      name: "hand-made",
      url: "https://example.com/hand-made",
      events: ["meeting.started", "meeting.ended"],
      enabled: false,
    });
    assert.equal(webhook.status, 201, JSON.stringify(webhook.body));
    const ids = { "preset id": preset.body.data!.id, "webhook id": webhook.body.data!.id };
    const from = fixture.emulator.requests().length;
    // docs/languages.md's import commands, as written, each writing the code to paste into a file.
    const generated = path.join(fixture.dir, "imported.yaml");
    for (const line of commands(snippet("plugin-import"))) {
      await fixture.pulumi.shell(`${fillPlaceholders(line, ids)} --protect=false --out ${generated}`);
      addImportedResources(fixture.dir, fs.readFileSync(generated, "utf8"));
    }
    assert.deepEqual(describeWrites(from), [], "import wrote to the API");
    const resources = await pluginResources(fixture);
    assert.equal(resources.get("studio")?.id, ids["preset id"]);
    assert.equal(resources.get("alerts")?.id, ids["webhook id"]);
    const program = fs.readFileSync(path.join(fixture.dir, "Pulumi.yaml"), "utf8");
    assert.match(program, /studio:\n\s+type: realtimekit:(index:)?Preset/);
    assert.match(program, /alerts:\n\s+type: realtimekit:(index:)?Webhook/);
    await fixture.pulumi.pulumi(["preview", "--expect-no-changes"]);
  });

  describe("secrets", () => {
    const accessKey = "AKIArtkCanaryAccessKey";
    const secretKey = "rtkCanarySecretKey/0123456789";
    const logs: CommandResult[] = [];
    const verbose = ["--debug", "-v=9", "--logtostderr"];

    before(async () => {
      await fixture.pulumi.pulumi(["config", "set", "--secret", "recordingAccessKey", "--", accessKey], { secrets: [accessKey] });
      await fixture.pulumi.pulumi(["config", "set", "--secret", "recordingSecretKey", "--", secretKey], { secrets: [secretKey] });
      const file = path.join(fixture.dir, "Pulumi.yaml");
      const program = parse(fs.readFileSync(file, "utf8")) as { resources: Record<string, unknown> };
      program.resources.recorded = {
        type: "realtimekit:index:Meeting",
        properties: {
          title: "Recorded",
          recordingConfig: {
            storageConfig: {
              type: "aws",
              bucket: "recordings",
              region: "us-east-1",
              accessKey: "${recordingAccessKey}",
              secret: "${recordingSecretKey}",
            },
          },
        },
      };
      fs.writeFileSync(file, stringify(program));
    });

    it("sends the storage credentials to the API and keeps them secret in state", async () => {
      const from = fixture.emulator.requests().length;
      logs.push(await fixture.pulumi.pulumi(["up", "--yes", ...verbose], { quiet: true }));
      const created = fixture.emulator
        .requests()
        .slice(from)
        .find((request) => request.method === "POST" && /\/meetings$/.test(request.path));
      const sent = (created?.body as { recording_config?: { storage_config?: Record<string, unknown> } } | undefined)?.recording_config
        ?.storage_config;
      assert.equal(sent?.access_key, accessKey);
      assert.equal(sent?.secret, secretKey);
      const stored = await storedState(fixture);
      for (const value of [accessKey, secretKey, fixture.emulator.token]) {
        assert.ok(!stored.includes(value), "a credential in the stored state in plain text");
      }
      const shown = (await fixture.pulumi.pulumi(["stack", "export", "--show-secrets"], { quiet: true })).stdout;
      assert.ok(shown.includes(secretKey), "the decrypted state holds the credential, inside a secret");
    });

    it("names the config key, never the token, when the API refuses the token", async () => {
      const wrongToken = "-rtkWrongCanaryToken";
      await fixture.pulumi.pulumi(["config", "set", "--secret", "realtimekit:apiToken", "--", wrongToken], { secrets: [wrongToken] });
      // A change the program makes calls the API with the new configuration (a refresh would use
      // the provider recorded in state, with the old token).
      await fixture.pulumi.pulumi(["config", "set", "webhookUrl", "https://example.com/elsewhere"]);
      const refused = await fixture.pulumi.pulumi(["up", "--yes", ...verbose], { quiet: true, allowFailure: true });
      await fixture.pulumi.pulumi(["config", "rm", "webhookUrl"]);
      await fixture.pulumi.pulumi(["config", "set", "--secret", "realtimekit:apiToken", "--", fixture.emulator.token], {
        secrets: [fixture.emulator.token],
      });
      // The failed update recorded the provider with the refused token: record the right one again.
      await fixture.pulumi.pulumi(["up", "--yes"]);
      assert.notEqual(refused.code, 0);
      const text = `${refused.stdout}\n${refused.stderr}`;
      assert.match(text, /check realtimekit:apiToken/);
      assert.ok(!text.includes(wrongToken), "the refused token appears in the output or logs");
    });

    it("keeps the token and the storage credentials out of --debug -v=9 logs of preview, refresh and destroy", async () => {
      logs.push(await fixture.pulumi.pulumi(["preview", "--expect-no-changes", ...verbose], { quiet: true }));
      logs.push(await fixture.pulumi.pulumi(["refresh", "--yes", ...verbose], { quiet: true }));
      logs.push(await fixture.pulumi.pulumi(["destroy", "--yes", ...verbose], { quiet: true }));
      const text = logs.map((log) => `${log.stdout}\n${log.stderr}`).join("\n");
      // The logs are the engine's most verbose: they name the resources and their inputs.
      assert.ok(text.length > 100_000, `only ${text.length} bytes of logs`);
      assert.match(text, /realtimekit:index:Meeting::recorded/);
      for (const [name, value] of [
        ["API token", fixture.emulator.token],
        ["access key", accessKey],
        ["secret key", secretKey],
      ]) {
        assert.ok(!text.includes(value), `the ${name} appears in the verbose logs`);
      }
    });

    it("destroy removed what the program declared", async () => {
      assert.equal((await pluginResources(fixture)).size, 0);
      assertExampleDestroyed(fixture.emulator);
    });
  });
});

describe("User path: the README's Use from YAML, as written", function () {
  this.timeout(PROJECT_TIMEOUT_MS);

  let fixture: UserProject;

  before(async () => {
    fixture = await startUserProject({ prefix: "rtk-yaml-readme-" });
  });
  after(async () => {
    await fixture?.dispose();
  });

  it("installs the package, deploys the program with the plugin, and destroys it", async () => {
    await installPluginAsTheReadmeSays(fixture);
    fs.writeFileSync(path.join(fixture.dir, "Pulumi.yaml"), snippet("plugin-yaml").code);
    await configureAndDeployAsTheReadmeSays(fixture);
    const state = fixture.emulator.state();
    assert.equal(state.meetings.filter((meeting) => meeting.title === "Daily standup").length, 1);
    assert.equal(state.presets.filter((preset) => preset.name === "host").length, 1);
    await fixture.pulumi.pulumi(["destroy", "--yes"]);
    assert.deepEqual(
      fixture.emulator.state().presets.filter((preset) => preset.name === "host"),
      [],
    );
  });
});
