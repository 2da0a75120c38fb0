import assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator";
import { Clock } from "../../emulator/clock";
import { RateLimiter } from "../../emulator/rateLimit";
import { api, at, control, startTestEmulator } from "./helpers";

describe("Emulator rate limit", () => {
  describe("RateLimiter", () => {
    it("allows `limit` requests per sliding window, then blocks for lockoutMs from the moment of exceeding", () => {
      const clock = new Clock({ now: at(0), frozen: true });
      const limiter = new RateLimiter(clock, { limit: 3, windowMs: 10_000, lockoutMs: 30_000 });
      assert.deepEqual(limiter.check("t"), {
        allowed: true,
        headers: { Ratelimit: '"default";r=2;t=10', "Ratelimit-Policy": '"default";q=3;w=10' },
      });
      clock.advance(4_000);
      assert.equal(limiter.check("t").headers.Ratelimit, '"default";r=1;t=6');
      assert.equal(limiter.check("t").allowed, true);
      clock.advance(1_000);
      assert.deepEqual(limiter.check("t"), {
        allowed: false,
        headers: { Ratelimit: '"default";r=0;t=30', "Ratelimit-Policy": '"default";q=3;w=10', "Retry-After": "30" },
      });
      clock.advance(29_500);
      assert.equal(limiter.check("t").headers["Retry-After"], "1");
      clock.advance(500);
      assert.equal(limiter.check("t").allowed, true);
    });

    it("frees budget as old requests leave the window", () => {
      const clock = new Clock({ now: at(0), frozen: true });
      const limiter = new RateLimiter(clock, { limit: 2, windowMs: 1_000, lockoutMs: 5_000 });
      limiter.check("t");
      limiter.check("t");
      clock.advance(1_000);
      assert.equal(limiter.check("t").allowed, true);
    });

    it("counts tokens separately", () => {
      const clock = new Clock({ now: at(0), frozen: true });
      const limiter = new RateLimiter(clock, { limit: 1, windowMs: 1_000, lockoutMs: 1_000 });
      assert.equal(limiter.check("a").allowed, true);
      assert.equal(limiter.check("b").allowed, true);
      assert.equal(limiter.check("a").allowed, false);
    });

    it("does nothing when switched off", () => {
      const limiter = new RateLimiter(new Clock(), false);
      assert.deepEqual(limiter.check("t"), { allowed: true, headers: {} });
    });

    it("defaults to Cloudflare's 1,200 requests per 300 s with a 300 s lockout", () => {
      const limiter = new RateLimiter(new Clock(), {});
      assert.deepEqual(limiter.current, { limit: 1200, windowMs: 300_000, lockoutMs: 300_000 });
    });

    it("rejects nonsense settings", () => {
      assert.throws(() => new RateLimiter(new Clock(), { limit: 0 }), {
        name: "RangeError",
        message: "rateLimit.limit must be a positive integer, got 0",
      });
    });
  });

  describe("over HTTP", () => {
    let emu: RunningEmulator;

    before(async () => {
      emu = await startTestEmulator({ rateLimit: { limit: 3, windowMs: 60_000, lockoutMs: 120_000 } });
    });
    after(() => emu.close());
    beforeEach(() => {
      emu.reset();
      emu.setClock(at(0));
    });

    it("answers 429 with Retry-After for every call until the lockout ends", async () => {
      for (let i = 0; i < 3; i++) {
        const res = await api(emu, "GET", "/apps");
        assert.equal(res.status, 200);
        assert.equal(res.headers.get("ratelimit"), `"default";r=${2 - i};t=60`);
        assert.equal(res.headers.get("ratelimit-policy"), '"default";q=3;w=60');
        assert.equal(res.headers.get("retry-after"), null);
      }
      const limited = await api(emu, "GET", "/apps");
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get("retry-after"), "120");
      assert.deepEqual(limited.body, {
        success: false,
        errors: [{ code: 971, message: "Rate limited: too many requests, please wait and try again later" }],
        messages: [],
        result: null,
      });

      emu.advanceClock(100_000);
      const still = await api(emu, "POST", `/${emu.appId}/meetings`, { body: {} });
      assert.equal(still.status, 429);
      assert.equal(still.headers.get("retry-after"), "20");
      assert.equal(emu.state().meetings.length, 0);

      emu.advanceClock(20_000);
      assert.equal((await api(emu, "GET", "/apps")).status, 200);
    });

    it("does not count requests that fail authentication", async () => {
      for (let i = 0; i < 5; i++) {
        assert.equal((await api(emu, "GET", "/apps", { authorization: "Bearer wrong" })).status, 403);
      }
      assert.equal((await api(emu, "GET", "/apps")).headers.get("ratelimit"), '"default";r=2;t=60');
    });

    it("can be reconfigured and switched off through the control API", async () => {
      const set = await control(emu, "POST", "/rate-limit", { limit: 1, windowMs: 1_000, lockoutMs: 2_000 });
      assert.deepEqual(set.body, { success: true, data: { limit: 1, windowMs: 1_000, lockoutMs: 2_000 } });
      assert.equal((await api(emu, "GET", "/apps")).status, 200);
      assert.equal((await api(emu, "GET", "/apps")).status, 429);
      const off = await control(emu, "POST", "/rate-limit", { enabled: false });
      assert.deepEqual(off.body, { success: true, data: false });
      const res = await api(emu, "GET", "/apps");
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("ratelimit"), null);
      emu.reset();
      assert.deepEqual((await control(emu, "GET", "/rate-limit")).body.data, { limit: 3, windowMs: 60_000, lockoutMs: 120_000 });
    });
  });
});
