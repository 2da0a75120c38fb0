import assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator";
import { FaultInjector, globToRegExp, seededRandom } from "../../emulator/faults";
import { api, at, control, startTestEmulator } from "./helpers";

describe("Emulator faults", () => {
  describe("FaultInjector", () => {
    it("matches globs segment by segment", () => {
      const re = globToRegExp("/accounts/*/realtime/kit/*/presets");
      assert.equal(re.test("/accounts/abc/realtime/kit/app/presets"), true);
      assert.equal(re.test("/accounts/abc/realtime/kit/app/presets/1"), false);
      assert.equal(globToRegExp("**/presets/*").test("/accounts/a/realtime/kit/b/presets/c"), true);
      assert.equal(globToRegExp("/a?c").test("/abc"), true);
      assert.equal(globToRegExp("/a.c").test("/abc"), false);
    });

    it("fires on the next `count` matches, then removes itself", () => {
      const faults = new FaultInjector();
      faults.add({ method: "post", path: "**/meetings", status: 503, count: 2 });
      assert.equal(faults.take("GET", "/x/meetings", "before"), undefined);
      assert.equal(faults.take("POST", "/x/meetings", "after"), undefined);
      assert.equal(faults.take("POST", "/x/meetings", "before")?.remaining, 1);
      assert.equal(faults.take("POST", "/x/meetings", "before")?.fired, 2);
      assert.equal(faults.take("POST", "/x/meetings", "before"), undefined);
      assert.deepEqual(faults.list(), []);
    });

    it("fires at a seeded rate reproducibly", () => {
      const run = () => {
        const faults = new FaultInjector();
        faults.add({ status: 500, rate: 0.5, seed: 42 });
        return Array.from({ length: 20 }, () => faults.take("GET", "/p", "before") !== undefined);
      };
      const first = run();
      assert.deepEqual(run(), first);
      const fired = first.filter(Boolean).length;
      assert.equal(fired > 3 && fired < 17, true);
      const random = seededRandom(7);
      assert.equal(random() >= 0 && random() < 1, true);
    });

    it("rejects bad specs with a message naming the field", () => {
      const faults = new FaultInjector();
      assert.throws(() => faults.add({}), { message: "a fault needs status, drop or delayMs" });
      assert.throws(() => faults.add({ status: 200 }), { message: "status must be an integer between 400 and 599" });
      assert.throws(() => faults.add({ status: 500, drop: true }), { message: "give either status or drop, not both" });
      assert.throws(() => faults.add({ drop: true, pathRegex: "(" }), /pathRegex is not a valid regular expression/);
      assert.throws(() => faults.add({ drop: true, times: 2 } as never), { message: "times is not allowed" });
    });
  });

  describe("over HTTP", () => {
    let emu: RunningEmulator;
    const meetingsPath = () => `/accounts/${emu.accountId}/realtime/kit/${emu.appId}/meetings`;

    before(async () => {
      emu = await startTestEmulator();
    });
    after(() => emu.close());
    beforeEach(() => {
      emu.reset();
      emu.setClock(at(0));
    });

    it("before: answers the status and does not apply the request", async () => {
      emu.faults.add({ method: "POST", path: meetingsPath(), status: 503, retryAfter: 7, message: "try later" });
      const res = await api(emu, "POST", `/${emu.appId}/meetings`, { body: { title: "x" } });
      assert.equal(res.status, 503);
      assert.equal(res.headers.get("retry-after"), "7");
      assert.deepEqual(res.body, { success: false, error: { code: 503, message: "try later" } });
      assert.equal(emu.state().meetings.length, 0);
      const again = await api(emu, "POST", `/${emu.appId}/meetings`, { body: { title: "x" } });
      assert.equal(again.status, 201);
    });

    it("after: applies the request, then replaces the answer", async () => {
      emu.faults.add({ method: "POST", path: "**/meetings", status: 500, when: "after" });
      const res = await api(emu, "POST", `/${emu.appId}/meetings`, { body: { title: "committed" } });
      assert.equal(res.status, 500);
      assert.deepEqual(
        emu.state().meetings.map((m) => m.title),
        ["committed"],
      );
    });

    it("drop before: destroys the connection and applies nothing", async () => {
      emu.faults.add({ method: "POST", pathRegex: "/meetings$", drop: true });
      await assert.rejects(api(emu, "POST", `/${emu.appId}/meetings`, { body: {} }), { name: "TypeError", message: "fetch failed" });
      assert.equal(emu.state().meetings.length, 0);
    });

    it("drop after: commits the change but the client gets no answer", async () => {
      emu.faults.add({ method: "POST", path: "**/meetings", drop: true, when: "after" });
      await assert.rejects(api(emu, "POST", `/${emu.appId}/meetings`, { body: {} }), { message: "fetch failed" });
      assert.equal(emu.state().meetings.length, 1);
    });

    it("delay: answers normally after the delay", async () => {
      emu.faults.add({ method: "GET", path: "**/apps", delayMs: 80 });
      const started = Date.now();
      const res = await api(emu, "GET", "/apps");
      assert.equal(res.status, 200);
      assert.equal(Date.now() - started >= 75, true);
    });

    it("injects 429 in the Cloudflare v4 shape", async () => {
      emu.faults.add({ status: 429, retryAfter: 1 });
      const res = await api(emu, "GET", "/apps");
      assert.equal(res.status, 429);
      assert.deepEqual(res.body, { success: false, errors: [{ code: 429, message: "Injected fault" }], messages: [], result: null });
    });

    it("records fired faults in the request log", async () => {
      emu.faults.add({ method: "GET", path: "**/apps", status: 502, count: 1 });
      await api(emu, "GET", "/apps");
      await api(emu, "GET", "/apps");
      const log = emu.requests();
      assert.deepEqual(log[0].fault, { id: 1, when: "before", status: 502, drop: false, delayMs: 0 });
      assert.equal(log[0].status, 502);
      assert.equal(log[1].fault, undefined);
      assert.equal(log[1].status, 200);
    });

    it("records a dropped request with status null", async () => {
      emu.faults.add({ drop: true });
      await assert.rejects(api(emu, "GET", "/apps"));
      assert.equal(emu.requests()[0].status, null);
    });

    it("is managed through the control API", async () => {
      const added = await control(emu, "POST", "/faults", { method: "GET", path: "**/apps", status: 500, count: 3 });
      assert.equal(added.status, 200);
      assert.deepEqual(added.body.data, {
        id: 1,
        method: "GET",
        path: "**/apps",
        pathRegex: null,
        status: 500,
        retryAfter: null,
        message: "Injected fault",
        drop: false,
        delayMs: 0,
        when: "before",
        rate: null,
        seed: null,
        remaining: 3,
        fired: 0,
      });
      assert.equal((await api(emu, "GET", "/apps")).status, 500);
      assert.equal((await control(emu, "GET", "/faults")).body.data[0].remaining, 2);
      const bad = await control(emu, "POST", "/faults", { status: 200 });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.message, "status must be an integer between 400 and 599");
      await control(emu, "DELETE", "/faults");
      assert.equal((await api(emu, "GET", "/apps")).status, 200);
    });

    it("does not fire for requests that fail authentication", async () => {
      emu.faults.add({ status: 500 });
      assert.equal((await api(emu, "GET", "/apps", { authorization: null })).status, 401);
      assert.equal((await api(emu, "GET", "/apps")).status, 500);
    });
  });
});
