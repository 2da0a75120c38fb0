/**
 * An ES-module program (`"type": "module"`, `import { Meeting } from "pulumi-realtimekit"`) run by
 * the `pulumi` CLI: named imports of the CommonJS package work, the resources are created, and the
 * module's exports become the stack outputs.
 */
import assert from "node:assert/strict";
import { npmInstall, packedTarball } from "../../harness/packedPackage";
import { writeFiles } from "../../harness/pulumiProject";
import {
  assertCreatedAsDeclared,
  assertOneSdk,
  emulatorCounts,
  initStack,
  PROJECT_TIMEOUT_MS,
  startUserProject,
  type UserProject,
} from "./support";

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { Meeting, Preset, Webhook } from "pulumi-realtimekit";

const meeting = new Meeting("room", { title: "ESM room", persistChat: true });
const webhook = new Webhook("ended", { name: "ended", url: "https://hooks.example.com/esm", events: ["meeting.ended"] });
const host = new Preset("host", { name: "esm-host", permissions: { kickParticipant: true } });

export const meetingId = meeting.id;
export const webhookId = webhook.id;
export const hostPreset = host.name;
export const project = pulumi.getProject();
`;
const DECLARED = 3;

describe("User path: an ES-module program with the pulumi CLI", function () {
  this.timeout(PROJECT_TIMEOUT_MS);
  let fixture: UserProject;

  before(async () => {
    fixture = await startUserProject({ prefix: "rtk-esm-" });
    writeFiles(fixture.dir, {
      "Pulumi.yaml": "name: rtk-esm\nruntime: nodejs\n",
      "package.json": `${JSON.stringify({ name: "rtk-esm", version: "1.0.0", private: true, type: "module", main: "index.js" }, null, 2)}\n`,
      "index.js": PROGRAM,
    });
    await npmInstall(fixture.dir, [await packedTarball(), "@pulumi/pulumi"]);
  });
  after(async () => {
    await fixture?.dispose();
  });

  it("creates what the module declares and exports its outputs, then destroys", async () => {
    const { pulumi, emulator, control } = fixture;
    assertOneSdk(fixture.dir);
    await initStack(fixture);

    await pulumi.pulumi(["up", "--yes"]);
    await assertCreatedAsDeclared(pulumi, DECLARED);
    const outputs = await pulumi.outputs();
    assert.equal(outputs.project, "rtk-esm");
    assert.equal(outputs.hostPreset, "esm-host");
    assert.equal((await control.get(`meetings/${String(outputs.meetingId)}`)).title, "ESM room");
    assert.deepEqual(emulatorCounts(emulator), { meetings: 1, active: 1, webhooks: 1, presets: 1 });

    await pulumi.pulumi(["preview", "--expect-no-changes"]);
    await pulumi.pulumi(["destroy", "--yes"]);
    assert.deepEqual((await pulumi.lastUpdate()).resourceChanges, { delete: DECLARED + 1 });
  });
});
