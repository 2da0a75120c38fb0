import assert from "node:assert/strict";
import Cloudflare, {
  APIConnectionError,
  AuthenticationError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from "cloudflare";
import { describeTargets, emulatorOf, expectApiError, sdkClient } from "./harness";

describeTargets("Conformance: transport errors", ({ target }) => {
  it("AuthenticationError (401) without a bearer token", async () => {
    const t = target();
    const client = new Cloudflare({
      apiToken: null,
      apiEmail: "someone@example.com",
      apiKey: "0123456789abcdef",
      baseURL: t.baseURL,
      maxRetries: 0,
    });
    const error = await expectApiError(t, client.realtimeKit.apps.get({ account_id: t.accountId }), AuthenticationError);
    assert.equal(error.status, 401);
    if (t.kind === "emulator") {
      assert.deepEqual(error.errors, [{ code: 10001, message: "Unable to authenticate request: send Authorization: Bearer <API token>" }]);
    }
  });

  it("PermissionDeniedError (403) for a wrong token", async () => {
    const t = target();
    const client = sdkClient(t.baseURL, "not-a-valid-token-0000000000000000000000");
    const error = await expectApiError(t, client.realtimeKit.apps.get({ account_id: t.accountId }), PermissionDeniedError);
    assert.equal(error.status, 403);
  });

  it("PermissionDeniedError (403) for another account", async function () {
    const t = target();
    emulatorOf(this, t);
    const error = await expectApiError(
      t,
      t.client.realtimeKit.apps.get({ account_id: "ffffffffffffffffffffffffffffffff" }),
      PermissionDeniedError,
    );
    assert.deepEqual(error.errors, [{ code: 10000, message: "Authentication error: the token has no access to this account" }]);
  });

  it("NotFoundError (404) for an unknown app", async () => {
    const t = target();
    const id = "00000000-0000-4000-8000-000000000000";
    await expectApiError(t, t.client.realtimeKit.presets.get(id, { account_id: t.accountId }), NotFoundError);
  });

  it("RateLimitError (429) with Retry-After once the budget is spent", async function () {
    const t = target();
    const emulator = emulatorOf(this, t);
    emulator.setRateLimit({ limit: 2, windowMs: 60_000, lockoutMs: 60_000 });
    try {
      await t.client.realtimeKit.apps.get({ account_id: t.accountId });
      await t.client.realtimeKit.apps.get({ account_id: t.accountId });
      const error = await expectApiError(t, t.client.realtimeKit.apps.get({ account_id: t.accountId }), RateLimitError);
      assert.equal(error.status, 429);
      assert.equal(error.headers?.get("retry-after"), "60");
      assert.equal(error.headers?.get("ratelimit"), '"default";r=0;t=60');
    } finally {
      emulator.setRateLimit({});
    }
  });

  it("InternalServerError (5xx) and APIConnectionError (dropped connection) from injected faults", async function () {
    const t = target();
    const emulator = emulatorOf(this, t);
    emulator.faults.add({ method: "GET", path: "**/apps", status: 503 });
    const error = await expectApiError(
      t,
      t.client.realtimeKit.apps.get({ account_id: t.accountId }),
      InternalServerError,
      "Injected fault",
    );
    assert.equal(error.status, 503);
    emulator.faults.add({ method: "GET", path: "**/apps", drop: true });
    await assert.rejects(t.client.realtimeKit.apps.get({ account_id: t.accountId }), APIConnectionError);
    assert.equal((await t.client.realtimeKit.apps.get({ account_id: t.accountId })).success, true);
  });
});
