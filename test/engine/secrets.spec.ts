/**
 * What ends up in the stack state: neither the API token nor storage credentials in plain text, and
 * how large the serialized provider (`__provider`) is per resource.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { exportStackAsStored, plainTextOccurrences, SECRET_SIG } from "../../harness/offlineEngine";
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
    for (const [what, value] of [
      ["API token", fixture.emulator.token],
      ["storage access key", accessKey],
      ["storage secret", storageSecret],
    ]) {
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
    console.log(
      `      serialized provider bytes per resource (inputs + outputs): ${Object.entries(sizes)
        .map(([name, size]) => `${name} ${size.inputs}+${size.outputs}`)
        .join(", ")}; total ${total}`,
    );
    for (const [name, size] of Object.entries(sizes)) {
      assert.ok(size.inputs < 8_000, `${name}: __provider is ${size.inputs} bytes`);
    }
  });
});

describe("Engine: storage credentials from stack config", function () {
  this.timeout(ENGINE_TIMEOUT_MS);

  let fixture: EngineFixture;
  const accessKey = "AKIA-FROM-CONFIG-5d21aa";
  const storageSecret = "config-storage-secret-93be07";
  const rotatedSecret = "config-storage-secret-rotated-41c6f2";

  before(async () => {
    fixture = await startEngineFixture({ stackName: "secrets-from-config" });
    await fixture.stack.setConfig("recordings:accessKey", { value: accessKey, secret: true });
    await fixture.stack.setConfig("recordings:secretKey", { value: storageSecret, secret: true });
    fixture.desired = {
      meetings: {
        recorded: {
          title: "Recorded call",
          recordingConfig: {
            storageConfig: {
              type: "aws",
              bucket: "recordings",
              region: "eu-west-1",
              credentialsFromConfig: { accessKey: "recordings:accessKey", secret: "recordings:secretKey" },
            },
          },
        },
      },
    };
  });

  after(async () => {
    await fixture?.dispose();
  });

  /**
   * Asserts that a credential is nowhere in the state in plain text (decrypted, it may appear only
   * inside secret envelopes: the engine keeps the stack config, encrypted, as the inputs of the
   * default `pulumi-nodejs` provider resource) and not at all in the meeting's own state.
   */
  async function assertKeptOutOfState(value: string): Promise<void> {
    const stored = JSON.stringify(await exportStackAsStored(fixture.stack, fixture.env));
    assert.ok(!stored.includes(value), `${value} is in the exported state`);
    assert.deepEqual(plainTextOccurrences(await fixture.stack.exportStack(), value), []);
    const meeting = (await fixture.state()).get("recorded");
    assert.ok(!JSON.stringify(meeting).includes(value), `${value} is in the meeting's state`);
  }

  it("sends the values read from config and keeps them out of the meeting's state", async () => {
    const result = await fixture.up();
    assert.deepEqual(result.summary.resourceChanges, { create: 2 });
    const meetings = JSON.stringify(fixture.emulator.state().meetings);
    assert.ok(meetings.includes(accessKey) && meetings.includes(storageSecret), "the credentials should reach the API");
    for (const value of [accessKey, storageSecret, fixture.emulator.token]) {
      await assertKeptOutOfState(value);
    }
    const storage = (await fixture.state()).get("recorded")?.outputs?.recordingConfig;
    assert.match(JSON.stringify(storage), /recordings:secretKey/);
    assert.match(JSON.stringify(storage), /hmac-sha256:/);
  });

  it("shows no change while the values stay, and updates the meeting when one is rotated", async () => {
    const unchanged = await fixture.preview();
    assert.deepEqual(unchanged.changeSummary, { same: 2 });
    await fixture.stack.setConfig("recordings:secretKey", { value: rotatedSecret, secret: true });
    const rotated = await fixture.preview();
    assert.deepEqual(rotated.changeSummary, { same: 1, update: 1 });
    const requestsBefore = fixture.emulator.requests().length;
    const result = await fixture.up();
    assert.deepEqual(result.summary.resourceChanges, { same: 1, update: 1 });
    const sent = fixture.emulator
      .requests()
      .slice(requestsBefore)
      .filter((entry) => entry.method === "PATCH");
    assert.equal(sent.length, 1);
    assert.ok(JSON.stringify(sent[0].body).includes(rotatedSecret));
    await assertKeptOutOfState(rotatedSecret);
  });

  it("fails the preview, naming the property and the key, when the config key is not set", async () => {
    await fixture.stack.removeConfig("recordings:secretKey");
    const requestsBefore = fixture.emulator.requests().length;
    await assert.rejects(fixture.preview(), (error: Error) => {
      assert.match(error.message, /recordingConfig\.storageConfig\.credentialsFromConfig\.secret/);
      assert.match(error.message, /stack config key "recordings:secretKey" is not set/);
      return true;
    });
    assert.equal(fixture.emulator.requests().length, requestsBefore);
  });
});
