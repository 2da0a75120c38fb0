import * as assert from "node:assert/strict";

import {
  DEFAULT_MAX_RATE_LIMIT_WAIT_MS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_RETRY_AFTER_MS,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  Failure,
  backoffDelay,
  classifyFailure,
  NO_RETRIES_YET,
  RetryCounters,
  RetryLimits,
  isRetryable,
  parseRateLimitHeader,
  parseRetryAfter,
  planRetry,
} from "../../provider/client/retry";

describe("retry policy", () => {
  it("has the documented defaults", () => {
    assert.deepEqual(
      [DEFAULT_MAX_RETRIES, DEFAULT_RETRY_BASE_DELAY_MS, DEFAULT_RETRY_MAX_DELAY_MS, DEFAULT_MAX_RETRY_AFTER_MS],
      [4, 250, 8000, 60000],
    );
    assert.equal(DEFAULT_MAX_RATE_LIMIT_WAIT_MS, 600_000);
  });

  describe("classifyFailure", () => {
    const cases: Array<[Failure, string]> = [
      [{ kind: "status", status: 408 }, "unsent"],
      [{ kind: "status", status: 429 }, "unsent"],
      [{ kind: "status", status: 500 }, "ambiguous"],
      [{ kind: "status", status: 502 }, "ambiguous"],
      [{ kind: "status", status: 503 }, "ambiguous"],
      [{ kind: "status", status: 400 }, "final"],
      [{ kind: "status", status: 401 }, "final"],
      [{ kind: "status", status: 403 }, "final"],
      [{ kind: "status", status: 404 }, "final"],
      [{ kind: "status", status: 409 }, "final"],
      [{ kind: "status", status: 301 }, "final"],
      [{ kind: "timeout" }, "ambiguous"],
      [{ kind: "network", code: "ECONNREFUSED" }, "unsent"],
      [{ kind: "network", code: "EAI_AGAIN" }, "unsent"],
      [{ kind: "network", code: "EHOSTUNREACH" }, "unsent"],
      [{ kind: "network", code: "ECONNRESET" }, "ambiguous"],
      [{ kind: "network", code: "EPIPE" }, "ambiguous"],
      [{ kind: "network", code: "UNKNOWN" }, "ambiguous"],
      [{ kind: "network", code: "ENOTFOUND" }, "final"],
      [{ kind: "network", code: "CERT_HAS_EXPIRED" }, "final"],
      [{ kind: "network", code: "DEPTH_ZERO_SELF_SIGNED_CERT" }, "final"],
      [{ kind: "network", code: "ERR_TLS_CERT_ALTNAME_INVALID" }, "final"],
    ];
    for (const [failure, expected] of cases) {
      it(`classifies ${JSON.stringify(failure)} as ${expected}`, () => {
        assert.equal(classifyFailure(failure), expected);
      });
    }
  });

  describe("isRetryable", () => {
    it("retries transient failures of idempotent methods", () => {
      for (const method of ["GET", "PUT", "PATCH", "DELETE"] as const) {
        assert.equal(isRetryable(method, { kind: "status", status: 500 }), true);
        assert.equal(isRetryable(method, { kind: "timeout" }), true);
        assert.equal(isRetryable(method, { kind: "network", code: "ECONNRESET" }), true);
        assert.equal(isRetryable(method, { kind: "status", status: 429 }), true);
        assert.equal(isRetryable(method, { kind: "status", status: 404 }), false);
      }
    });

    it("retries a POST only when nothing was processed, unless marked idempotent", () => {
      assert.equal(isRetryable("POST", { kind: "status", status: 429 }), true);
      assert.equal(isRetryable("POST", { kind: "status", status: 408 }), true);
      assert.equal(isRetryable("POST", { kind: "network", code: "ECONNREFUSED" }), true);
      assert.equal(isRetryable("POST", { kind: "status", status: 500 }), false);
      assert.equal(isRetryable("POST", { kind: "timeout" }), false);
      assert.equal(isRetryable("POST", { kind: "network", code: "ECONNRESET" }), false);
      assert.equal(isRetryable("POST", { kind: "status", status: 500 }, true), true);
      assert.equal(isRetryable("POST", { kind: "status", status: 409 }, true), false);
    });
  });

  describe("backoffDelay", () => {
    it("doubles from 250 ms up to the 8 s cap", () => {
      assert.deepEqual(
        [0, 1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n, undefined, () => 0)),
        [250, 500, 1000, 2000, 4000, 8000, 8000, 8000],
      );
    });

    it("removes up to 25 % as jitter", () => {
      assert.equal(
        backoffDelay(2, undefined, () => 0.5),
        875,
      );
      assert.equal(
        backoffDelay(2, undefined, () => 0.999999),
        750,
      );
    });

    it("honours custom base and cap", () => {
      assert.equal(
        backoffDelay(3, undefined, () => 0, { baseDelayMs: 100, maxDelayMs: 500 }),
        500,
      );
      assert.equal(
        backoffDelay(1, undefined, () => 0, { baseDelayMs: 100 }),
        200,
      );
    });

    it("uses the server's delay exactly, capped at maxRetryAfterMs", () => {
      assert.equal(
        backoffDelay(3, 1234, () => 0.9),
        1234,
      );
      assert.equal(
        backoffDelay(0, 0, () => 0),
        0,
      );
      assert.equal(
        backoffDelay(0, 300_000, () => 0),
        60_000,
      );
      assert.equal(
        backoffDelay(0, 300_000, () => 0, { maxRetryAfterMs: 5000 }),
        5000,
      );
    });
  });

  describe("planRetry", () => {
    const limits: RetryLimits = { maxRetries: 2, maxRateLimitWaitMs: 600_000 };
    const rateLimited: Failure = { kind: "status", status: 429 };
    const serverError: Failure = { kind: "status", status: 503 };
    const noJitter = () => 0;

    /** Plans retries for the same failure until the call gives up; returns the delays. */
    function delaysUntilGivingUp(failure: Failure, retryAfterMs: number | undefined, l: RetryLimits = limits): number[] {
      const delays: number[] = [];
      let counters: RetryCounters = NO_RETRIES_YET;
      for (let guard = 0; guard < 10_000; guard++) {
        const planned = planRetry(counters, failure, retryAfterMs, noJitter, l);
        if (planned === undefined) return delays;
        delays.push(planned.delayMs);
        counters = planned.counters;
      }
      throw new Error("planRetry never gave up");
    }

    it("counts failures other than 429 toward maxRetries", () => {
      assert.deepEqual(delaysUntilGivingUp(serverError, undefined), [250, 500]);
      assert.deepEqual(delaysUntilGivingUp(serverError, 300_000), [60_000, 60_000]);
    });

    it("waits out a whole five-minute lockout, twice, then gives up before sleeping", () => {
      assert.deepEqual(delaysUntilGivingUp(rateLimited, 300_000), [300_000, 300_000]);
    });

    it("does not let 429s use up maxRetries", () => {
      let counters: RetryCounters = NO_RETRIES_YET;
      for (let i = 0; i < 5; i++) counters = planRetry(counters, rateLimited, 1000, noJitter, limits)!.counters;
      assert.deepEqual(counters, { retries: 0, rateLimitRetries: 5, rateLimitWaitedMs: 1000 + 1000 + 1000 + 2000 + 4000 });
      assert.equal(planRetry(counters, serverError, undefined, noJitter, limits)?.delayMs, 250);
    });

    it("gives up at once when Retry-After is longer than the wait left", () => {
      const counters: RetryCounters = { retries: 0, rateLimitRetries: 1, rateLimitWaitedMs: 400_000 };
      assert.equal(planRetry(counters, rateLimited, 200_000, noJitter, limits)?.delayMs, 200_000);
      assert.equal(planRetry(counters, rateLimited, 200_001, noJitter, limits), undefined);
    });

    it("never waits less than the back-off, so Retry-After: 0 cannot spin", () => {
      const delays = delaysUntilGivingUp(rateLimited, 0, { maxRetries: 0, maxRateLimitWaitMs: 30_000 });
      assert.deepEqual(delays.slice(0, 7), [250, 500, 1000, 2000, 4000, 8000, 8000]);
      assert.ok(delays.reduce((a, b) => a + b, 0) <= 30_000);
    });

    it("makes a 429 final with maxRateLimitWaitMs 0", () => {
      assert.equal(planRetry(NO_RETRIES_YET, rateLimited, 1000, noJitter, { maxRetries: 4, maxRateLimitWaitMs: 0 }), undefined);
    });
  });

  describe("parseRetryAfter", () => {
    const now = Date.UTC(2026, 9, 21, 7, 28, 0);

    it("reads seconds", () => {
      assert.equal(parseRetryAfter({ "retry-after": "120" }, now), 120_000);
      assert.equal(parseRetryAfter({ "Retry-After": "1.5" }, now), 1500);
    });

    it("reads an HTTP date relative to now, never negative", () => {
      assert.equal(parseRetryAfter({ "retry-after": "Wed, 21 Oct 2026 07:28:30 GMT" }, now), 30_000);
      assert.equal(parseRetryAfter({ "retry-after": "Wed, 21 Oct 2026 07:27:00 GMT" }, now), 0);
    });

    it("prefers retry-after-ms", () => {
      assert.equal(parseRetryAfter({ "retry-after-ms": "250", "retry-after": "9" }, now), 250);
    });

    it("ignores missing and garbage values", () => {
      assert.equal(parseRetryAfter({}, now), undefined);
      assert.equal(parseRetryAfter({ "retry-after": "soon" }, now), undefined);
      assert.equal(parseRetryAfter({ "retry-after-ms": "x", "retry-after": "2" }, now), 2000);
    });

    it("takes the first value of an array header", () => {
      assert.equal(parseRetryAfter({ "retry-after": ["3", "4"] }, now), 3000);
    });
  });

  describe("parseRateLimitHeader", () => {
    it("reads remaining requests and seconds to reset, in any header case", () => {
      assert.deepEqual(parseRateLimitHeader({ Ratelimit: '"default";r=50;t=30' }), { remaining: 50, resetMs: 30_000 });
      assert.deepEqual(parseRateLimitHeader({ ratelimit: '"default";t=5;r=0' }), { remaining: 0, resetMs: 5000 });
    });

    it("ignores a missing or unreadable header", () => {
      assert.equal(parseRateLimitHeader({}), undefined);
      assert.equal(parseRateLimitHeader({ ratelimit: '"default";r=x;t=30' }), undefined);
      assert.equal(parseRateLimitHeader({ ratelimit: '"default";r=4' }), undefined);
      assert.equal(parseRateLimitHeader({ ratelimit: '"default";rr=4;tt=3' }), undefined);
    });

    it("takes the policy with the fewest requests left when the header lists several", () => {
      assert.deepEqual(parseRateLimitHeader({ ratelimit: '"default";r=50;t=30, "burst";r=3;t=1' }), { remaining: 3, resetMs: 1000 });
      assert.deepEqual(parseRateLimitHeader({ ratelimit: '"burst";r=x;t=1, "default";r=50;t=30' }), { remaining: 50, resetMs: 30_000 });
    });
  });
});
