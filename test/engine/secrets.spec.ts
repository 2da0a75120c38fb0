/**
 * What ends up in the stack state: neither the API token nor storage credentials in plain text, and
 * how large the serialized provider (`__provider`) is per resource.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { exportStackAsStored, plainTextOccurrences, SECRET_SIG } from "../../scripts/lib/offlineEngine";
import { ENGINE_TIMEOUT_MS, startEngineFixture, type EngineFixture } from "./harness";

describe("Engine: secrets in state", function () {
  this.timeout(ENGINE_TIMEOUT_MS);

  let fixture: EngineFixture;
  const accessKey = "AKIA-ENGINE-TEST-7f3c91";
  const storageSecret = "storage-secret-value-0b6a52e1";

  before(async () => {
    fixture = await startEngineFixture({ stackName: "secrets" });
    fixture.desired = {
      meetings: {
        recorded: {
          title: "Recorded call",
          recordOnStart: true,
          recordingConfig: {
            fileNamePrefix: "calls",
            storageConfig: {
              type: "aws",
              bucket: "recordings",
              region: "eu-west-1",
              accessKey: pulumi.secret(accessKey),
              secret: pulumi.secret(storageSecret),
            },
          },
        },
      },
      webhooks: { ended: { name: "ended", url: "http://127.0.0.1:9/ended" } },
      presets: { host: { name: "host", permissions: { kickParticipant: true } } },
    };
    const result = await fixture.up();
    assert.deepEqual(result.summary.resourceChanges, { create: 4 });
  });

  after(async () => {
    await fixture?.dispose();
  });

  it("keeps the API token and storage credentials out of the exported state", async () => {
    // What `pulumi stack export` prints (secrets encrypted) and what the backend stores.
    const stored = JSON.stringify(await exportStackAsStored(fixture.stack, fixture.env));
    for (const [what, value] of [["API token", fixture.emulator.token], ["storage access key", accessKey],
      ["storage secret", storageSecret]]) {
      assert.ok(!stored.includes(value), `the ${what} is in the exported state in plain text`);
    }
    // Decrypted (`--show-secrets`, as stack.exportStack() does): each value only inside secret envelopes.
    const decrypted = await fixture.stack.exportStack();
    assert.deepEqual(plainTextOccurrences(decrypted, fixture.emulator.token), []);
    assert.deepEqual(plainTextOccurrences(decrypted, accessKey), []);
    assert.deepEqual(plainTextOccurrences(decrypted, storageSecret), []);
    assert.ok(JSON.stringify(decrypted).includes(storageSecret), "the storage secret should be in state, encrypted");
    const recorded = (await fixture.state()).get("recorded");
    assert.ok(JSON.stringify(recorded?.inputs?.recordingConfig).includes(SECRET_SIG));
    assert.ok(JSON.stringify(recorded?.outputs?.recordingConfig).includes(SECRET_SIG));
    // The credentials did reach the API.
    const stateOfEmulator = fixture.emulator.state();
    assert.ok(JSON.stringify(stateOfEmulator.meetings).includes(storageSecret));
  });

  it("keeps the serialized provider small and free of captured secrets", async () => {
    const state = await fixture.state();
    const sizes: Record<string, { inputs: number; outputs: number }> = {};
    for (const [name, resource] of state) {
      const inputs = resource.inputs?.__provider;
      const outputs = resource.outputs?.__provider;
      assert.equal(typeof inputs, "string", `${name}: __provider should be plain text (no secret captured)`);
      assert.equal(typeof outputs, "string", `${name}: __provider should be plain text (no secret captured)`);
      sizes[name] = { inputs: (inputs as string).length, outputs: (outputs as string).length };
    }
    const total = Object.values(sizes).reduce((sum, size) => sum + size.inputs + size.outputs, 0);
    console.log(`      serialized provider bytes per resource (inputs + outputs): ${Object.entries(sizes)
      .map(([name, size]) => `${name} ${size.inputs}+${size.outputs}`).join(", ")}; total ${total}`);
    for (const [name, size] of Object.entries(sizes)) {
      assert.ok(size.inputs < 8_000, `${name}: __provider is ${size.inputs} bytes`);
    }
  });
});
