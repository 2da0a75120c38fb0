import * as assert from "node:assert/strict";

import {
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_RETRY_AFTER_MS,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  Failure,
  backoffDelay,
  classifyFailure,
  isRetryable,
  parseRetryAfter,
} from "../../provider/client/retry";

describe("retry policy", () => {
  it("has the documented defaults", () => {
    assert.deepEqual(
      [DEFAULT_MAX_RETRIES, DEFAULT_RETRY_BASE_DELAY_MS, DEFAULT_RETRY_MAX_DELAY_MS, DEFAULT_MAX_RETRY_AFTER_MS],
      [4, 250, 8000, 60000],
    );
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
      assert.equal(backoffDelay(2, undefined, () => 0.5), 875);
      assert.equal(backoffDelay(2, undefined, () => 0.999999), 750);
    });

    it("honours custom base and cap", () => {
      assert.equal(backoffDelay(3, undefined, () => 0, { baseDelayMs: 100, maxDelayMs: 500 }), 500);
      assert.equal(backoffDelay(1, undefined, () => 0, { baseDelayMs: 100 }), 200);
    });

    it("uses the server's delay exactly, capped at maxRetryAfterMs", () => {
      assert.equal(backoffDelay(3, 1234, () => 0.9), 1234);
      assert.equal(backoffDelay(0, 0, () => 0), 0);
      assert.equal(backoffDelay(0, 300_000, () => 0), 60_000);
      assert.equal(backoffDelay(0, 300_000, () => 0, { maxRetryAfterMs: 5000 }), 5000);
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
});
