/**
 * The examples under the real Pulumi engine against the emulator, as a user runs them: the
 * example programs import `pulumi-realtimekit`, which resolves to the installed copy in
 * node_modules (`npm run build` puts it there).
 *
 * - quickstart: up, no-op up, destroy.
 * - gitops (stack "dev", so realtimekit.dev.yaml is merged): a bad overlay fails preview before
 *   any API call; preview; up; no-op up; drift check passes; an out-of-band edit makes the drift
 *   check fail; destroy (the app is kept, with a warning).
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { EmulatorControl } from "../../scripts/lib/emulatorControl";
import {
  assertBuilt, createInlineStack, offlineEnvironment, providerConfig, type OfflineEnvironment,
} from "../../scripts/lib/offlineEngine";
import { gitops } from "../../examples/gitops/program";
import { quickstart } from "../../examples/quickstart/program";
import { ENGINE_TIMEOUT_MS, plainOutputs } from "./harness";

const onOutput = process.env.RTK_ENGINE_VERBOSE ? (text: string) => process.stdout.write(text) : undefined;

/** The emulator's API requests, as "METHOD /path-after-realtime/kit". */
function apiCalls(emulator: RunningEmulator): string[] {
  return emulator.requests().map((request) => `${request.method} ${request.path.replace(/^.*\/realtime\/kit/, "")}`);
}

/** Non-GET API requests since `from`. */
function writesSince(emulator: RunningEmulator, from: number): string[] {
  return apiCalls(emulator).slice(from).filter((call) => !call.startsWith("GET "));
}

describe("Engine: examples", function () {
  this.timeout(ENGINE_TIMEOUT_MS);

  describe("quickstart", () => {
    let emulator: RunningEmulator;
    let env: OfflineEnvironment;
    let stack: Stack;
    let control: EmulatorControl;

    before(async () => {
      assertBuilt();
      emulator = await startEmulator({ rateLimit: false });
      control = new EmulatorControl(emulator);
      env = offlineEnvironment("rtk-example-quickstart-");
      stack = await createInlineStack({
        stackName: "dev",
        projectName: "realtimekit-example-quickstart",
        program: async () => quickstart(),
        env,
        config: providerConfig(emulator),
      });
    });
    after(async () => {
      await emulator?.close();
      env?.dispose();
    });

    it("creates the meeting, the meeting.ended webhook and the host preset", async () => {
      const result = await stack.up({ color: "never", onOutput });
      assert.equal(result.summary.result, "succeeded");
      assert.deepEqual(result.summary.resourceChanges, { create: 4 });
      const outputs = plainOutputs(result.outputs);
      assert.equal(outputs.meetingStatus, "ACTIVE");
      assert.equal(outputs.hostPreset, "host");
      assert.equal(outputs.webhookUrl, "https://example.com/realtimekit/webhooks");

      const meeting = await control.get(`meetings/${outputs.meetingId}`);
      assert.equal(meeting.title, "Daily standup");
      assert.equal(meeting.persist_chat, true);
      const webhook = await control.get(`webhooks/${outputs.webhookId}`);
      assert.deepEqual(webhook.events, ["meeting.ended"]);
      const presets = emulator.state().presets.filter((preset) => preset.name === "host");
      assert.equal(presets.length, 1);
      assert.equal((presets[0].permissions as Record<string, unknown>).kick_participant, true);
    });

    it("changes nothing on a second up", async () => {
      const before = emulator.requests().length;
      const result = await stack.up({ color: "never", onOutput });
      assert.deepEqual(result.summary.resourceChanges, { same: 4 });
      assert.deepEqual(writesSince(emulator, before), []);
    });

    it("destroys: deletes the webhook and preset, deactivates the meeting", async () => {
      const outputs = plainOutputs(await stack.outputs());
      const result = await stack.destroy({ color: "never", onOutput });
      assert.equal(result.summary.result, "succeeded");
      assert.equal((await control.get(`meetings/${outputs.meetingId}`)).status, "INACTIVE");
      assert.equal((await control.rest("GET", `webhooks/${outputs.webhookId}`)).status, 404);
      assert.deepEqual(emulator.state().presets.filter((preset) => preset.name === "host"), []);
    });
  });

  describe("gitops (stack dev)", () => {
    let emulator: RunningEmulator;
    let env: OfflineEnvironment;
    let stack: Stack;
    let badDir: string;
    let app: EmulatorControl;
    /** Where the program reads realtimekit.yaml from; switched to a broken copy for one step. */
    let configDir = path.resolve(__dirname, "..", "..", "examples", "gitops");

    before(async () => {
      assertBuilt();
      emulator = await startEmulator({ rateLimit: false });
      env = offlineEnvironment("rtk-example-gitops-");
      badDir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-gitops-bad-"));
      fs.copyFileSync(path.join(configDir, "realtimekit.yaml"), path.join(badDir, "realtimekit.yaml"));
      fs.writeFileSync(path.join(badDir, "realtimekit.dev.yaml"), "meetings:\n  standup:\n    status: PAUSED\n");
      const { ["realtimekit:appId"]: _noAppId, ...config } = providerConfig(emulator);
      stack = await createInlineStack({
        stackName: "dev",
        projectName: "realtimekit-example-gitops",
        program: async () => gitops({ dir: configDir }),
        env,
        config, // no realtimekit:appId: the file declares the app
      });
    });
    after(async () => {
      await emulator?.close();
      env?.dispose();
      if (badDir) {
        fs.rmSync(badDir, { recursive: true, force: true });
      }
    });

    it("fails preview on an invalid overlay, naming file, path and reason, without calling the API", async () => {
      configDir = badDir;
      try {
        await assert.rejects(stack.preview({ color: "never", onOutput }), (error: Error) => {
          assert.match(error.message, /realtimekit\.dev\.yaml: meetings\.standup\.status: must be one of "ACTIVE", "INACTIVE"; got "PAUSED" \(line 3, column 13\)/);
          return true;
        });
      } finally {
        configDir = path.resolve(__dirname, "..", "..", "examples", "gitops");
      }
      assert.deepEqual(apiCalls(emulator), []);
    });

    it("previews the app, presets, webhook and meetings without writing anything", async () => {
      const result = await stack.preview({ color: "never", onOutput });
      // Stack + component + app + 2 presets + 1 webhook + 3 meetings (dev adds the sandbox).
      assert.deepEqual(result.changeSummary, { create: 9 });
      assert.deepEqual(writesSince(emulator, 0), []);
    });

    it("applies the merged config: its own app, with everything in it", async () => {
      const result = await stack.up({ color: "never", onOutput });
      assert.equal(result.summary.result, "succeeded");
      assert.deepEqual(result.summary.resourceChanges, { create: 9 });
      const outputs = plainOutputs(result.outputs) as {
        appId: string; meetingIds: Record<string, string>; webhookIds: Record<string, string>; presetNames: Record<string, string>;
      };
      const created = emulator.state().apps.find((candidate) => candidate.id === outputs.appId);
      assert.equal(created?.name, "acme-meetings-dev");
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
      // Nothing went to the emulator's start-up app.
      assert.deepEqual(emulator.state().meetings.filter((meeting) => meeting.app_id === emulator.appId), []);
    });

    it("changes nothing on a second up", async () => {
      const before = emulator.requests().length;
      const result = await stack.up({ color: "never", onOutput });
      assert.deepEqual(result.summary.resourceChanges, { same: 9 });
      assert.deepEqual(writesSince(emulator, before), []);
    });

    it("passes the drift check while nothing changed", async () => {
      const result = await stack.preview({ color: "never", onOutput, refresh: true, expectNoChanges: true });
      assert.deepEqual(result.changeSummary, { same: 9 });
    });

    it("reports drift after an edit outside Pulumi", async () => {
      const outputs = plainOutputs(await stack.outputs()) as { meetingIds: Record<string, string> };
      const edited = await app.rest("PATCH", `meetings/${outputs.meetingIds.standup}`, { title: "Renamed in the dashboard" });
      assert.equal(edited.status, 200);
      await assert.rejects(stack.preview({ color: "never", onOutput, refresh: true, expectNoChanges: true }), (error: Error) => {
        assert.match(error.message, /no changes were expected for preview but changes were proposed/);
        return true;
      });
      const result = await stack.preview({ color: "never", onOutput, refresh: true });
      assert.deepEqual(result.changeSummary, { same: 8, update: 1 });
      // `up --refresh` restores the declared title (a plain `up` compares with the last known state).
      const restored = await stack.up({ color: "never", onOutput, refresh: true });
      assert.deepEqual(restored.summary.resourceChanges, { same: 8, update: 1 });
      assert.equal((await app.get(`meetings/${outputs.meetingIds.standup}`)).title, "Daily standup");
    });

    it("destroys everything but the app, with a warning", async () => {
      const outputs = plainOutputs(await stack.outputs()) as { appId: string; meetingIds: Record<string, string> };
      const before = emulator.requests().length;
      let text = "";
      const result = await stack.destroy({ color: "never", onOutput: (chunk) => { text += chunk; onOutput?.(chunk); } });
      assert.equal(result.summary.result, "succeeded");
      assert.match(text, /App "acme-meetings-dev" \([0-9a-f-]+\) was not deleted: RealtimeKit apps cannot be deleted through the API/);
      for (const id of Object.values(outputs.meetingIds)) {
        assert.equal((await app.get(`meetings/${id}`)).status, "INACTIVE");
      }
      assert.ok(emulator.state().apps.some((candidate) => candidate.id === outputs.appId), "the app is kept");
      assert.deepEqual(writesSince(emulator, before).filter((call) => call.endsWith("/apps")), [], "no app call on destroy");
    });
  });
});
