import * as assert from "node:assert/strict";

import {
  AUTH_HINT,
  AmbiguousCreateError,
  ApiError,
  ConfigError,
  ConflictError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  RealtimeKitError,
  TimeoutError,
  isAmbiguousCreate,
  isApiError,
  isConfigError,
  isConflict,
  isNetworkError,
  isNotFound,
  isRateLimited,
  isRealtimeKitError,
  isServerError,
  isTimeoutError,
} from "../../provider/client/errors";

const init = {
  context: "Webhook create",
  status: 409,
  code: 409,
  apiMessage: "url already in use",
  method: "POST" as const,
  path: "/accounts/abc/realtime/kit/app/webhooks",
};

describe("errors", () => {
  it("formats API errors as '<context> failed: <status> <message> (<METHOD> <path>)'", () => {
    const e = new ConflictError(init);
    assert.equal(e.message, "Webhook create failed: 409 url already in use (POST /accounts/abc/realtime/kit/app/webhooks)");
    assert.equal(e.name, "ConflictError");
    assert.ok(e instanceof ApiError && e instanceof RealtimeKitError && e instanceof Error);
    assert.equal(e.attempts, 1);
  });

  it("adds the credentials hint to 401 and 403", () => {
    for (const status of [401, 403]) {
      const e = new ApiError({ ...init, status, apiMessage: "denied" });
      assert.equal(e.message, `Webhook create failed: ${status} denied (POST /accounts/abc/realtime/kit/app/webhooks); ${AUTH_HINT}`);
    }
    assert.equal(
      AUTH_HINT,
      'check realtimekit:apiToken / CLOUDFLARE_API_TOKEN (needs the "Realtime Admin" permission) and that RealtimeKit is enabled for account realtimekit:accountId',
    );
  });

  it("formats network, timeout and ambiguous-create errors", () => {
    const where = { context: "Meeting create", method: "POST" as const, path: "/accounts/a/realtime/kit/x/meetings" };
    const n = new NetworkError(where, { code: "ECONNRESET", message: "socket hang up" });
    assert.equal(n.message, "Meeting create failed: network error ECONNRESET: socket hang up (POST /accounts/a/realtime/kit/x/meetings)");
    assert.equal(
      new NetworkError(where, { message: "" }).message,
      "Meeting create failed: network error UNKNOWN (POST /accounts/a/realtime/kit/x/meetings)",
    );
    const t = new TimeoutError(where, 30000);
    assert.equal(t.message, "Meeting create failed: no response within 30000 ms (POST /accounts/a/realtime/kit/x/meetings)");
    const a = new AmbiguousCreateError(where, t);
    assert.equal(
      a.message,
      "Meeting create failed: no response within 30000 ms (POST /accounts/a/realtime/kit/x/meetings); " +
        "the outcome is unknown and the object may have been created: check for it before retrying",
    );
    assert.equal(a.cause, t);
    assert.equal(a.name, "AmbiguousCreateError");
  });

  it("guards recognise instances", () => {
    assert.ok(isNotFound(new NotFoundError({ ...init, status: 404 })));
    assert.ok(isConflict(new ConflictError(init)));
    assert.ok(isRateLimited(new RateLimitError({ ...init, status: 429 }, 1000)));
    assert.ok(isServerError(new ApiError({ ...init, status: 503 })));
    assert.ok(isConfigError(new ConfigError("x", "realtimekit:appId")));
    assert.equal(isNotFound(new ConflictError(init)), false);
    assert.equal(isApiError(new Error("x")), false);
    assert.equal(isRealtimeKitError(null), false);
    assert.equal(isNotFound({ status: 404, apiMessage: "x" }), false); // no brand
  });

  it("guards recognise branded copies from another realm", () => {
    // What a deserialized / separately loaded class instance looks like: same fields, other prototype.
    const copy = (e: Error) => Object.assign(Object.create(Error.prototype), { ...e, name: e.name, message: e.message });
    const nf = copy(new NotFoundError({ ...init, status: 404 }));
    assert.equal(nf instanceof NotFoundError, false);
    assert.ok(isRealtimeKitError(nf) && isApiError(nf) && isNotFound(nf));
    const where = { context: "c", method: "GET" as const, path: "/p" };
    assert.ok(isTimeoutError(copy(new TimeoutError(where, 1))));
    assert.ok(isNetworkError(copy(new NetworkError(where, { code: "EPIPE", message: "x" }))));
    assert.ok(isAmbiguousCreate(copy(new AmbiguousCreateError(where, new TimeoutError(where, 1)))));
    assert.ok(isConfigError(copy(new ConfigError("m"))));
  });
});
