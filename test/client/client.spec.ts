import * as assert from "node:assert/strict";
import * as util from "node:util";

import { ClientOptions, RealtimeKitClient, RequestSpec, buildPath, createRealtimeKitClient } from "../../provider/client/client";
import { resetSharedBudgets } from "../../provider/client/budget";
import {
  AmbiguousCreateError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConfigError,
  ConflictError,
  NetworkError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RealtimeKitError,
  ServerError,
  TimeoutError,
  isAmbiguousCreate,
  isNotFound,
} from "../../provider/client/errors";
import { FakeServer, Reply, closedPort, fakeTime, ok, rtkError, startFakeServer, v4Error } from "./fakeServer";

const TOKEN = "tok-S3CRET-0123456789abcdefXYZ";
const BASE = "/accounts/acc/realtime/kit";
const HINT =
  'check realtimekit:apiToken / CLOUDFLARE_API_TOKEN (needs the "Realtime Admin" permission) ' +
  "and that RealtimeKit is enabled for account realtimekit:accountId";

const getMeeting: RequestSpec = { method: "GET", path: ["app", "meetings", "m1"], context: "Meeting read" };
const createWebhook: RequestSpec = {
  method: "POST",
  path: ["app", "webhooks"],
  body: { name: "w", url: "https://example.com/hook", events: ["meeting.started"] },
  context: "Webhook create",
};
const createMeeting: RequestSpec = {
  method: "POST",
  path: ["app", "meetings"],
  body: { title: "Standup" },
  context: "Meeting create",
};

/** Asserts that nothing about `e` reveals the token. */
function assertNoToken(e: unknown): void {
  const texts = [
    util.inspect(e, { depth: Infinity, showHidden: true }),
    JSON.stringify(e),
    String(e),
    (e as Error).stack ?? "",
    util.inspect((e as { cause?: unknown }).cause, { depth: Infinity, showHidden: true }),
  ];
  for (const text of texts) {
    assert.equal(text.includes(TOKEN), false, `token leaked in: ${text.slice(0, 400)}`);
    assert.equal(/authorization/i.test(text), false, `headers leaked in: ${text.slice(0, 400)}`);
  }
}

/** Runs `fn` and returns what it threw. */
async function failure(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (e) {
    return e as Error;
  }
  assert.fail("expected a rejection");
}

describe("RealtimeKit client", () => {
  let server: FakeServer;
  let time: ReturnType<typeof fakeTime>;

  function client(options: Partial<ClientOptions> = {}): RealtimeKitClient {
    return createRealtimeKitClient({
      accountId: "acc",
      apiToken: TOKEN,
      baseUrl: server.url,
      budget: false,
      sleep: time.sleep,
      now: time.now,
      random: () => 0,
      ...options,
    });
  }

  beforeEach(async () => {
    resetSharedBudgets();
    server = await startFakeServer();
    time = fakeTime();
  });
  afterEach(async () => {
    await server.close();
  });

  describe("createRealtimeKitClient", () => {
    it("rejects a missing token, a missing account and a non-http base URL", () => {
      assert.throws(() => createRealtimeKitClient({ accountId: "acc", apiToken: "" }), {
        name: "ConfigError",
        message: "createRealtimeKitClient: apiToken is required",
      });
      assert.throws(() => createRealtimeKitClient({ accountId: " ", apiToken: TOKEN }), ConfigError);
      assert.throws(() => createRealtimeKitClient({ accountId: "acc", apiToken: TOKEN, baseUrl: "ftp://x" }), {
        message: 'createRealtimeKitClient: baseUrl must be an http:// or https:// URL without query or fragment, got "ftp://x"',
      });
    });

    it("applies the base URL and token rules resolveCredentials applies (connection.ts)", () => {
      for (const baseUrl of ["not a url", "https://x.example/v4?x=1", "https://x.example/v4#top", "http://"]) {
        assert.throws(() => createRealtimeKitClient({ accountId: "acc", apiToken: TOKEN, baseUrl }), {
          name: "ConfigError",
          message: `createRealtimeKitClient: baseUrl must be an http:// or https:// URL without query or fragment, got ${JSON.stringify(baseUrl)}`,
        });
      }
      for (const apiToken of [" ", `${TOKEN}\n`, "two words", `${TOKEN}\r\nX-Injected: 1`]) {
        assert.throws(
          () => createRealtimeKitClient({ accountId: "acc", apiToken }),
          (e: unknown) => {
            assert.ok(e instanceof ConfigError);
            assert.equal(e.message, "createRealtimeKitClient: apiToken must be a non-empty token without whitespace or control characters");
            return true;
          },
        );
      }
    });

    it("strips trailing slashes from the base URL", async () => {
      server.script(ok({ id: "m1" }));
      const c = createRealtimeKitClient({ accountId: "acc", apiToken: TOKEN, baseUrl: `${server.url}//`, budget: false, maxRetries: 0 });
      await c.request(getMeeting);
      assert.equal(server.requests[0].rawUrl, `/client/v4${BASE}/app/meetings/m1`);
    });

    it("exposes the account id and zeroed stats", () => {
      const c = client();
      assert.equal(c.accountId, "acc");
      assert.deepEqual(c.stats, { requests: 0, retries: 0, throttledMs: 0 });
    });
  });

  describe("request", () => {
    it("unwraps data from the envelope and sends auth and accept headers", async () => {
      server.script(ok({ id: "m1", title: "x" }));
      const data = await client().request<{ id: string }>(getMeeting);
      assert.deepEqual(data, { id: "m1", title: "x" });
      assert.equal(server.requests.length, 1);
      const req = server.requests[0];
      assert.equal(req.method, "GET");
      assert.equal(req.rawUrl, `/client/v4${BASE}/app/meetings/m1`);
      assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
      assert.equal(req.headers.accept, "application/json");
      assert.equal(req.headers["user-agent"], "pulumi-realtimekit");
      assert.equal(req.headers["content-type"], undefined);
      assert.equal(req.body, "");
    });

    it("sends a JSON body with a content type", async () => {
      server.script(ok({ id: "w1" }, 201));
      const c = client();
      assert.deepEqual(await c.request({ ...createWebhook, method: "PATCH" }), { id: "w1" });
      assert.equal(server.requests[0].headers["content-type"], "application/json");
      assert.deepEqual(JSON.parse(server.requests[0].body), createWebhook.body);
    });

    it("sends the query without undefined values", async () => {
      server.script(ok([]));
      await client().request({ ...getMeeting, query: { search: "a b&c", page_no: 2, skip: undefined } });
      assert.equal(server.requests[0].rawUrl, `/client/v4${BASE}/app/meetings/m1?search=a+b%26c&page_no=2`);
    });

    it("encodes each path segment on its own", async () => {
      server.script(ok({}));
      await createRealtimeKitClient({
        accountId: "a/b c",
        apiToken: TOKEN,
        baseUrl: `${server.url}/`,
        budget: false,
      }).request({ method: "GET", path: ["app id/1", "meetings", "a?b#c%d", "ü"], context: "Odd read" });
      assert.equal(server.requests[0].rawUrl, "/client/v4/accounts/a%2Fb%20c/realtime/kit/app%20id%2F1/meetings/a%3Fb%23c%25d/%C3%BC");
    });

    it("rejects empty, '.' and '..' segments without sending", async () => {
      for (const bad of ["", ".", ".."]) {
        const e = await failure(() => client().request({ ...getMeeting, path: ["app", "meetings", bad] }));
        assert.ok(e instanceof RealtimeKitError);
        assert.equal(
          e.message,
          `Meeting read failed: invalid path segment 2 ${JSON.stringify(bad)}: expected a non-empty string other than '.' or '..'`,
        );
      }
      assert.equal(server.requests.length, 0);
    });

    it("returns null for a 204 without body", async () => {
      server.script({ status: 204 });
      assert.equal(await client().request({ ...getMeeting, method: "DELETE" }), null);
    });

    it("fails on a 2xx body that is not an envelope", async () => {
      server.script({ status: 200, body: "<html>hello</html>" });
      const e = await failure(() => client().request(getMeeting));
      assert.ok(e instanceof ApiError);
      assert.equal(
        e.message,
        `Meeting read failed: 200 invalid response body: expected a JSON {success, data} envelope (GET ${BASE}/app/meetings/m1)`,
      );
      assert.equal(server.requests.length, 1);
    });

    it("fails on a 2xx envelope with success false", async () => {
      server.script({ status: 200, body: { success: false, error: { code: 7, message: "nope" } } });
      const e = await failure(() => client().request(getMeeting));
      assert.ok(e instanceof ApiError);
      assert.equal((e as ApiError).code, 7);
      assert.equal(e.message, `Meeting read failed: 200 nope (GET ${BASE}/app/meetings/m1)`);
    });
  });

  describe("error mapping", () => {
    const cases: Array<[Reply, new (...args: never[]) => ApiError, string, string]> = [
      [rtkError(400, "title too long"), BadRequestError, "BadRequestError", "400 title too long"],
      [
        v4Error(401, { code: 10000, message: "Authentication error" }),
        AuthenticationError,
        "AuthenticationError",
        `401 Authentication error`,
      ],
      [rtkError(403, "forbidden"), PermissionDeniedError, "PermissionDeniedError", "403 forbidden"],
      [rtkError(404, "meeting not found"), NotFoundError, "NotFoundError", "404 meeting not found"],
      [rtkError(409, "url already in use"), ConflictError, "ConflictError", "409 url already in use"],
      [rtkError(429, "slow down"), RateLimitError, "RateLimitError", "429 slow down"],
      [rtkError(500, "boom"), ServerError, "ServerError", "500 boom"],
      [{ status: 502, body: "<html>bad gateway</html>" }, ServerError, "ServerError", "502 Bad Gateway"],
      [{ status: 422 }, ApiError, "ApiError", "422 Unprocessable Entity"],
      [{ status: 301, headers: { location: "https://evil.example/" } }, ApiError, "ApiError", "301 Moved Permanently"],
    ];
    for (const [reply, cls, name, text] of cases) {
      it(`maps ${text.slice(0, 3)} to ${name} with the exact message`, async () => {
        server.setHandler(() => reply);
        const e = await failure(() => client({ maxRetries: 0 }).request(createWebhook));
        assert.ok(e instanceof cls, `expected ${name}, got ${e.name}`);
        assert.equal(e.name, name);
        const status = Number(text.slice(0, 3));
        const hint = status === 401 || status === 403 ? `; ${HINT}` : "";
        assert.equal(e.message, `Webhook create failed: ${text} (POST ${BASE}/app/webhooks)${hint}`);
        assert.equal((e as ApiError).status, status);
        assert.equal((e as ApiError).method, "POST");
        assert.equal((e as ApiError).path, `${BASE}/app/webhooks`);
        assert.equal((e as ApiError).context, "Webhook create");
        assertNoToken(e);
      });
    }

    it("keeps the API code and message and joins v4 errors", async () => {
      server.script(v4Error(403, { code: 9109, message: "Unauthorized to access requested resource" }, { code: 10001, message: "second" }));
      const e = (await failure(() => client().request(getMeeting))) as PermissionDeniedError;
      assert.equal(e.code, 9109);
      assert.equal(e.apiMessage, "Unauthorized to access requested resource; second");
      assert.equal(
        e.message,
        `Meeting read failed: 403 Unauthorized to access requested resource; second (GET ${BASE}/app/meetings/m1); ${HINT}`,
      );
    });

    it("uses the status as code when the body has none", async () => {
      server.script({ status: 404 });
      const e = (await failure(() => client().request(getMeeting))) as NotFoundError;
      assert.equal(e.code, 404);
      assert.equal(e.apiMessage, "Not Found");
      assert.ok(isNotFound(e));
    });

    it("never reveals the token, even when the server echoes it", async () => {
      server.script(v4Error(401, { code: 10000, message: `invalid token ${TOKEN}` }));
      const e = await failure(() => client().request(getMeeting));
      assert.equal(e.message, `Meeting read failed: 401 invalid token [redacted] (GET ${BASE}/app/meetings/m1); ${HINT}`);
      assertNoToken(e);
    });

    it("never reveals the token in network, timeout or ambiguous errors", async () => {
      server.script({ action: "reset" });
      assertNoToken(await failure(() => client({ maxRetries: 0 }).request(getMeeting)));
      server.script({ action: "hang" });
      assertNoToken(await failure(() => client({ maxRetries: 0, timeoutMs: 50 }).request(getMeeting)));
      server.script({ action: "reset" });
      const ambiguous = await failure(() => client().postOnce(createMeeting));
      assert.ok(ambiguous instanceof AmbiguousCreateError);
      assertNoToken(ambiguous);
    });
  });

  describe("retries", () => {
    it("retries a GET on 500 and 503 with exponential back-off", async () => {
      server.script(rtkError(500, "a"), rtkError(503, "b"), ok({ id: "m1" }));
      const c = client();
      assert.deepEqual(await c.request(getMeeting), { id: "m1" });
      assert.deepEqual(time.delays, [250, 500]);
      assert.deepEqual(c.stats, { requests: 3, retries: 2, throttledMs: 0 });
    });

    it("applies jitter from the injected random source", async () => {
      server.script(rtkError(500, "a"), rtkError(500, "a"), ok({}));
      await client({ random: () => 0.5 }).request(getMeeting);
      assert.deepEqual(time.delays, [219, 438]);
    });

    it("gives up after maxRetries with the last error", async () => {
      server.setHandler(() => rtkError(500, "still broken"));
      const c = client();
      const e = (await failure(() => c.request(getMeeting))) as ServerError;
      assert.ok(e instanceof ServerError);
      assert.equal(e.attempts, 5);
      assert.equal(e.message, `Meeting read failed: 500 still broken (GET ${BASE}/app/meetings/m1)`);
      assert.equal(server.requests.length, 5);
      assert.deepEqual(time.delays, [250, 500, 1000, 2000]);
      assert.equal(c.stats.retries, 4);
    });

    it("caps exponential delays at 8 s", async () => {
      server.setHandler(() => rtkError(503, "x"));
      await failure(() => client({ maxRetries: 7 }).request(getMeeting));
      assert.deepEqual(time.delays, [250, 500, 1000, 2000, 4000, 8000, 8000]);
    });

    it("retries a GET after a connection reset", async () => {
      server.script({ action: "reset" }, ok({ id: "m1" }));
      assert.deepEqual(await client().request(getMeeting), { id: "m1" });
      assert.equal(server.requests.length, 2);
    });

    it("maps a reset to NetworkError when retries are used up", async () => {
      server.script({ action: "reset" });
      const e = (await failure(() => client({ maxRetries: 0 }).request(getMeeting))) as NetworkError;
      assert.ok(e instanceof NetworkError);
      assert.equal(e.code, "ECONNRESET");
      assert.equal(e.message, `Meeting read failed: network error ECONNRESET: socket hang up (GET ${BASE}/app/meetings/m1)`);
      assert.deepEqual(e.cause, { code: "ECONNRESET", message: "socket hang up" });
    });

    it("honours Retry-After in seconds on a 429", async () => {
      server.script(rtkError(429, "slow down", { "retry-after": "3" }), ok({ id: "m1" }));
      await client().request(getMeeting);
      assert.deepEqual(time.delays, [3000]);
    });

    it("honours Retry-After as an HTTP date", async () => {
      const at = new Date(time.now() + 5000).toUTCString();
      server.script(rtkError(429, "slow down", { "retry-after": at }), ok({}));
      await client().request(getMeeting);
      assert.deepEqual(time.delays, [5000]);
    });

    it("honours retry-after-ms", async () => {
      server.script(rtkError(503, "busy", { "retry-after-ms": "1500" }), ok({}));
      await client().request(getMeeting);
      assert.deepEqual(time.delays, [1500]);
    });

    it("caps the Retry-After of a failure other than 429 at maxRetryAfterMs (default 60 s)", async () => {
      server.script(rtkError(503, "busy", { "retry-after": "300" }), ok({}));
      await client().request(getMeeting);
      server.script(rtkError(503, "busy", { "retry-after": "300" }), ok({}));
      await client({ maxRetryAfterMs: 10_000 }).request(getMeeting);
      assert.deepEqual(time.delays, [60_000, 10_000]);
    });

    it("waits out a five-minute lockout in full, and 429s do not use up maxRetries", async () => {
      const locked = rtkError(429, "locked", { "retry-after": "300" });
      server.script(
        locked,
        rtkError(429, "still locked", { "retry-after": "1" }),
        rtkError(429, "x", { "retry-after": "1" }),
        ok({ id: "m1" }),
      );
      assert.deepEqual(await client({ maxRetries: 1 }).request(getMeeting), { id: "m1" });
      assert.deepEqual(time.delays, [300_000, 1000, 1000]);
    });

    it("gives up on a 429 without sleeping once Retry-After exceeds maxRateLimitWaitMs (default 600 s)", async () => {
      server.setHandler(() => rtkError(429, "locked", { "retry-after": "300" }));
      const e = (await failure(() => client().request(getMeeting))) as RateLimitError;
      assert.ok(e instanceof RateLimitError);
      assert.equal(server.requests.length, 3);
      assert.deepEqual(time.delays, [300_000, 300_000]);
      time.delays.length = 0;
      await failure(() => client({ maxRateLimitWaitMs: 120_000 }).request(getMeeting));
      assert.deepEqual(time.delays, []);
    });

    it("reports Retry-After on the final RateLimitError", async () => {
      server.script(rtkError(429, "slow down", { "retry-after": "120" }));
      const e = (await failure(() => client({ maxRateLimitWaitMs: 0 }).request(getMeeting))) as RateLimitError;
      assert.ok(e instanceof RateLimitError);
      assert.equal(e.retryAfterMs, 120_000);
      assert.equal(server.requests.length, 1);
    });

    it("re-sends a create after a 429 lockout without counting it toward maxRetries", async () => {
      server.script(rtkError(429, "locked", { "retry-after": "300" }), ok({ id: "w1" }, 201));
      assert.deepEqual(await client({ maxRetries: 0 }).postOnce(createWebhook), { id: "w1" });
      assert.deepEqual(time.delays, [300_000]);
    });

    for (const status of [400, 401, 403, 404, 409, 422]) {
      it(`does not retry a GET on ${status}`, async () => {
        server.setHandler(() => rtkError(status, "no"));
        const e = (await failure(() => client().request(getMeeting))) as ApiError;
        assert.equal(e.status, status);
        assert.equal(server.requests.length, 1);
        assert.deepEqual(time.delays, []);
      });
    }

    for (const method of ["PUT", "PATCH", "DELETE"] as const) {
      it(`retries ${method} on 502`, async () => {
        server.script(rtkError(502, "x"), ok({ id: "m1" }));
        assert.deepEqual(await client().request({ ...getMeeting, method }), { id: "m1" });
        assert.equal(server.requests.length, 2);
      });
    }

    it("retries a POST marked idempotent (kick-all) on 500", async () => {
      server.script(rtkError(500, "x"), ok({ kicked_participants_count: 2 }));
      const kick: RequestSpec = {
        method: "POST",
        path: ["app", "meetings", "m1", "active-session", "kick-all"],
        context: "Meeting kick-all",
        idempotent: true,
      };
      assert.deepEqual(await client().request(kick), { kicked_participants_count: 2 });
      assert.equal(server.requests.length, 2);
      assert.equal(server.requests[1].body, "");
      assert.equal(server.requests[1].headers["content-type"], undefined);
    });

    it("does not re-send a non-idempotent POST after a 500, but does after a 429", async () => {
      server.script(rtkError(500, "x"));
      const e = await failure(() => client().request(createMeeting));
      assert.ok(e instanceof ServerError);
      assert.equal(server.requests.length, 1);
      server.script(rtkError(429, "x"), ok({ id: "m1" }, 201));
      assert.deepEqual(await client().request(createMeeting), { id: "m1" });
      assert.equal(server.requests.length, 3);
    });
  });

  describe("timeouts", () => {
    it("turns a server that never answers into TimeoutError", async () => {
      server.script({ action: "hang" });
      const e = (await failure(() => client({ timeoutMs: 100, maxRetries: 0 }).request(getMeeting))) as TimeoutError;
      assert.ok(e instanceof TimeoutError);
      assert.equal(e.timeoutMs, 100);
      assert.equal(e.message, `Meeting read failed: no response within 100 ms (GET ${BASE}/app/meetings/m1)`);
    });

    it("retries a GET after a timeout", async () => {
      server.script({ action: "hang" }, ok({ id: "m1" }));
      assert.deepEqual(await client({ timeoutMs: 100 }).request(getMeeting), { id: "m1" });
      assert.equal(server.requests.length, 2);
    });
  });

  describe("postOnce", () => {
    it("returns the created object", async () => {
      server.script(ok({ id: "w1" }, 201));
      assert.deepEqual(await client().postOnce(createWebhook), { id: "w1" });
    });

    it("re-sends after a 429", async () => {
      server.script(rtkError(429, "slow", { "retry-after": "2" }), ok({ id: "w1" }, 201));
      const c = client();
      assert.deepEqual(await c.postOnce(createWebhook), { id: "w1" });
      assert.equal(server.requests.filter((r) => r.method === "POST").length, 2);
      assert.deepEqual(time.delays, [2000]);
      assert.equal(c.stats.retries, 1);
    });

    it("adopts the object the lookup finds after a 500 (exactly one POST)", async () => {
      server.script(rtkError(500, "oops"));
      let lookups = 0;
      const found = await client().postOnce(createWebhook, async () => {
        lookups++;
        return { id: "w-existing" };
      });
      assert.deepEqual(found, { id: "w-existing" });
      assert.equal(lookups, 1);
      assert.equal(server.requests.length, 1);
      assert.deepEqual(time.delays, [250]);
    });

    it("re-sends once when the lookup finds nothing after a 500", async () => {
      server.script(rtkError(500, "oops"), ok({ id: "w2" }, 201));
      let lookups = 0;
      const created = await client().postOnce(createWebhook, async () => {
        lookups++;
        return undefined;
      });
      assert.deepEqual(created, { id: "w2" });
      assert.equal(lookups, 1);
      assert.deepEqual(
        server.requests.map((r) => r.method),
        ["POST", "POST"],
      );
    });

    it("adopts on a 409 that follows an ambiguous failure", async () => {
      server.script({ action: "reset" }, rtkError(409, "url already in use"));
      const results = [undefined, { id: "w3" }];
      const found = await client().postOnce(createWebhook, async () => results.shift());
      assert.deepEqual(found, { id: "w3" });
      assert.equal(server.requests.length, 2);
    });

    it("throws the last error when retries run out and the lookup finds nothing", async () => {
      server.setHandler(() => rtkError(503, "down"));
      let lookups = 0;
      const e = await failure(() =>
        client({ maxRetries: 1 }).postOnce(createWebhook, async () => {
          lookups++;
          return undefined;
        }),
      );
      assert.ok(e instanceof ServerError);
      assert.equal(e.message, `Webhook create failed: 503 down (POST ${BASE}/app/webhooks)`);
      assert.equal(lookups, 2);
      assert.equal(server.requests.length, 2);
    });

    it("throws AmbiguousCreateError after a timeout without lookup (exactly one POST)", async () => {
      server.script({ action: "hang" });
      const e = await failure(() => client({ timeoutMs: 100 }).postOnce(createMeeting));
      assert.ok(e instanceof AmbiguousCreateError);
      assert.ok(isAmbiguousCreate(e));
      assert.equal(
        e.message,
        `Meeting create failed: no response within 100 ms (POST ${BASE}/app/meetings); ` +
          "the outcome is unknown and the object may have been created: check for it before retrying",
      );
      assert.ok(e.reason instanceof TimeoutError);
      assert.equal(e.path, `${BASE}/app/meetings`);
      assert.equal(server.requests.length, 1);
    });

    it("throws AmbiguousCreateError after a reset without lookup (exactly one POST)", async () => {
      server.script({ action: "reset" });
      const e = await failure(() => client().postOnce(createMeeting));
      assert.ok(e instanceof AmbiguousCreateError);
      assert.ok(e.reason instanceof NetworkError);
      assert.equal(server.requests.length, 1);
      assert.deepEqual(time.delays, []);
    });

    it("throws AmbiguousCreateError after a 500 without lookup", async () => {
      server.script(rtkError(500, "oops"));
      const e = await failure(() => client().postOnce(createMeeting));
      assert.equal(
        e.message,
        `Meeting create failed: 500 oops (POST ${BASE}/app/meetings); ` +
          "the outcome is unknown and the object may have been created: check for it before retrying",
      );
      assert.equal(server.requests.length, 1);
    });

    it("throws AmbiguousCreateError when the lookup fails too", async () => {
      server.script(rtkError(500, "oops"));
      const e = await failure(() =>
        client().postOnce(createWebhook, async () => {
          throw new Error(`lookup exploded ${TOKEN}`);
        }),
      );
      assert.ok(e instanceof AmbiguousCreateError);
      assert.equal(
        e.message,
        `Webhook create failed: 500 oops (POST ${BASE}/app/webhooks); the outcome is unknown and the object ` +
          "may have been created: check for it before retrying. Looking it up failed as well: lookup exploded [redacted]",
      );
      assertNoToken(e);
    });

    for (const status of [400, 409]) {
      it(`does not retry or look up after a ${status}`, async () => {
        server.setHandler(() => rtkError(status, "bad"));
        let lookups = 0;
        const e = (await failure(() =>
          client().postOnce(createWebhook, async () => {
            lookups++;
            return { id: "x" };
          }),
        )) as ApiError;
        assert.equal(e.status, status);
        assert.equal(lookups, 0);
        assert.equal(server.requests.length, 1);
      });
    }

    it("retries a refused connection (nothing was sent) and then reports NetworkError", async () => {
      const port = await closedPort();
      const c = client({ baseUrl: `http://127.0.0.1:${port}/client/v4`, maxRetries: 2 });
      const e = (await failure(() => c.postOnce(createMeeting))) as NetworkError;
      assert.ok(e instanceof NetworkError);
      assert.equal(e.code, "ECONNREFUSED");
      assert.equal(c.stats.requests, 3);
      assert.deepEqual(time.delays, [250, 500]);
    });

    it("retries a 408 (the server never processed it)", async () => {
      server.script(rtkError(408, "request timeout"), ok({ id: "m1" }, 201));
      assert.deepEqual(await client().postOnce(createMeeting), { id: "m1" });
      assert.equal(server.requests.length, 2);
    });
  });

  describe("requestPage and listAll", () => {
    /** Serves `total` items in pages, honouring page_no / per_page. */
    function paged(total: number, shortAt?: { page: number; size: number }): void {
      server.setHandler((req) => {
        const page = Number(req.query.page_no);
        const per = Number(req.query.per_page);
        const start = (page - 1) * per;
        let size = Math.max(0, Math.min(per, total - start));
        if (shortAt && shortAt.page === page) size = shortAt.size;
        const data = Array.from({ length: size }, (_, i) => ({ id: `p${start + i}` }));
        return ok(data, 200, { start_offset: start, end_offset: start + size - 1, total_count: total });
      });
    }

    it("returns data and paging of one page", async () => {
      server.script(ok([{ id: "a" }], 200, { start_offset: 0, end_offset: 0, total_count: 1 }));
      const page = await client().requestPage({ ...getMeeting, path: ["app", "meetings"] });
      assert.deepEqual(page, { data: [{ id: "a" }], paging: { start_offset: 0, end_offset: 0, total_count: 1 } });
    });

    it("loops page_no from 1 with per_page 100 until total_count", async () => {
      paged(250);
      const items = await client().listAll<{ id: string }>({
        method: "GET",
        path: ["app", "presets"],
        query: { search: "x" },
        context: "Preset list",
      });
      assert.equal(items.length, 250);
      assert.equal(items[249].id, "p249");
      assert.deepEqual(
        server.requests.map((r) => r.query),
        [1, 2, 3].map((p) => ({ search: "x", page_no: String(p), per_page: "100" })),
      );
    });

    it("stops at an exact multiple of the page size", async () => {
      paged(200);
      assert.equal((await client().listAll({ method: "GET", path: ["app", "presets"], context: "Preset list" })).length, 200);
      assert.equal(server.requests.length, 2);
    });

    it("stops at a short page", async () => {
      paged(1000, { page: 2, size: 30 });
      assert.equal((await client().listAll({ method: "GET", path: ["app", "meetings"], context: "Meeting list" })).length, 130);
      assert.equal(server.requests.length, 2);
    });

    it("makes one call for an unpaged list", async () => {
      server.script(ok([{ id: "w1" }, { id: "w2" }]));
      const items = await client().listAll({ method: "GET", path: ["app", "webhooks"], context: "Webhook list" });
      assert.deepEqual(items, [{ id: "w1" }, { id: "w2" }]);
      assert.equal(server.requests.length, 1);
    });

    it("treats a 404 as empty with notFoundAsEmpty", async () => {
      server.setHandler(() => rtkError(404, "no webhooks"));
      const spec: RequestSpec = { method: "GET", path: ["app", "webhooks"], context: "Webhook list", notFoundAsEmpty: true };
      assert.deepEqual(await client().listAll(spec), []);
      assert.deepEqual(await client().requestPage(spec), { data: [] });
      const e = await failure(() => client().listAll({ ...spec, notFoundAsEmpty: false }));
      assert.ok(e instanceof NotFoundError);
      assert.equal(e.message, `Webhook list failed: 404 no webhooks (GET ${BASE}/app/webhooks)`);
    });

    it("fails when data is not a list", async () => {
      server.script(ok({ id: "x" }));
      const e = await failure(() => client().requestPage({ ...getMeeting, context: "Meeting list" }));
      assert.equal(e.message, `Meeting list failed: 200 invalid response body: expected data to be a list (GET ${BASE}/app/meetings/m1)`);
    });
  });

  describe("request budget", () => {
    const budget = { maxRequests: 3, windowMs: 10_000 };

    it("delays the 4th request until the window slides", async () => {
      server.setHandler(() => ok({}));
      const c = client({ budget });
      await Promise.all([1, 2, 3, 4].map(() => c.request(getMeeting)));
      assert.deepEqual(time.delays, [10_000]);
      assert.equal(c.stats.throttledMs, 10_000);
      assert.equal(c.stats.requests, 4);
    });

    it("only delays when the window is full", async () => {
      server.setHandler(() => ok({}));
      const c = client({ budget });
      await c.request(getMeeting);
      time.advance(4_000);
      await c.request(getMeeting);
      await c.request(getMeeting);
      await c.request(getMeeting); // the first left the window at t+10s: wait 6s
      assert.deepEqual(time.delays, [6_000]);
      await c.request(getMeeting); // the second (t+4s) leaves at t+14s: wait 4s
      assert.deepEqual(time.delays, [6_000, 4_000]);
    });

    it("counts every attempt, retries included", async () => {
      server.script(rtkError(500, "x"), rtkError(500, "x"), ok({}), ok({}));
      const c = client({ budget });
      await c.request(getMeeting); // 3 attempts: t0, t0+250, t0+750
      await c.request(getMeeting); // window full until t0+10s
      assert.deepEqual(time.delays, [250, 500, 9_250]);
    });

    it("is shared by clients with the same token and base URL", async () => {
      server.setHandler(() => ok({}));
      const a = client({ budget });
      const b = client({ budget });
      await a.request(getMeeting);
      await a.request(getMeeting);
      await b.request(getMeeting);
      await b.request(getMeeting);
      assert.deepEqual(time.delays, [10_000]);
      assert.equal(b.stats.throttledMs, 10_000);
      assert.equal(a.stats.throttledMs, 0);
    });

    it("is separate per token", async () => {
      server.setHandler(() => ok({}));
      const a = client({ budget });
      const b = client({ budget, apiToken: `${TOKEN}-other` });
      for (let i = 0; i < 3; i++) await a.request(getMeeting);
      for (let i = 0; i < 3; i++) await b.request(getMeeting);
      assert.deepEqual(time.delays, []);
    });

    it("does not throttle with budget: false", async () => {
      server.setHandler(() => ok({}));
      const c = client({ budget: false });
      await Promise.all(Array.from({ length: 20 }, () => c.request(getMeeting)));
      assert.deepEqual(time.delays, []);
      assert.equal(c.stats.requests, 20);
      assert.equal(c.stats.throttledMs, 0);
    });

    it("holds requests back when the server's Ratelimit header says its window is nearly used up", async () => {
      const counted = (remaining: number, seconds: number): ReturnType<typeof ok> => ({
        ...ok({}),
        headers: { ratelimit: `"default";r=${remaining};t=${seconds}` },
      });
      server.script(counted(500, 200), counted(1, 7), ok({}), counted(0, 12), ok({}));
      const c = client({ budget: { maxRequests: 100, windowMs: 300_000 } });
      await c.request(getMeeting); // plenty left: no pause
      await c.request(getMeeting); // 1 left, kept for another run's request in flight: pause 7 s
      await c.request(getMeeting);
      await c.request(getMeeting); // 0 left (another machine used the token): pause 12 s
      await c.request(getMeeting);
      assert.deepEqual(time.delays, [7_000, 12_000]);
    });

    it("spends what the server's Ratelimit header says is left, beyond the local fallback window", async () => {
      server.setHandler(() => ({ ...ok({}), headers: { ratelimit: '"default";r=900;t=300' } }));
      const c = client({ budget: { maxRequests: 2, windowMs: 300_000 } });
      for (let i = 0; i < 20; i++) await c.request(getMeeting);
      assert.deepEqual(time.delays, []);
      assert.equal(c.stats.requests, 20);
    });

    it("ignores the Ratelimit header with budget: false", async () => {
      server.script({ ...ok({}), headers: { ratelimit: '"default";r=0;t=30' } }, ok({}));
      const c = client({ budget: false });
      await c.request(getMeeting);
      await c.request(getMeeting);
      assert.deepEqual(time.delays, []);
    });

    it("holds other requests back after a 429 with Retry-After", async () => {
      server.script(rtkError(429, "locked", { "retry-after": "30" }), ok({}));
      const c = client({ budget: { maxRequests: 100, windowMs: 1000 } });
      await c.request(getMeeting); // waits 30 s itself, without being paused again
      assert.deepEqual(time.delays, [30_000]);
      time.advance(-10_000); // rewind: a request made 20 s after the 429 still has 10 s to wait
      server.script(ok({}));
      await c.request(getMeeting);
      assert.deepEqual(time.delays, [30_000, 10_000]);
    });
  });

  describe("buildPath", () => {
    it("prefixes the account path and encodes segments", () => {
      assert.equal(buildPath("acc", ["app", "presets", "a b"]), "/accounts/acc/realtime/kit/app/presets/a%20b");
    });
  });
});
