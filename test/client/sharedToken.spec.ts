/**
 * Two machines (two processes' budgets, nothing shared on disk) using one token against the
 * emulator's Cloudflare-style limiter: the budgets alone would exceed the server's limit, the
 * server's `Ratelimit` header keeps both below it.
 */
import assert from "node:assert/strict";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { resetSharedBudgets } from "../../provider/client/budget";
import { createRealtimeKitClient, type RealtimeKitClient } from "../../provider/client/client";

describe("REST client: a token shared with another machine", function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;

  beforeEach(async () => {
    emulator = await startEmulator({ rateLimit: { limit: 100, windowMs: 2_000, lockoutMs: 10_000 } });
  });
  afterEach(async () => {
    resetSharedBudgets();
    await emulator.close();
  });

  /** A client with a budget of its own, as on another machine (80 per 2 s: together 160 > 100). */
  function machine(): RealtimeKitClient {
    resetSharedBudgets();
    return createRealtimeKitClient({
      accountId: emulator.accountId,
      apiToken: emulator.token,
      baseUrl: emulator.url,
      budget: { maxRequests: 80, windowMs: 2_000 },
    });
  }

  it("makes no 429 when both machines follow the server's count", async () => {
    const clients = [machine(), machine()];
    const path = [emulator.appId, "meetings"];
    await Promise.all(
      clients.map(async (client) => {
        for (let batch = 0; batch < 15; batch++) {
          await Promise.all(Array.from({ length: 6 }, () => client.request({ method: "GET", path, context: "Meeting list" })));
        }
      }),
    );
    const statuses = emulator.requests().map((entry) => entry.status);
    assert.equal(statuses.length, 180);
    assert.equal(statuses.filter((status) => status === 429).length, 0);
    assert.ok(
      clients.every((client) => client.stats.throttledMs > 0),
      "both should have waited for the server's window",
    );
  });
});
