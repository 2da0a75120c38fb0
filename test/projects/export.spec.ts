/**
 * `pulumi-realtimekit export` round trips, as a user runs them: the packed package installed in a
 * project, its bin run with `npx`, the `pulumi` CLI in the folder, the README's commands as written.
 *
 * An app is populated through the API alone (presets with assorted non-default leaves, webhooks,
 * ACTIVE and INACTIVE meetings, one with a live session). Then:
 *
 * - YAML: `export` → `pulumi up` of a fresh stack adopts every object with 0 write requests (no
 *   create, no PATCH) in the emulator's log, the live session untouched; `preview
 *   --expect-no-changes` passes.
 * - TypeScript: the same with `--format ts` as the program, on another fresh stack.
 * - Copy dev to a new environment: `export --no-adopt`; the adopted stack previews no change; a
 *   `prod` stack on a second app creates everything, and the two apps are equal leaf for leaf but ids.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { EmulatorControl, describeRequest } from "../../harness/emulatorControl";
import { npmInstall, packedTarball } from "../../harness/packedPackage";
import { appContents, populateApp, type PopulatedApp } from "../../harness/populateApp";
import { PulumiProject, writeFiles } from "../../harness/pulumiProject";
import { commands, fillPlaceholders, snippet } from "./readme";
import { assertOneSdk, initStack, PROJECT_TIMEOUT_MS, startUserProject, typescriptProjectFiles, type UserProject } from "./support";

describe("User path: export an app, then adopt it with the pulumi CLI", function () {
  this.timeout(PROJECT_TIMEOUT_MS);
  let fixture: UserProject;
  /** The project's CLI, with the emulator's URL in the environment for stacks made by hand. */
  let project: PulumiProject;
  let populated: PopulatedApp;
  /** Objects of the app: 1 stack + 1 component + these are the resources of an adopted stack. */
  let declared: number;

  before(async () => {
    fixture = await startUserProject({ prefix: "rtk-export-" });
    writeFiles(fixture.dir, {
      ...typescriptProjectFiles("rtk-export", { "@pulumi/pulumi": "^3.216.0" }),
      "index.ts": snippet("export-program").code,
    });
    await npmInstall(fixture.dir, [await packedTarball()]);
    project = new PulumiProject({
      dir: fixture.dir,
      env: fixture.env,
      extraEnv: { REALTIMEKIT_STATE_DIR: path.join(fixture.env.dir, "provider-state"), REALTIMEKIT_API_BASE_URL: fixture.emulator.url },
      secrets: [fixture.emulator.token],
    });
    await initStack(fixture);
    populated = await populateApp(fixture.control, { presets: 10, webhooks: 4, meetings: 12, liveParticipants: 2 });
    declared = populated.presetNames.length + populated.webhookUrls.length + populated.meetingIds.length;
  });
  after(async () => {
    await fixture?.dispose();
  });

  /** The stack's RealtimeKit resources, as `type:id`, sorted. */
  async function stateIds(stack: string): Promise<string[]> {
    return (await project.stateResources(stack))
      .filter((resource) => resource.type.startsWith("pulumi-nodejs:dynamic/realtimekit:"))
      .map((resource) => `${resource.type.replace(/^.*:/, "")}:${String(resource.id)}`)
      .sort();
  }

  /** What the app holds, as `type:id` for meetings and presets, sorted. */
  function appIds(): string[] {
    const state = fixture.emulator.state();
    const app = fixture.emulator.appId;
    return [
      ...state.meetings.filter((meeting) => meeting.app_id === app).map((meeting) => `Meeting:${meeting.id}`),
      ...state.presets.filter((preset) => preset.app_id === app).map((preset) => `Preset:${preset.id}`),
      ...state.webhooks.filter((webhook) => webhook.app_id === app).map((webhook) => `Webhook:${webhook.id}`),
    ].sort();
  }

  /** Requests other than GET since `from`, as "METHOD path". */
  function writesSince(from: number): string[] {
    return fixture.emulator
      .requests()
      .slice(from)
      .filter((request) => request.method !== "GET")
      .map((request) => describeRequest({ ...request, status: request.status ?? 0 }, fixture.control.appPath));
  }

  it("installs with one @pulumi/pulumi, the project's", () => {
    assertOneSdk(fixture.dir);
  });

  it("YAML: the first up adopts every object with no write request, and the next preview shows no change", async () => {
    const from = fixture.emulator.requests().length;
    const [exportLine, up, preview] = commands(snippet("export"));
    const exported = await project.shell(exportLine);
    assert.match(exported.stderr, new RegExp(`export: 10 presets, 4 webhooks, 12 meetings in \\d+ requests -> realtimekit\\.yaml`));
    const file = fs.readFileSync(path.join(fixture.dir, "realtimekit.yaml"), "utf8");
    assert.match(file, /^# yaml-language-server: \$schema=/);
    assert.match(file, /DELETES the preset or webhook and deactivates the meeting/);

    await project.shell(up);
    assert.deepEqual(writesSince(from), [], "no create and no write: every object adopted as it is");
    assert.deepEqual((await project.lastUpdate()).resourceChanges, { create: declared + 2 });
    assert.deepEqual(await stateIds("dev"), appIds(), "the stack holds the app's own objects");
    assert.equal(
      (await fixture.control.activeSession(populated.liveMeetingId as string))?.live_participants,
      2,
      "the live session goes on",
    );

    await project.shell(preview);
    assert.deepEqual(writesSince(from), []);
  });

  it("TypeScript: the exported program, type-checked, adopts the same way on a fresh stack", async () => {
    const yamlProgram = fs.readFileSync(path.join(fixture.dir, "index.ts"), "utf8");
    const from = fixture.emulator.requests().length;
    try {
      await project.pulumi(["stack", "init", "dev-ts"]);
      await project.pulumi(["config", "set", "realtimekit:accountId", fixture.emulator.accountId]);
      await project.pulumi(["config", "set", "realtimekit:appId", fixture.emulator.appId]);
      await project.pulumi(["config", "set", "--secret", "realtimekit:apiToken", "--", fixture.emulator.token]);
      await project.shell("npx pulumi-realtimekit export --stack dev-ts --format ts --out index.ts");
      const program = fs.readFileSync(path.join(fixture.dir, "index.ts"), "utf8");
      assert.equal(program.match(/^new (Preset|Webhook|Meeting)\(/gm)?.length, declared);
      await project.shell("npx tsc --noEmit -p .");

      await project.pulumi(["up", "--yes"]);
      assert.deepEqual(writesSince(from), []);
      assert.deepEqual((await project.lastUpdate("dev-ts")).resourceChanges, { create: declared + 1 });
      assert.deepEqual(await stateIds("dev-ts"), appIds());
      await project.pulumi(["preview", "--expect-no-changes"]);
      assert.deepEqual(writesSince(from), []);
    } finally {
      // Forget the stack without touching the app (destroy would delete what it adopted).
      await project.pulumi(["stack", "rm", "--yes", "--force", "dev-ts"], { allowFailure: true });
      await project.pulumi(["stack", "select", "dev"]);
      fs.writeFileSync(path.join(fixture.dir, "index.ts"), yamlProgram);
    }
  });

  it("copies dev to a new app: dev sees no change, prod creates every object, equal leaf for leaf", async () => {
    const { emulator } = fixture;
    const dev = new EmulatorControl(emulator);
    const created = await fetch(`${emulator.url}/accounts/${emulator.accountId}/realtime/kit/apps`, {
      method: "POST",
      headers: { authorization: `Bearer ${emulator.token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "prod" }),
    });
    const prodAppId = ((await created.json()) as { data: { app: { id: string } } }).data.app.id;
    const prod = new EmulatorControl({ ...emulator, appId: prodAppId });
    const from = emulator.requests().length;

    const values = { "account id": emulator.accountId, "prod app id": prodAppId, "API token": emulator.token };
    for (const line of commands(snippet("export-copy"))) {
      await project.shell(fillPlaceholders(line, values));
    }
    assert.doesNotMatch(fs.readFileSync(path.join(fixture.dir, "realtimekit.yaml"), "utf8"), /adoptExisting|adoptMeetingId/);
    assert.ok(writesSince(from).every((request) => request.startsWith("POST ") || request.startsWith("PATCH ")));
    assert.deepEqual((await project.lastUpdate("prod")).resourceChanges, { create: declared + 2 });
    const [devContents, prodContents] = [await appContents(dev), await appContents(prod)];
    assert.equal(prodContents.presets.length, 10);
    assert.equal(prodContents.meetings.length, 12);
    assert.deepEqual(prodContents, devContents);
  });
});
