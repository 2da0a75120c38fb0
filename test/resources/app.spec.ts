import assert from "node:assert/strict";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { appImplementation, validateApp } from "../../provider/resources/app";
import type { ServedProvider } from "../../provider/host";
import { configureRuntime } from "../../provider/runtime";
import { UNKNOWN_VALUE } from "../../provider/shared/check";
import { takeNotices } from "../support/notices";

// Driven as the engine-facing servers drive it, with the property maps the engine passes.
const impl: ServedProvider = appImplementation;

describe("App provider", function () {
  this.timeout(20_000);
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ rateLimit: false });
  });
  after(async () => {
    configureRuntime(undefined);
    await emulator?.close();
  });
  beforeEach(() => {
    emulator.reset();
    emulator.faults.clear();
    // No realtimekit:appId on purpose: a stack that creates its app does not need one.
    configureRuntime(
      new Map([
        ["realtimekit:accountId", emulator.accountId],
        ["realtimekit:apiToken", emulator.token],
        ["realtimekit:apiBaseUrl", emulator.url],
        ["realtimekit:maxRetries", "1"],
      ]),
    );
  });

  const appsNamed = (name: string) => emulator.state().apps.filter((app) => app.name === name);
  const apiCalls = () => emulator.requests().map((request) => `${request.method} ${request.path.replace(/^.*\/realtime\/kit/, "")}`);

  describe("check", () => {
    it("requires a name or an app id", async () => {
      assert.deepEqual(await impl.check({}, {}), {
        failures: [{ property: "name", reason: "is required unless appId is given" }],
      });
    });
    it("defaults adoptExisting to true", async () => {
      assert.deepEqual(await impl.check({}, { name: "acme" }), { inputs: { name: "acme", adoptExisting: true }, failures: [] });
    });
    it("rejects an empty name, a non-boolean flag and a malformed account", () => {
      assert.deepEqual(validateApp({ name: "", adoptExisting: "yes", accountId: "x" }), [
        { property: "name", reason: "must not be empty" },
        { property: "adoptExisting", reason: 'must be a boolean; got "yes"' },
        { property: "accountId", reason: 'must be a 32-character hex account id; got "x"' },
      ]);
    });
    it("lets unknown values through", () => {
      assert.deepEqual(validateApp({ name: UNKNOWN_VALUE }), []);
    });
  });

  describe("create", () => {
    it("creates the app when no app has the name", async () => {
      const result = await impl.create({ name: "acme-dev", adoptExisting: true });
      const [created] = appsNamed("acme-dev");
      assert.equal(result.id, created.id);
      assert.deepEqual(result.outs, {
        name: "acme-dev",
        appId: created.id,
        adopted: false,
        adoptExisting: true,
        accountId: emulator.accountId,
        createdAt: created.created_at,
      });
      assert.deepEqual(apiCalls(), ["GET /apps", "POST /apps"]);
    });

    it("adopts the one app with the name", async () => {
      const first = await impl.create({ name: "acme-dev", adoptExisting: true });
      emulator.clearRequests();
      const second = await impl.create({ name: "acme-dev", adoptExisting: true });
      assert.equal(second.id, first.id);
      assert.equal(second.outs.adopted, true);
      assert.equal(appsNamed("acme-dev").length, 1);
      assert.deepEqual(apiCalls(), ["GET /apps"]);
    });

    it("creates another app of the same name with adoptExisting: false", async () => {
      await impl.create({ name: "acme-dev", adoptExisting: true });
      const other = await impl.create({ name: "acme-dev", adoptExisting: false });
      assert.equal(other.outs.adopted, false);
      assert.equal(appsNamed("acme-dev").length, 2);
    });

    it("fails listing the ids when several apps have the name", async () => {
      await impl.create({ name: "twin", adoptExisting: false });
      await impl.create({ name: "twin", adoptExisting: false });
      const twins = appsNamed("twin");
      await assert.rejects(impl.create({ name: "twin", adoptExisting: true }), {
        message:
          `App create failed: 2 apps are named "twin" in account ${emulator.accountId} ` +
          `(${twins.map((app) => `${app.id} (created ${app.created_at})`).join(", ")}); app names are not unique, so set appId to the one to adopt`,
      });
      assert.equal(appsNamed("twin").length, 2);
    });

    it("adopts by id, even when the name is shared", async () => {
      await impl.create({ name: "twin", adoptExisting: false });
      const wanted = await impl.create({ name: "twin", adoptExisting: false });
      const result = await impl.create({ appId: wanted.id, name: "twin", adoptExisting: true });
      assert.equal(result.id, wanted.id);
      assert.equal(result.outs.adopted, true);
      assert.equal(result.outs.name, "twin");
    });

    it("adopts the emulator's start-up app by id without a name", async () => {
      const result = await impl.create({ appId: emulator.appId, adoptExisting: true });
      assert.equal(result.id, emulator.appId);
      assert.equal(result.outs.name, "default");
    });

    it("fails to adopt an unknown id or a mismatched name", async () => {
      await assert.rejects(impl.create({ appId: "00000000-0000-4000-8000-000000000000", adoptExisting: true }), {
        message: `App adopt failed: no app with id "00000000-0000-4000-8000-000000000000" in account ${emulator.accountId}`,
      });
      await assert.rejects(impl.create({ appId: emulator.appId, name: "prod", adoptExisting: true }), {
        message:
          `App adopt failed: app ${emulator.appId} is named "default", not "prod"; apps cannot be renamed through the API, ` +
          'so set name to "default" or leave it out',
      });
    });

    it("adopts its own app after a lost create response instead of creating a second one", async () => {
      emulator.faults.add({ method: "POST", path: "/accounts/*/realtime/kit/apps", status: 502, when: "after" });
      const result = await impl.create({ name: "lost", adoptExisting: true });
      const apps = appsNamed("lost");
      assert.equal(apps.length, 1);
      assert.equal(result.id, apps[0].id);
      assert.equal(result.outs.adopted, false);
      assert.deepEqual(apiCalls(), ["GET /apps", "POST /apps", "GET /apps"]);
    });
  });

  describe("read", () => {
    it("returns the app and its inputs, read by id with one GET apps/{app_id}", async () => {
      const created = await impl.create({ name: "acme", adoptExisting: true });
      emulator.clearRequests();
      const read = await impl.read(created.id, { ...created.outs, __provider: "x" });
      assert.deepEqual(read, { id: created.id, props: created.outs, inputs: { name: "acme", adoptExisting: true } });
      assert.deepEqual(apiCalls(), [`GET /apps/${created.id}`]);
    });
    it("returns a blank id for an app the API does not know (404)", async () => {
      const read = await impl.read("00000000-0000-4000-8000-000000000000", { name: "gone", accountId: emulator.accountId });
      assert.deepEqual(read, { id: "" }, "no id: the engine drops the app from state");
    });
  });

  describe("diff", () => {
    const olds = () => ({ name: "acme", appId: "a1", adopted: false, adoptExisting: true, accountId: emulator.accountId, createdAt: "t" });
    it("reports no change for the same name and no explicit account", async () => {
      assert.deepEqual(await impl.diff("a1", olds(), { name: "acme", adoptExisting: true }), {
        changes: false,
        replaces: [],
        deleteBeforeReplace: false,
      });
    });
    it("replaces on a new name, app id or account", async () => {
      assert.deepEqual((await impl.diff("a1", olds(), { name: "acme2", adoptExisting: true })).replaces, ["name"]);
      assert.deepEqual((await impl.diff("a1", olds(), { appId: "a2", adoptExisting: true })).replaces, ["appId"]);
      assert.deepEqual((await impl.diff("a1", olds(), { name: "acme", accountId: "0".repeat(32), adoptExisting: true })).replaces, [
        "accountId",
      ]);
    });
    it("ignores adoptExisting, which only matters at create", async () => {
      assert.deepEqual(await impl.diff("a1", olds(), { name: "acme", adoptExisting: false }), {
        changes: false,
        replaces: [],
        deleteBeforeReplace: false,
      });
    });
    it("returns every output from update", async () => {
      const updated = await impl.update("a1", { ...olds(), __provider: "x" }, { name: "acme", adoptExisting: false });
      assert.deepEqual(updated, { outs: { ...olds(), adoptExisting: false } });
    });
  });

  describe("delete", () => {
    it("forgets the app with a warning and calls nothing", async () => {
      const created = await impl.create({ name: "keep", adoptExisting: true });
      emulator.clearRequests();
      takeNotices();
      await impl.delete(created.id, created.outs);
      const warnings = takeNotices()
        .filter((notice) => notice.severity === "warning")
        .map((notice) => notice.message);
      assert.deepEqual(warnings, [
        `App "keep" (${created.id}) was not deleted: RealtimeKit apps cannot be deleted through the API. ` +
          "It is no longer managed by this stack; delete it in the Cloudflare dashboard if it is not needed.",
      ]);
      assert.deepEqual(apiCalls(), []);
      assert.equal(appsNamed("keep").length, 1);
    });
  });
});
