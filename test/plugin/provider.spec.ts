/**
 * The plugin's provider object called as `provider.main` calls it (URN first, secrets marked),
 * against the emulator: it reaches the same implementations as the dynamic resources and keeps
 * secrets secret across the boundary.
 */
import assert from "node:assert/strict";
import { RealtimeKitProvider, kindOfType, typeOfUrn } from "../../provider/plugin/provider";
import { configFromVariables } from "../../provider/plugin/main";
import { SECRET_SIG, SIG_KEY, isSecretValue } from "../../provider/plugin/secrets";
import { ProviderFixture, startProviderFixture } from "../resources/harness";

const urn = (type: string, name: string) => `urn:pulumi:dev::project::${type}::${name}`;

describe("Plugin provider", () => {
  describe("dispatch", () => {
    it("finds the type of a URN, also under a parent", () => {
      assert.equal(typeOfUrn(urn("realtimekit:index:Meeting", "standup")), "realtimekit:index:Meeting");
      assert.equal(typeOfUrn("urn:pulumi:dev::project::my:component:Thing$realtimekit:index:Preset::host"), "realtimekit:index:Preset");
    });

    it("serves the four kinds and names them when asked for another type", () => {
      assert.equal(kindOfType("realtimekit:index:App"), "App");
      assert.throws(
        () => kindOfType("realtimekit:index:Room"),
        /unknown resource type "realtimekit:index:Room"; the realtimekit provider serves realtimekit:index:Meeting, realtimekit:index:Webhook, realtimekit:index:Preset, realtimekit:index:App/,
      );
    });

    it("reads the configuration of a Configure request, named <package>:config:<key> by the engine", () => {
      const config = configFromVariables([
        ["realtimekit:config:apiToken", "t"],
        ["realtimekit:appId", "a"],
      ]);
      assert.equal(config.get("realtimekit:apiToken"), "t");
      assert.equal(config.get("realtimekit:appId"), "a");
      assert.equal(config.get("realtimekit:accountId"), undefined);
    });
  });

  describe("against the emulator", () => {
    let fx: ProviderFixture;
    const provider = new RealtimeKitProvider("0.0.0-test", async () => "{}");
    const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });
    beforeEach(async () => {
      fx = await startProviderFixture();
    });
    afterEach(async () => {
      await fx.close();
    });

    it("creates a meeting with secret storage credentials: sent in plain to the API, secret in every result", async () => {
      const meetingUrn = urn("realtimekit:index:Meeting", "recorded");
      const news = {
        title: "Recorded",
        recordingConfig: {
          storageConfig: { type: "aws", bucket: "b", region: "us-east-1", accessKey: secret("AKIAKEY"), secret: secret("s3cr3t") },
        },
      };
      const checked = await provider.check(meetingUrn, {}, news);
      assert.deepEqual(checked.failures, []);
      assert.ok(isSecretValue(checked.inputs.recordingConfig), "checked inputs keep the secret");
      const created = await provider.create(meetingUrn, checked.inputs);
      const sent = fx.emulator.requests().find((request) => request.method === "POST")?.body as any;
      assert.equal(sent.recording_config.storage_config.access_key, "AKIAKEY");
      assert.equal(sent.recording_config.storage_config.secret, "s3cr3t");
      assert.ok(isSecretValue(created.outs.recordingConfig));
      assert.equal(created.outs.title, "Recorded");
      assert.ok(!("__provider" in created.outs));

      const read = await provider.read(created.id, meetingUrn, created.outs);
      assert.equal(read.id, created.id);
      assert.ok(isSecretValue(read.props.recordingConfig));
      assert.ok(isSecretValue(read.inputs.recordingConfig));

      const diff = await provider.diff(created.id, meetingUrn, created.outs, checked.inputs);
      assert.equal(diff.changes, false);
    });

    it("marks literal storage credentials secret even when they came in plain", async () => {
      const meetingUrn = urn("realtimekit:index:Meeting", "plain");
      const checked = await provider.check(
        meetingUrn,
        {},
        {
          recordingConfig: { storageConfig: { type: "aws", bucket: "b", region: "us-east-1", accessKey: "AKIAKEY", secret: "s3cr3t" } },
        },
      );
      const storage = checked.inputs.recordingConfig.storageConfig;
      assert.deepEqual(storage.accessKey, secret("AKIAKEY"));
      assert.deepEqual(storage.secret, secret("s3cr3t"));
      assert.equal(storage.bucket, "b");
      // From then on the engine hands them back secret, so the whole recording config goes out secret.
      const created = await provider.create(meetingUrn, checked.inputs);
      assert.ok(isSecretValue(created.outs.recordingConfig));
      assert.equal(created.outs.status, "ACTIVE");
    });

    it("reads an existing preset by id alone, as `pulumi import` does, with inputs a preview accepts unchanged", async () => {
      const presetUrn = urn("realtimekit:index:Preset", "host");
      const checked = await provider.check(presetUrn, {}, { name: "host", permissions: { kickParticipant: true } });
      const created = await provider.create(presetUrn, checked.inputs);
      const imported = await provider.read(created.id, presetUrn, {});
      assert.equal(imported.id, created.id);
      assert.equal(imported.inputs.name, "host");
      const rechecked = await provider.check(presetUrn, {}, imported.inputs);
      assert.equal((await provider.diff(created.id, presetUrn, imported.props, rechecked.inputs)).changes, false);
    });

    it("updates and deletes a webhook through the same implementation", async () => {
      const webhookUrn = urn("realtimekit:index:Webhook", "ended");
      const created = await provider.create(
        webhookUrn,
        (await provider.check(webhookUrn, {}, { name: "ended", url: "https://example.com/a" })).inputs,
      );
      const news = (await provider.check(webhookUrn, created.outs, { name: "ended", url: "https://example.com/a", enabled: false })).inputs;
      assert.equal((await provider.diff(created.id, webhookUrn, created.outs, news)).changes, true);
      const updated = await provider.update(created.id, webhookUrn, created.outs, news);
      assert.equal(updated.outs.enabled, false);
      await provider.delete(created.id, webhookUrn, updated.outs);
      assert.deepEqual(fx.emulator.state().webhooks, []);
    });
  });
});
