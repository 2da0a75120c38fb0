/**
 * The example projects as a user runs them: the folder copied out of the repository, `npm install`
 * with the package from the `npm pack` tarball (the examples name `pulumi-realtimekit` and
 * `@pulumi/pulumi` by version range, like any project), then the `pulumi` CLI in the folder.
 *
 * - quickstart: preview, up, no-op up, destroy.
 * - gitops (stack "dev", so realtimekit.dev.yaml is merged): a bad overlay fails preview before
 *   any API call; preview; up; no-op up; the drift check passes; an out-of-band edit makes it fail
 *   and `up --refresh` restores; destroy (the app is kept, with a warning).
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseRealtimeKitConfig } from "../../provider/component/loader";
import { EmulatorControl } from "../../harness/emulatorControl";
import { repoRoot } from "../../harness/offlineEngine";
import { npmInstall, packedTarball } from "../../harness/packedPackage";
import {
  assertCreatedAsDeclared,
  assertOneSdk,
  copyProject,
  emulatorCounts,
  initStack,
  PROJECT_TIMEOUT_MS,
  startUserProject,
  type UserProject,
} from "./support";

const examplesDir = path.join(repoRoot, "examples");

/** Copies the example, installs it with the packed package, and sets the provider's stack config. */
async function setUpExample(name: string, options: { appId: boolean }): Promise<UserProject> {
  const fixture = await startUserProject({ prefix: `rtk-example-${name}-` });
  copyProject(path.join(examplesDir, name), fixture.dir);
  await npmInstall(fixture.dir, [await packedTarball()]);
  await initStack(fixture, options);
  return fixture;
}

/** Non-GET API requests the emulator received since `from`, as "METHOD /path-after-realtime/kit". */
function writesSince(fixture: UserProject, from: number): string[] {
  return fixture.emulator
    .requests()
    .slice(from)
    .filter((request) => request.method !== "GET")
    .map((request) => `${request.method} ${request.path.replace(/^.*\/realtime\/kit/, "")}`);
}

describe("User path: the examples with the pulumi CLI", function () {
  this.timeout(PROJECT_TIMEOUT_MS);

  describe("quickstart", () => {
    const declared = 3;
    let fixture: UserProject;

    before(async () => {
      fixture = await setUpExample("quickstart", { appId: true });
    });
    after(async () => {
      await fixture?.dispose();
    });

    it("installs with one @pulumi/pulumi, the project's", () => {
      assertOneSdk(fixture.dir);
    });

    it("previews without calling the API, then creates the meeting, the webhook and the host preset", async () => {
      const { pulumi, emulator, control } = fixture;
      const preview = await pulumi.pulumi(["preview"]);
      assert.match(preview.stdout, new RegExp(`\\+ ${declared + 1} to create`));
      assert.deepEqual(writesSince(fixture, 0), []);

      await pulumi.pulumi(["up", "--yes"]);
      await assertCreatedAsDeclared(pulumi, declared);
      const outputs = await pulumi.outputs();
      assert.equal(outputs.meetingStatus, "ACTIVE");
      assert.equal(outputs.hostPreset, "host");
      assert.equal(outputs.webhookUrl, "https://example.com/realtimekit/webhooks");
      const meeting = await control.get(`meetings/${String(outputs.meetingId)}`);
      assert.equal(meeting.title, "Daily standup");
      assert.equal(meeting.persist_chat, true);
      assert.deepEqual((await control.get(`webhooks/${String(outputs.webhookId)}`)).events, ["meeting.ended"]);
      const presets = emulator.state().presets;
      assert.deepEqual(
        presets.map((preset) => preset.name),
        ["host"],
      );
      assert.equal((presets[0].permissions as Record<string, unknown>).kick_participant, true);
    });

    it("changes nothing on a second up", async () => {
      const before = fixture.emulator.requests().length;
      await fixture.pulumi.pulumi(["up", "--yes"]);
      assert.deepEqual((await fixture.pulumi.lastUpdate()).resourceChanges, { same: declared + 1 });
      assert.deepEqual(writesSince(fixture, before), []);
    });

    it("destroys: deletes the webhook and preset, deactivates the meeting", async () => {
      await fixture.pulumi.pulumi(["destroy", "--yes"]);
      assert.deepEqual((await fixture.pulumi.lastUpdate()).resourceChanges, { delete: declared + 1 });
      assert.deepEqual(emulatorCounts(fixture.emulator), { meetings: 1, active: 0, webhooks: 0, presets: 0 });
    });
  });

  describe("gitops (stack dev, with its overlay)", () => {
    let fixture: UserProject;
    let app: EmulatorControl;
    /** Resources of the merged file: the app, presets, webhooks, meetings. */
    let declared: number;
    const overlay = () => path.join(fixture.dir, "realtimekit.dev.yaml");

    before(async () => {
      fixture = await setUpExample("gitops", { appId: false }); // the file declares the app
      const read = (file: string) => ({ file, text: fs.readFileSync(path.join(fixture.dir, file), "utf8") });
      const { config } = parseRealtimeKitConfig([read("realtimekit.yaml"), read("realtimekit.dev.yaml")]);
      declared =
        (config.app ? 1 : 0) +
        Object.keys(config.presets ?? {}).length +
        Object.keys(config.webhooks ?? {}).length +
        Object.keys(config.meetings ?? {}).length;
    });
    after(async () => {
      await fixture?.dispose();
    });

    it("declares an app, 2 presets, a webhook and 3 meetings in dev", () => {
      assert.equal(declared, 7);
    });

    it("fails preview on an invalid overlay, naming file, path and reason, without calling the API", async () => {
      const good = fs.readFileSync(overlay(), "utf8");
      fs.writeFileSync(overlay(), "meetings:\n  standup:\n    status: PAUSED\n");
      try {
        const result = await fixture.pulumi.pulumi(["preview"], { allowFailure: true });
        assert.notEqual(result.code, 0);
        assert.match(
          result.stdout + result.stderr,
          /realtimekit\.dev\.yaml: meetings\.standup\.status: must be one of "ACTIVE", "INACTIVE"; got "PAUSED" \(line 3, column 13\)/,
        );
      } finally {
        fs.writeFileSync(overlay(), good);
      }
      assert.deepEqual(fixture.emulator.requests(), []);
    });

    it("previews the app, presets, webhook and meetings without writing anything", async () => {
      const preview = await fixture.pulumi.pulumi(["preview"]);
      // + the Stack and the RealtimeKitStack component.
      assert.match(preview.stdout, new RegExp(`\\+ ${declared + 2} to create`));
      assert.deepEqual(writesSince(fixture, 0), []);
    });

    it("applies the merged config: its own app, with everything in it", async () => {
      const { pulumi, emulator } = fixture;
      await pulumi.pulumi(["up", "--yes"]);
      await assertCreatedAsDeclared(pulumi, declared, 1); // + the RealtimeKitStack component
      const outputs = (await pulumi.outputs()) as {
        appId: string;
        meetingIds: Record<string, string>;
        webhookIds: Record<string, string>;
        presetNames: Record<string, string>;
      };
      assert.equal(emulator.state().apps.find((candidate) => candidate.id === outputs.appId)?.name, "acme-meetings-dev");
      assert.deepEqual(Object.keys(outputs.meetingIds).sort(), ["all-hands", "sandbox", "standup"]);
      assert.deepEqual(outputs.presetNames, { host: "host", participant: "participant" });

      app = new EmulatorControl({ ...emulator, appId: outputs.appId });
      const allHands = await app.get(`meetings/${outputs.meetingIds["all-hands"]}`);
      assert.equal(allHands.title, "All hands (host preset host)");
      assert.equal(allHands.transcribe_on_end, false); // the dev overlay
      assert.equal(allHands.session_keep_alive_time_in_secs, 300);
      assert.equal((await app.get(`meetings/${outputs.meetingIds.sandbox}`)).title, "Sandbox");
      const webhook = await app.get(`webhooks/${outputs.webhookIds.ended}`);
      assert.equal(webhook.name, "acme-meetings-dev-meeting-ended");
      assert.equal(webhook.url, "https://hooks.dev.example.com/realtimekit");
      assert.deepEqual([...(webhook.events as string[])].sort(), ["meeting.ended", "meeting.started"]);
      assert.deepEqual(
        emulator.state().meetings.filter((meeting) => meeting.app_id === emulator.appId),
        [],
        "nothing went to the emulator's start-up app",
      );
    });

    it("changes nothing on a second up, and the drift check passes", async () => {
      const before = fixture.emulator.requests().length;
      await fixture.pulumi.pulumi(["up", "--yes"]);
      assert.deepEqual((await fixture.pulumi.lastUpdate()).resourceChanges, { same: declared + 2 });
      assert.deepEqual(writesSince(fixture, before), []);
      await fixture.pulumi.pulumi(["preview", "--refresh", "--expect-no-changes"]);
    });

    it("reports drift after an edit outside Pulumi; up --refresh restores the declared title", async () => {
      const { meetingIds } = (await fixture.pulumi.outputs()) as { meetingIds: Record<string, string> };
      assert.equal((await app.rest("PATCH", `meetings/${meetingIds.standup}`, { title: "Renamed in the dashboard" })).status, 200);
      const drift = await fixture.pulumi.pulumi(["preview", "--refresh", "--expect-no-changes"], { allowFailure: true });
      assert.notEqual(drift.code, 0);
      assert.match(drift.stdout + drift.stderr, /no changes were expected .*but changes were proposed/);
      await fixture.pulumi.pulumi(["up", "--yes", "--refresh"]);
      assert.deepEqual((await fixture.pulumi.lastUpdate()).resourceChanges, { same: declared + 1, update: 1 });
      assert.equal((await app.get(`meetings/${meetingIds.standup}`)).title, "Daily standup");
    });

    it("destroys everything but the app, with a warning", async () => {
      const { appId, meetingIds } = (await fixture.pulumi.outputs()) as { appId: string; meetingIds: Record<string, string> };
      const result = await fixture.pulumi.pulumi(["destroy", "--yes"]);
      assert.deepEqual((await fixture.pulumi.lastUpdate()).resourceChanges, { delete: declared + 2 });
      assert.match(
        result.stdout,
        /App "acme-meetings-dev" \([0-9a-f-]+\) was not deleted: RealtimeKit apps cannot be deleted through the API/,
      );
      for (const id of Object.values(meetingIds)) {
        assert.equal((await app.get(`meetings/${id}`)).status, "INACTIVE");
      }
      assert.ok(
        fixture.emulator.state().apps.some((candidate) => candidate.id === appId),
        "the app is kept",
      );
    });
  });
  describe("cloudflare-worker-webhook", () => {
    let fixture: UserProject;

    before(async () => {
      fixture = await startUserProject({ prefix: "rtk-example-worker-" });
      copyProject(path.join(examplesDir, "cloudflare-worker-webhook"), fixture.dir);
      await npmInstall(fixture.dir, [await packedTarball()]);
    });
    after(async () => {
      await fixture?.dispose();
    });

    // Type-checked here rather than in test/examples: it needs @pulumi/cloudflare, which this
    // package may not depend on, even for development (see PulumiPlugin.yaml).
    it("type-checks against the @pulumi/cloudflare it installs", async () => {
      await fixture.pulumi.shell("node node_modules/typescript/bin/tsc --noEmit -p tsconfig.json");
    });
  });
});
