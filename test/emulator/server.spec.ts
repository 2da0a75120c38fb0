import assert from "node:assert/strict";
import { Clock, type RunningEmulator, startEmulator } from "../../emulator";
import { api, at, control, presetBody, startTestEmulator } from "./helpers";

describe("Emulator server", () => {
  describe("startEmulator", () => {
    it("makes up credentials, creates the default app and enforces Cloudflare's rate limit by default", async () => {
      const emu = await startEmulator();
      try {
        assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+\/client\/v4$/);
        assert.equal(emu.url, `${emu.origin}/client/v4`);
        assert.equal(emu.origin, `http://127.0.0.1:${emu.port}`);
        assert.match(emu.accountId, /^[0-9a-f]{32}$/);
        assert.match(emu.appId, /^[0-9a-f-]{36}$/);
        assert.match(emu.token, /^[A-Za-z0-9_-]{40}$/);
        const res = await api(emu, "GET", "/apps");
        assert.deepEqual(
          res.body.data.map((a: { id: string; name: string }) => [a.id, a.name]),
          [[emu.appId, "default"]],
        );
        assert.equal(res.headers.get("ratelimit"), '"default";r=1199;t=300');
        assert.equal(res.headers.get("ratelimit-policy"), '"default";q=1200;w=300');
      } finally {
        await emu.close();
      }
    });

    it("uses the given credentials and port", async () => {
      const probe = await startEmulator({ rateLimit: false });
      const port = probe.port;
      await probe.close();
      const emu = await startEmulator({
        port,
        accountId: "0123456789abcdef0123456789abcdef",
        appId: "14a396e7-ca44-4937-bf1f-050a69118543",
        appName: "demo",
        token: "tok",
        rateLimit: false,
      });
      try {
        assert.equal(emu.port, port);
        assert.equal(emu.accountId, "0123456789abcdef0123456789abcdef");
        assert.equal(emu.appId, "14a396e7-ca44-4937-bf1f-050a69118543");
        assert.equal(emu.token, "tok");
        assert.equal((await api(emu, "GET", "/apps")).body.data[0].name, "demo");
      } finally {
        await emu.close();
        await emu.close();
      }
    });

    it("takes an injected clock, which close() leaves running", async () => {
      const clock = new Clock({ now: at(0), frozen: true });
      const emu = await startEmulator({ clock, rateLimit: false });
      try {
        clock.advance(42);
        assert.equal(emu.now(), at(42));
        const meeting = await api(emu, "POST", `/${emu.appId}/meetings`, { body: {} });
        assert.equal(meeting.body.data.created_at, at(42));
        emu.join(meeting.body.data.id, 1);
        emu.leave(meeting.body.data.id);
        assert.equal(clock.pendingTimers, 1);
      } finally {
        await emu.close();
      }
      assert.equal(clock.pendingTimers, 0);
      clock.advance(1);
      assert.equal(clock.iso(), at(43));
    });

    it("rejects bad options", async () => {
      await assert.rejects(startEmulator({ port: -1 }), { message: "port must be an integer between 0 and 65535, got -1" });
      await assert.rejects(startEmulator({ token: "a b" }), { message: "token must be a non-empty string without whitespace" });
      await assert.rejects(startEmulator({ rateLimit: { windowMs: 0 } }), {
        message: "rateLimit.windowMs must be a positive integer, got 0",
      });
    });
  });

  describe("requests", () => {
    let emu: RunningEmulator;

    before(async () => {
      emu = await startTestEmulator({ token: "secret-token" });
    });
    after(() => emu.close());
    beforeEach(() => {
      emu.reset();
      emu.setClock(at(0));
    });

    it("answers 401 in the v4 shape without a bearer token", async () => {
      for (const authorization of [null, "Basic abc", "Bearer"]) {
        const res = await api(emu, "GET", "/apps", { authorization });
        assert.equal(res.status, 401);
        assert.deepEqual(res.body, {
          success: false,
          errors: [{ code: 10001, message: "Unable to authenticate request: send Authorization: Bearer <API token>" }],
          messages: [],
          result: null,
        });
      }
    });

    it("answers 403 for a wrong token or another account", async () => {
      const wrong = await api(emu, "GET", "/apps", { authorization: "Bearer nope" });
      assert.equal(wrong.status, 403);
      assert.deepEqual(wrong.body.errors, [{ code: 9109, message: "Invalid access token" }]);
      const account = await api(emu, "GET", "/apps", { accountId: "ffffffffffffffffffffffffffffffff" });
      assert.equal(account.status, 403);
      assert.deepEqual(account.body.errors, [{ code: 10000, message: "Authentication error: the token has no access to this account" }]);
    });

    it("answers 501 for spec operations it does not emulate, 404 for paths outside the spec and 405 for unknown methods", async () => {
      const notEmulated = await api(emu, "GET", `/${emu.appId}/recordings`);
      assert.equal(notEmulated.status, 501);
      assert.deepEqual(notEmulated.body, {
        success: false,
        error: { code: 501, message: "get_all_recordings (GET /:app_id/recordings) is not emulated" },
      });
      const webhookEvents = await api(emu, "GET", `/${emu.appId}/webhooks/all`);
      assert.equal(webhookEvents.status, 501, "webhooks/all is an operation, not a webhook id");
      const unknown = await api(emu, "GET", `/${emu.appId}/nothing-here`);
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.error.message, `No route for GET /accounts/${emu.accountId}/realtime/kit/${emu.appId}/nothing-here`);
      const outside = await fetch(`${emu.origin}/elsewhere`);
      assert.equal(outside.status, 404);
      const method = await api(emu, "DELETE", "/apps");
      assert.equal(method.status, 405);
      assert.equal(method.headers.get("allow"), "GET, POST");
    });

    it("answers 400 for a body that is not JSON", async () => {
      const res = await api(emu, "POST", "/apps", { rawBody: "{name:" });
      assert.equal(res.status, 400);
      assert.deepEqual(res.body, { success: false, error: { code: 400, message: "request body is not valid JSON" } });
    });

    it("answers 413 for a body over 1 MiB", async () => {
      const res = await api(emu, "POST", "/apps", { body: { name: "x".repeat(1024 * 1024) } });
      assert.equal(res.status, 413);
    });

    it("logs every API request in order, with query, body, status and time", async () => {
      emu.advanceClock(1_000);
      await api(emu, "POST", "/apps", { body: { name: "second" } });
      await api(emu, "GET", "/apps?search=sec&page_no=1");
      await api(emu, "GET", "/apps", { authorization: null });
      await control(emu, "GET", "/state");
      const prefix = `/accounts/${emu.accountId}/realtime/kit`;
      assert.deepEqual(emu.requests(), [
        { seq: 1, time: at(1_000), method: "POST", path: `${prefix}/apps`, query: {}, body: { name: "second" }, status: 200 },
        { seq: 2, time: at(1_000), method: "GET", path: `${prefix}/apps`, query: { search: "sec", page_no: "1" }, status: 200 },
        { seq: 3, time: at(1_000), method: "GET", path: `${prefix}/apps`, query: {}, status: 401 },
      ]);
      assert.deepEqual((await control(emu, "GET", "/requests")).body.data, emu.requests());
      await control(emu, "DELETE", "/requests");
      assert.deepEqual(emu.requests(), []);
    });

    it("adds the configured latency to API responses only", async () => {
      emu.setLatency(120);
      assert.deepEqual((await control(emu, "GET", "/latency")).body.data, { ms: 120 });
      const started = Date.now();
      await api(emu, "GET", "/apps");
      assert.equal(Date.now() - started >= 115, true);
      // A control call under a latency of a minute answers long before the minute is over: no
      // upper bound on a loaded machine, only "not delayed by the latency".
      emu.setLatency(60_000);
      let timer: NodeJS.Timeout | undefined;
      const first = await Promise.race([
        control(emu, "GET", "/state").then(() => "control answered"),
        new Promise((resolve) => {
          timer = setTimeout(() => resolve("latency applied"), 15_000);
        }),
      ]);
      clearTimeout(timer);
      assert.equal(first, "control answered");
      await control(emu, "POST", "/latency", { ms: 0 });
      assert.equal(emu.requests().length, 1);
      const bad = await control(emu, "POST", "/latency", { ms: -1 });
      assert.equal(bad.body.error.message, "ms must be at least 0");
    });

    it("reset clears everything but the configured app, account and token", async () => {
      await api(emu, "POST", "/apps", { body: { name: "extra" } });
      await api(emu, "POST", `/${emu.appId}/presets`, { body: presetBody("p") });
      const meetingId = (await api(emu, "POST", `/${emu.appId}/meetings`, { body: {} })).body.data.id as string;
      emu.join(meetingId, 1);
      emu.faults.add({ status: 500, path: "/never" });
      emu.setLatency(5);
      const res = await control(emu, "POST", "/reset");
      assert.deepEqual(res.body, { success: true, data: { reset: true } });
      assert.deepEqual(emu.state(), {
        accountId: emu.accountId,
        now: at(0),
        apps: [{ id: emu.appId, name: "default", created_at: at(0) }],
        meetings: [],
        participants: [],
        presets: [],
        webhooks: [],
        sessions: [],
      });
      assert.deepEqual(emu.requests(), []);
      assert.deepEqual(emu.faults.list(), []);
      assert.deepEqual((await control(emu, "GET", "/latency")).body.data, { ms: 0 });
      assert.equal((await api(emu, "GET", "/apps")).status, 200);
    });

    it("state lists every object with its app, storage secrets included", async () => {
      const meeting = (
        await api(emu, "POST", `/${emu.appId}/meetings`, {
          body: { title: "S", recording_config: { storage_config: { type: "gcs", secret: "shh" } } },
        })
      ).body.data;
      const res = await control(emu, "GET", "/state");
      assert.deepEqual(res.body.data.meetings, [
        {
          id: meeting.id,
          app_id: emu.appId,
          created_at: at(0),
          updated_at: at(0),
          status: "ACTIVE",
          title: "S",
          record_on_start: false,
          live_stream_on_start: false,
          persist_chat: false,
          summarize_on_end: false,
          transcribe_on_end: false,
          session_keep_alive_time_in_secs: 60,
          recording_config: { storage_config: { type: "gcs", secret: "shh" } },
        },
      ]);
    });

    it("sets the clock through the control API", async () => {
      const set = await control(emu, "POST", "/clock", { now: "2030-05-05T05:05:05.555Z" });
      assert.deepEqual(set.body.data, { now: "2030-05-05T05:05:05.555Z" });
      assert.deepEqual((await control(emu, "GET", "/clock")).body.data, { now: "2030-05-05T05:05:05.555Z" });
      const both = await control(emu, "POST", "/clock", { now: at(0), advanceMs: 1 });
      assert.equal(both.body.error.message, "give exactly one of advanceMs or now");
      const bad = await control(emu, "POST", "/clock", { now: "soon" });
      assert.equal(bad.body.error.message, "now must be an ISO 8601 date-time");
    });

    it("answers 404 for unknown control paths", async () => {
      const res = await control(emu, "GET", "/nope");
      assert.equal(res.status, 404);
    });
  });

  describe("apps", () => {
    let emu: RunningEmulator;

    before(async () => {
      emu = await startTestEmulator();
    });
    after(() => emu.close());

    it("creates apps under data.app, allows duplicate names, pages, searches and sorts", async () => {
      emu.advanceClock(1_000);
      const created = await api(emu, "POST", "/apps", { body: { name: "Demo" } });
      assert.equal(created.status, 200);
      assert.deepEqual(created.body, {
        success: true,
        data: { app: { id: created.body.data.app.id, name: "Demo", created_at: at(1_000) } },
      });
      emu.advanceClock(1_000);
      assert.equal((await api(emu, "POST", "/apps", { body: { name: "Demo" } })).status, 200);
      const search = await api(emu, "GET", "/apps?search=demo&sort_order=DESC");
      assert.deepEqual(
        search.body.data.map((a: { created_at: string }) => a.created_at),
        [at(2_000), at(1_000)],
      );
      assert.deepEqual(search.body.paging, { start_offset: 0, end_offset: 1, total_count: 2 });
      const missing = await api(emu, "POST", "/apps", { body: {} });
      assert.equal(missing.body.error.message, "name is required");
      const bad = await api(emu, "GET", "/apps?sort_order=up");
      assert.equal(bad.body.error.message, "sort_order must be one of ASC, DESC");
    });
  });
});
