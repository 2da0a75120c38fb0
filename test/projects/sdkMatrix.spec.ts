/**
 * The package in projects that own their `@pulumi/pulumi`: `npm pack` of this repository installed
 * next to the SDK at the declared floor, at 3.270.0 (the repository's own) and at the newest version
 * the registry serves now, each driven with the `pulumi` CLI: create, INACTIVE with people inside
 * (kick-all before the PATCH), refresh after an out-of-band change, destroy. npm must leave exactly
 * one SDK, the project's.
 */
import assert from "node:assert/strict";
import { describeRequest, writes } from "../../harness/emulatorControl";
import { newestSdk, npmInstall, packedTarball, sdkFloor } from "../../harness/packedPackage";
import { writeFiles } from "../../harness/pulumiProject";
import {
  assertCreatedAsDeclared,
  assertOneSdk,
  emulatorCounts,
  initStack,
  PROJECT_TIMEOUT_MS,
  startUserProject,
  typescriptProjectFiles,
  type UserProject,
} from "./support";

/** A project as `npm init` and Pulumi's TypeScript template leave it. */
const PROJECT_FILES = {
  ...typescriptProjectFiles("rtk-sdk-matrix"),
  "index.ts": `import * as pulumi from "@pulumi/pulumi";
import { Meeting, Preset, Webhook } from "pulumi-realtimekit";

const config = new pulumi.Config();
const meeting = new Meeting("room", {
  title: "SDK matrix",
  status: config.get("meetingStatus") === "INACTIVE" ? "INACTIVE" : "ACTIVE",
});
new Webhook("ended", { name: "ended", url: "https://hooks.example.com/rtk", events: ["meeting.ended"] });
new Preset("host", { name: "host", permissions: { kickParticipant: true } });

export const meetingId = meeting.id;
`,
};
const DECLARED = 3;

describe("User path: the packed package with each @pulumi/pulumi version, plain pulumi CLI", function () {
  this.timeout(PROJECT_TIMEOUT_MS);

  const versions: Array<{ label: string; version: () => Promise<string> }> = [
    { label: "the declared floor", version: async () => sdkFloor() },
    { label: "3.270.0", version: async () => "3.270.0" },
    { label: "the newest on the registry", version: newestSdk },
  ];

  for (const { label, version: resolveVersion } of versions) {
    describe(`@pulumi/pulumi at ${label}`, () => {
      let fixture: UserProject;
      let version: string;

      before(async () => {
        version = await resolveVersion();
        fixture = await startUserProject({ prefix: `rtk-sdk-${version}-` });
        writeFiles(fixture.dir, PROJECT_FILES);
        await npmInstall(fixture.dir, [await packedTarball(), `@pulumi/pulumi@${version}`]);
      });
      after(async () => {
        await fixture?.dispose();
      });

      it("installs with exactly one @pulumi/pulumi, the project's", () => {
        assertOneSdk(fixture.dir, version);
      });

      it("creates, closes the meeting with people inside (kick-all, then PATCH), sees drift on refresh, destroys", async () => {
        const { pulumi, emulator, control } = fixture;
        await initStack(fixture);

        await pulumi.pulumi(["up", "--yes"]);
        await assertCreatedAsDeclared(pulumi, DECLARED);
        assert.deepEqual(emulatorCounts(emulator), { meetings: 1, active: 1, webhooks: 1, presets: 1 });

        const meetingId = String((await pulumi.outputs()).meetingId);
        await control.join(meetingId, 3);
        await pulumi.pulumi(["config", "set", "meetingStatus", "INACTIVE"]);
        const cursor = await control.mark();
        await pulumi.pulumi(["up", "--yes"]);
        assert.deepEqual((await pulumi.lastUpdate()).resourceChanges, { same: DECLARED, update: 1 });
        assert.deepEqual(
          writes(await cursor.since()).map((request) => describeRequest(request, control.appPath)),
          [`POST meetings/${meetingId}/active-session/kick-all`, `PATCH meetings/${meetingId}`],
        );
        assert.equal(await control.activeSession(meetingId), undefined, "the live session ended");

        await pulumi.pulumi(["preview", "--expect-no-changes"]);

        // Drift: a title changed outside Pulumi is seen by refresh, shown by preview, undone by up.
        assert.equal((await control.rest("PATCH", `meetings/${meetingId}`, { title: "Renamed in the dashboard" })).status, 200);
        await pulumi.pulumi(["refresh", "--yes"]);
        assert.deepEqual((await pulumi.lastUpdate()).resourceChanges, { same: DECLARED, update: 1 });
        const drift = await pulumi.pulumi(["preview", "--expect-no-changes"], { allowFailure: true });
        assert.notEqual(drift.code, 0, "preview shows the drift");
        await pulumi.pulumi(["up", "--yes"]);
        assert.deepEqual((await pulumi.lastUpdate()).resourceChanges, { same: DECLARED, update: 1 });
        assert.equal((await control.get(`meetings/${meetingId}`)).title, "SDK matrix");

        await pulumi.pulumi(["destroy", "--yes"]);
        assert.deepEqual((await pulumi.lastUpdate()).resourceChanges, { delete: DECLARED + 1 });
        assert.deepEqual(emulatorCounts(emulator), { meetings: 1, active: 0, webhooks: 0, presets: 0 });
      });
    });
  }
});
