import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { App } from "../../provider/resources/app";
import { Preset } from "../../provider/resources/preset";
import { mergePresetDefaults } from "../../provider/resources/presetTree";
import { RealtimeKitStack } from "../../provider/component/stack";
import { ConfigFileError } from "../../provider/component/loader";

/** Resources registered with the mock engine: type, name, inputs. */
const registered: Array<{ type: string; name: string; inputs: Record<string, unknown> }> = [];

function valueOf<T>(output: pulumi.Output<T> | pulumi.Input<T>): Promise<T> {
  return new Promise((resolve) => pulumi.output(output).apply((value) => resolve(value as T)));
}

/** Waits until the component and its children are registered with the mock engine. */
async function settled(stack: RealtimeKitStack): Promise<void> {
  const children: pulumi.Resource[] = [
    stack,
    ...(stack.app ? [stack.app] : []),
    ...Object.values(stack.presets),
    ...Object.values(stack.webhooks),
    ...Object.values(stack.meetings),
  ];
  await Promise.all(children.map((child) => valueOf(child.urn)));
}

function inputsOf(name: string): Record<string, unknown> {
  const found = registered.find((resource) => resource.name === name);
  assert.ok(found, `no resource named ${name}; have ${registered.map((resource) => resource.name).join(", ")}`);
  const { __provider: _provider, __urn: _urn, ...inputs } = found.inputs;
  return inputs;
}

describe("RealtimeKitStack", function () {
  this.timeout(30_000);
  let dir: string;

  before(() => {
    pulumi.runtime.setMocks(
      {
        newResource(args) {
          registered.push({ type: args.type, name: args.name, inputs: args.inputs });
          const state = { ...args.inputs } as Record<string, unknown>;
          if (args.type.endsWith(":App")) {
            state.appId = `app-${args.name}`;
            state.name = state.name ?? "adopted-name";
          }
          return { id: args.type.endsWith(":App") ? `app-${args.name}` : `${args.name}-id`, state };
        },
        call: (args) => args.inputs,
      },
      "project",
      "dev",
      false,
    );
  });

  beforeEach(() => {
    registered.length = 0;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-stack-"));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const write = (file: string, text: string) => fs.writeFileSync(path.join(dir, file), text);

  it("gives the program a preset's complete trees, though state keeps only the leaves off the defaults", async () => {
    // The mock engine answers with the inputs as outputs: the partial trees state keeps.
    const preset = new Preset("complete", { name: "complete", permissions: { kickParticipant: true } });
    const complete = mergePresetDefaults({ permissions: { kickParticipant: true } } as never);
    assert.deepEqual(await valueOf(preset.permissions), complete.permissions);
    assert.equal((await valueOf(preset.permissions)).kickParticipant, true);
    assert.deepEqual(await valueOf(preset.config), complete.config);
    assert.deepEqual(await valueOf(preset.ui), complete.ui);
  });

  it("declares an app, presets, webhooks and meetings from the file and the stack's overlay", async () => {
    write(
      "realtimekit.yaml",
      [
        "app:",
        "  name: acme",
        "presets:",
        "  host:",
        "    permissions: { kickParticipant: true }",
        "webhooks:",
        "  ended:",
        "    url: https://hooks.example.com/rtk",
        "meetings:",
        "  standup:",
        "    title: Daily standup",
        "  sandbox: {}",
      ].join("\n"),
    );
    write("realtimekit.dev.yaml", "app:\n  name: acme-dev\nmeetings:\n  standup:\n    status: INACTIVE\n");
    const stack = new RealtimeKitStack("rtk", { file: path.join(dir, "realtimekit.yaml") });

    assert.deepEqual(Object.keys(stack.presets), ["host"]);
    assert.deepEqual(Object.keys(stack.webhooks), ["ended"]);
    assert.deepEqual(Object.keys(stack.meetings), ["standup", "sandbox"]);
    assert.ok(stack.app instanceof App);
    assert.deepEqual(stack.files, [path.join(dir, "realtimekit.yaml"), path.join(dir, "realtimekit.dev.yaml")]);
    assert.equal(
      await valueOf(stack.meetings.standup.urn),
      "urn:pulumi:dev::project::realtimekit:index:RealtimeKitStack$pulumi-nodejs:dynamic/realtimekit:Meeting::rtk-standup",
    );

    await settled(stack);
    // Each child tells its provider its own URN (the dynamic-provider host does not).
    const children: Array<[string, pulumi.Resource]> = [
      ["rtk-app", stack.app as App],
      ["rtk-standup", stack.meetings.standup],
    ];
    for (const [name, child] of children) {
      assert.equal(registered.find((resource) => resource.name === name)?.inputs.__urn, await valueOf(child.urn));
    }
    assert.deepEqual(registered.map((resource) => `${resource.type} ${resource.name}`).sort(), [
      "pulumi-nodejs:dynamic/realtimekit:App rtk-app",
      "pulumi-nodejs:dynamic/realtimekit:Meeting rtk-sandbox",
      "pulumi-nodejs:dynamic/realtimekit:Meeting rtk-standup",
      "pulumi-nodejs:dynamic/realtimekit:Preset rtk-host",
      "pulumi-nodejs:dynamic/realtimekit:Webhook rtk-ended",
      "realtimekit:index:RealtimeKitStack rtk",
    ]);
    assert.deepEqual(Object.fromEntries(Object.entries(inputsOf("rtk-app")).filter(([, value]) => value !== undefined)), {
      name: "acme-dev",
    });
    assert.equal(inputsOf("rtk-host").name, "host");
    assert.deepEqual(inputsOf("rtk-host").permissions, { kickParticipant: true });
    assert.equal(inputsOf("rtk-host").appId, "app-rtk-app");
    assert.equal(inputsOf("rtk-ended").name, "ended");
    assert.equal(inputsOf("rtk-ended").url, "https://hooks.example.com/rtk");
    assert.equal(inputsOf("rtk-standup").title, "Daily standup");
    assert.equal(inputsOf("rtk-standup").status, "INACTIVE");
    assert.equal(inputsOf("rtk-standup").appId, "app-rtk-app");
    assert.equal(inputsOf("rtk-sandbox").title, "sandbox");
    assert.equal(await valueOf(stack.appId as pulumi.Output<string>), "app-rtk-app");
  });

  it("resolves references to other entries, the app and values", async () => {
    write(
      "realtimekit.yaml",
      [
        "app:",
        "  id: ${values.appId}",
        "webhooks:",
        "  ended:",
        "    name: ${app.name}-ended",
        "    url: ${values.receiver}",
        "meetings:",
        "  standup:",
        '    title: "Standup, reported to ${webhooks.ended.url} ($${literal})"',
        "    persistChat: ${values.persist}",
      ].join("\n"),
    );
    const stack = new RealtimeKitStack("rtk", {
      file: path.join(dir, "realtimekit.yaml"),
      values: { appId: "0000-app", receiver: pulumi.output("https://worker.example.workers.dev/"), persist: true },
    });
    await settled(stack);
    assert.equal(inputsOf("rtk-app").appId, "0000-app");
    assert.equal(await valueOf(stack.webhooks.ended.url), "https://worker.example.workers.dev/");
    assert.equal(inputsOf("rtk-ended").name, "adopted-name-ended");
    assert.equal(inputsOf("rtk-standup").title, "Standup, reported to https://worker.example.workers.dev/ (${literal})");
    assert.equal(inputsOf("rtk-standup").persistChat, true);
  });

  it("keeps secret values secret", async () => {
    write(
      "realtimekit.yaml",
      [
        "meetings:",
        "  rec:",
        "    recordingConfig:",
        '      storageConfig: { type: aws, bucket: b, region: us-east-1, accessKey: "${values.key}", secret: "${values.secret}" }',
      ].join("\n"),
    );
    const stack = new RealtimeKitStack("rtk", {
      file: path.join(dir, "realtimekit.yaml"),
      values: { key: "AKIA", secret: pulumi.secret("s3cr3t") },
    });
    const recordingConfig = stack.meetings.rec.recordingConfig;
    assert.equal(await pulumi.isSecret(recordingConfig), true);
  });

  it("places everything in an App passed in, and exposes it", async () => {
    write("realtimekit.yaml", "meetings:\n  standup: {}\n");
    const app = new App("shared", { name: "acme" });
    const stack = new RealtimeKitStack("rtk", { file: path.join(dir, "realtimekit.yaml"), app, stack: "" });
    await settled(stack);
    assert.equal(stack.app, app);
    assert.equal(inputsOf("rtk-standup").appId, "app-shared");
  });

  it("uses the configured app when neither the file nor the program names one", async () => {
    write("realtimekit.yaml", "meetings:\n  standup: {}\n");
    const stack = new RealtimeKitStack("rtk", { file: path.join(dir, "realtimekit.yaml"), accountId: "0123456789abcdef0123456789abcdef" });
    await settled(stack);
    assert.equal(stack.app, undefined);
    assert.equal(stack.appId, undefined);
    assert.equal(inputsOf("rtk-standup").appId, undefined);
    assert.equal(inputsOf("rtk-standup").accountId, "0123456789abcdef0123456789abcdef");
  });

  it("fails before registering anything when the file is invalid", () => {
    write("realtimekit.yaml", "meetings:\n  standup:\n    title: Daily standup\n");
    write("realtimekit.dev.yaml", "meetings:\n  standup:\n    status: PAUSED\n");
    assert.throws(
      () => new RealtimeKitStack("rtk", { file: path.join(dir, "realtimekit.yaml") }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigFileError);
        assert.ok(pulumi.RunError.isInstance(error), "a RunError, so the CLI prints no stack trace");
        assert.equal(
          error.message,
          `Invalid RealtimeKit config: ${
            path.relative(process.cwd(), path.join(dir, "realtimekit.dev.yaml")).startsWith("..")
              ? path.join(dir, "realtimekit.dev.yaml")
              : path.relative(process.cwd(), path.join(dir, "realtimekit.dev.yaml"))
          }: ` + 'meetings.standup.status: must be one of "ACTIVE", "INACTIVE"; got "PAUSED" (line 3, column 13)',
        );
        return true;
      },
    );
    assert.deepEqual(registered, []);
  });

  it("loads without declaring anything through RealtimeKitStack.load", () => {
    write("realtimekit.yaml", "meetings:\n  standup: {}\n");
    const loaded = RealtimeKitStack.load({ file: path.join(dir, "realtimekit.yaml") });
    assert.deepEqual(loaded.config.meetings, { standup: {} });
    assert.deepEqual(registered, []);
  });
});
