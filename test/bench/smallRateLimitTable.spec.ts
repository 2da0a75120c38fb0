import assert from "node:assert/strict";
import { rateFloorSeconds, smallRateLimitReport, type SmallRateLimitLane } from "../../bench/lib/smallRateLimitTable";

const lane = (overrides: Partial<SmallRateLimitLane>): SmallRateLimitLane => ({
  label: "current",
  revision: "abc1234",
  outcome: "finished",
  exitCode: 0,
  wallSeconds: 23.45,
  timeoutSeconds: 300,
  requests: 40,
  tooManyRequests: 0,
  created: 40,
  budgetWaits: [],
  ...overrides,
});

describe("bench: the small-rate-limit report", () => {
  it("the rate floor: the first window's requests at once, the rest at the limit's pace", () => {
    assert.equal(rateFloorSeconds(40, 20, 10), 10);
    assert.equal(rateFloorSeconds(15, 20, 10), 0);
  });

  it("prints a column per revision, a stopped up with what it had created, and each revision's waits", () => {
    const report = smallRateLimitReport({
      started: "2026-12-04T10:00:00.000Z",
      settings: { count: 40, limit: 20, windowSeconds: 10 },
      machine: { cpus: 2, node: "v20.20.2", pulumi: "3.274.1", loadAverage: [1, 2, 3] },
      lanes: [
        lane({
          budgetWaits: [
            { resource: "pulumi-nodejs:dynamic/realtimekit:Webhook (hook-25)", line: "waiting 10 s for the API's rate limit: …" },
          ],
        }),
        lane({ label: "baseline", revision: "0975456", outcome: "timed out", exitCode: -1, wallSeconds: 301.2, created: 23, requests: 24 }),
      ],
    });
    const rows = report.split("\n");
    assert.ok(rows.includes("| | current (abc1234) | baseline (0975456) |"), report);
    assert.ok(rows.includes("| wall time of `pulumi up --yes` | 23.4 s | not finished after 300 s, 23 of 40 created |"), report);
    assert.ok(rows.includes("| webhooks created | 40 of 40 | 23 of 40 |"), report);
    assert.ok(rows.includes("| budget-wait lines in Diagnostics | 1 | 0 |"), report);
    assert.ok(rows.includes("  hook-25: waiting 10 s for the API's rate limit: …"), report);
    assert.ok(rows.includes("Budget waits shown by baseline (0975456): none."), report);
    assert.match(rows[0], /rate floor 10 s\./);
  });
});
