import * as assert from "node:assert/strict";

import type { Clock } from "../../emulator/clock";
import { RateLimiter } from "../../emulator/rateLimit";
import { parseRateLimitHeader } from "../../provider/client/retry";
import {
  DEFAULT_BUDGET,
  PROBE_POLL_MS,
  RequestBudget,
  SERVER_REMAINING_RESERVE,
  type BudgetWait,
  budgetKey,
  resetSharedBudgets,
  serverReserve,
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
      assert.deepEqual([b.reserve(0), b.reserve(100), b.reserve(200), b.reserve(200), b.reserve(200)], [0, 100, 1000, 1100, 2000]);
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

  describe("the reserve kept for other clients of the token", () => {
    it("is what this process has had in flight at once, at most a tenth of the limit and at most 32", () => {
      assert.equal(serverReserve(1_200, 1), 1, "a run that sends one request at a time keeps one");
      assert.equal(serverReserve(1_200, 16), 16);
      assert.equal(serverReserve(1_200, 64), SERVER_REMAINING_RESERVE);
      assert.equal(serverReserve(20, 16), 2, "a small limit keeps a tenth of it");
      assert.equal(serverReserve(9, 16), 0);
    });

    it("lets a run under 20 requests per 10 s spend the whole window (no fixed reserve of 32)", async () => {
      const b = new RequestBudget({ maxRequests: 20, windowMs: 10_000 });
      await b.acquire(
        () => 0,
        async () => assert.fail("should not wait"),
      );
      b.settle({ remaining: 19, resetMs: 10_000 }, 10);
      const started = Array.from({ length: 20 }, () => b.tryStart(10)).filter((at) => at === undefined).length;
      assert.equal(started, 18, "19 left, one kept for the one request this run had in flight");
    });
  });

  describe("explaining its waits", () => {
    it("explains a long wait once, however many requests wait for the same moment", async () => {
      const b = new RequestBudget({ maxRequests: 2, windowMs: 10_000 });
      const explained: BudgetWait[] = [];
      const explain = (wait: BudgetWait) => explained.push(wait);
      let t = 0;
      const sleep = async (ms: number): Promise<void> => {
        t = Math.max(t, ms);
      };
      await Promise.all(Array.from({ length: 6 }, () => b.acquire(() => 0, sleep, { explain })));
      assert.equal(explained.length, 2, "one line for the wait until 10 s, one for the wait until 20 s");
      assert.deepEqual(explained[0], { kind: "window", waitMs: 10_000, started: 2, maxRequests: 2, windowMs: 10_000 });
    });

    it("says nothing of a short wait", async () => {
      const b = new RequestBudget({ maxRequests: 1, windowMs: 1_000 });
      const explained: BudgetWait[] = [];
      await b.acquire(
        () => 0,
        async () => undefined,
        { explain: (wait) => explained.push(wait) },
      );
      await b.acquire(
        () => 0,
        async () => undefined,
        { explain: (wait) => explained.push(wait) },
      );
      assert.deepEqual(explained, []);
    });
  });

  describe("following the server's count", () => {
    const sleepNever = async (): Promise<void> => assert.fail("should not wait");

    it("uses the local window until the first Ratelimit count, then only the server's count", async () => {
      const b = new RequestBudget({ maxRequests: 1, windowMs: 300_000 });
      assert.equal(b.followsServer, false);
      await b.acquire(() => 0, sleepNever);
      b.settle({ remaining: 1_000, resetMs: 300_000 }, 50);
      assert.equal(b.followsServer, true);
      // The local window (1 per 5 minutes) is full; the server accepts 1,000 more.
      for (let i = 0; i < 100; i++) assert.equal(b.tryStart(60), undefined);
    });

    it("spends what the server has left less the reserve, counting requests it may not have seen", async () => {
      const b = new RequestBudget({ maxRequests: 100, windowMs: 300_000 });
      for (let i = 0; i < 3; i++) await b.acquire(() => 0, sleepNever);
      // The answer to one of the three: the other two may still be on their way to the server, and
      // three (this process's most in flight at once; at most a tenth of 100) are kept for others.
      b.settle({ remaining: 20, resetMs: 4_000 }, 100);
      const started = Array.from({ length: 20 }, () => b.tryStart(100)).filter((at) => at === undefined).length;
      assert.equal(started, 20 - 2 - 3);
      assert.equal(b.tryStart(100), 4_100, "then it waits until the server's window frees room");
    });

    it("sends one probe when the window frees room, and the others wait for its count", async () => {
      const b = new RequestBudget({ maxRequests: 100, windowMs: 300_000 });
      await b.acquire(() => 0, sleepNever);
      b.settle({ remaining: 0, resetMs: 2_000 }, 100);
      assert.equal(b.tryStart(500), 2_100);
      assert.equal(b.tryStart(2_100), undefined, "the probe");
      assert.equal(b.tryStart(2_100), 2_100 + PROBE_POLL_MS);
      // 3 left, one kept (this process has had one request in flight at once): two start.
      b.settle({ remaining: 3, resetMs: 1_000 }, 2_150);
      assert.deepEqual([b.tryStart(2_150), b.tryStart(2_150), b.tryStart(2_150)], [undefined, undefined, 3_150]);
    });

    it("a probe that got no count (a network failure) lets the next one go", async () => {
      const b = new RequestBudget({ maxRequests: 100, windowMs: 300_000 });
      await b.acquire(() => 0, sleepNever);
      b.settle({ remaining: 0, resetMs: 1_000 }, 0);
      assert.equal(b.tryStart(1_000), undefined);
      b.settle(undefined, 1_010);
      assert.equal(b.tryStart(1_010), undefined);
    });

    it("keeps a 429 pause in server mode", async () => {
      const b = new RequestBudget({ maxRequests: 100, windowMs: 300_000 });
      await b.acquire(() => 0, sleepNever);
      b.settle({ remaining: 500, resetMs: 1_000 }, 0);
      b.pause(30_000);
      assert.equal(b.tryStart(10), 30_000);
      assert.equal(b.tryStart(10, true), undefined);
    });

    it("acquire sleeps until the server's window frees room", async () => {
      const b = new RequestBudget({ maxRequests: 100, windowMs: 300_000 });
      let t = 0;
      const slept: number[] = [];
      const sleep = async (ms: number): Promise<void> => {
        slept.push(ms);
        t += ms;
      };
      await b.acquire(() => t, sleep);
      b.settle({ remaining: 0, resetMs: 7_000 }, t);
      assert.equal(await b.acquire(() => t, sleep), 7_000);
      assert.deepEqual(slept, [7_000]);
    });

    /**
     * A discrete-time run against the emulator's limiter (Cloudflare's 1,200 per 300 s, lockout on
     * the request that goes over): `processes` provider processes on one token, each with its own
     * budget and `parallel` requests at a time, 50 ms per round trip.
     */
    async function simulate(processes: number, parallel: number, requestsEach: number): Promise<{ rejected: number; arrivals: number[] }> {
      let now = 0;
      const timers: { at: number; resolve: () => void }[] = [];
      const sleep = (ms: number): Promise<void> => new Promise((resolve) => timers.push({ at: now + ms, resolve }));
      const limiter = new RateLimiter({ now: () => now } as unknown as Clock, { limit: 1_200, windowMs: 300_000, lockoutMs: 300_000 });
      let rejected = 0;
      let done = 0;
      const arrivals: number[] = [];
      const worker = async (budget: RequestBudget, jobs: { left: number }): Promise<void> => {
        while (jobs.left > 0) {
          jobs.left--;
          await budget.acquire(() => now, sleep);
          await sleep(25);
          arrivals.push(now);
          const decision = limiter.check("token");
          if (!decision.allowed) rejected++;
          await sleep(25);
          budget.settle(parseRateLimitHeader(decision.headers), now);
          done++;
        }
      };
      const all = Array.from({ length: processes }, () => {
        const budget = new RequestBudget(DEFAULT_BUDGET);
        const jobs = { left: requestsEach };
        return Array.from({ length: parallel }, () => worker(budget, jobs));
      }).flat();
      const total = processes * requestsEach;
      while (done < total) {
        await new Promise((resolve) => setImmediate(resolve));
        if (timers.length === 0) continue;
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift()!;
        now = Math.max(now, next.at);
        next.resolve();
      }
      await Promise.all(all);
      return { rejected, arrivals };
    }

    for (const [processes, parallel] of [
      [1, 8],
      [2, 8],
      [2, 32],
    ] as const) {
      it(`${processes} process(es) at --parallel ${parallel}: no 429, and every window before the last at least 95% used`, async function () {
        this.timeout(120_000);
        const total = 4_000;
        const { rejected, arrivals } = await simulate(processes, parallel, total / processes);
        assert.equal(rejected, 0);
        const windows = Math.floor(arrivals[arrivals.length - 1] / 300_000);
        assert.equal(windows, 3, "the server accepts 4,000 requests in four windows at the earliest");
        for (let w = 0; w < windows; w++) {
          const used = arrivals.filter((at) => at >= w * 300_000 && at < (w + 1) * 300_000).length;
          assert.ok(used >= 0.95 * 1_200, `window ${w}: ${used} of 1,200`);
        }
      });
    }
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
