import * as assert from "node:assert/strict";

import {
  DEFAULT_BUDGET,
  RequestBudget,
  budgetKey,
  resetSharedBudgets,
  sharedBudget,
} from "../../provider/client/budget";

describe("RequestBudget", () => {
  beforeEach(() => resetSharedBudgets());

  it("defaults to 1000 requests per 5 minutes", () => {
    assert.deepEqual(DEFAULT_BUDGET, { maxRequests: 1000, windowMs: 300_000 });
  });

  describe("reserve", () => {
    it("starts requests at once while the window has room", () => {
      const b = new RequestBudget({ maxRequests: 3, windowMs: 1000 });
      assert.deepEqual([b.reserve(0), b.reserve(10), b.reserve(20)], [0, 10, 20]);
    });

    it("schedules overflow FIFO as earlier requests leave the window", () => {
      const b = new RequestBudget({ maxRequests: 2, windowMs: 1000 });
      assert.deepEqual(
        [b.reserve(0), b.reserve(100), b.reserve(200), b.reserve(200), b.reserve(200)],
        [0, 100, 1000, 1100, 2000],
      );
    });

    it("never lets more than maxRequests start within any window", () => {
      const b = new RequestBudget({ maxRequests: 5, windowMs: 1000 });
      const starts: number[] = [];
      let t = 0;
      for (let i = 0; i < 200; i++) {
        t += Math.floor((i * 7919) % 97);
        starts.push(b.reserve(t));
      }
      for (const s of starts) {
        assert.ok(starts.filter((x) => x > s - 1000 && x <= s).length <= 5);
      }
    });

    it("forgets requests that left the window", () => {
      const b = new RequestBudget({ maxRequests: 2, windowMs: 1000 });
      b.reserve(0);
      b.reserve(0);
      assert.equal(b.reserve(5000), 5000);
      assert.equal(b.size, 1);
    });

    it("respects a pause unless told to ignore it", () => {
      const b = new RequestBudget({ maxRequests: 10, windowMs: 1000 });
      b.pause(3000);
      b.pause(2000); // never shortens
      assert.equal(b.reserve(100), 3000);
      assert.equal(b.reserve(100, true), 100);
    });
  });

  describe("acquire", () => {
    it("sleeps exactly once for the computed delay and returns it", async () => {
      const b = new RequestBudget({ maxRequests: 1, windowMs: 500 });
      const slept: number[] = [];
      const sleep = async (ms: number) => void slept.push(ms);
      assert.equal(await b.acquire(() => 0, sleep), 0);
      assert.equal(await b.acquire(() => 100, sleep), 400);
      assert.deepEqual(slept, [400]);
    });
  });

  describe("sharedBudget", () => {
    it("returns one instance per base URL and token", () => {
      const limits = { maxRequests: 5, windowMs: 1000 };
      const a = sharedBudget("https://x/client/v4", "t1", limits);
      assert.equal(sharedBudget("https://x/client/v4/", "t1", limits), a);
      assert.notEqual(sharedBudget("https://x/client/v4", "t2", limits), a);
      assert.notEqual(sharedBudget("https://y/client/v4", "t1", limits), a);
    });

    it("applies the most recent limits", () => {
      const a = sharedBudget("https://x", "t", { maxRequests: 5, windowMs: 1000 });
      sharedBudget("https://x", "t", { maxRequests: 7, windowMs: 2000 });
      assert.deepEqual([a.maxRequests, a.windowMs], [7, 2000]);
    });

    it("keys by a SHA-256 digest, never the raw token", () => {
      const key = budgetKey("https://x", "super-secret-token");
      assert.match(key, /^[0-9a-f]{64}$/);
      assert.equal(key.includes("super-secret-token"), false);
    });
  });
});
