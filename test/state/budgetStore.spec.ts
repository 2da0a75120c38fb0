import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { RequestBudget, budgetKey, resetSharedBudgets, sharedBudget } from "../../provider/client/budget";
import { loadBudgetSnapshot, saveBudgetSnapshot } from "../../provider/state/budgetStore";

describe("budget store", () => {
  let dir: string;
  const key = budgetKey("http://127.0.0.1:1/client/v4", "token-for-budget-store-tests");
  const otherProcessFile = () => path.join(dir, `budget-${key}-999999.json`);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-budget-"));
    resetSharedBudgets();
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    resetSharedBudgets();
  });

  it("starts a new process from the requests earlier processes made in the window", () => {
    const now = Date.now();
    fs.writeFileSync(otherProcessFile(), JSON.stringify({ starts: [now - 400_000, now - 2_000, now - 1_000], pausedUntil: 0 }));
    const budget = sharedBudget("http://127.0.0.1:1/client/v4", "token-for-budget-store-tests", { maxRequests: 3, windowMs: 300_000 }, dir);
    assert.equal(budget.size, 2);
    assert.equal(budget.reserve(now), now);
    // The window is full now: the next start waits until the oldest recent request leaves it.
    assert.equal(budget.reserve(now), now - 2_000 + 300_000);
  });

  it("records only its own requests, so processes never count each other twice", () => {
    const now = Date.now();
    fs.writeFileSync(otherProcessFile(), JSON.stringify({ starts: [now - 1_000], pausedUntil: 0 }));
    const budget = sharedBudget(
      "http://127.0.0.1:1/client/v4",
      "token-for-budget-store-tests",
      { maxRequests: 10, windowMs: 300_000 },
      dir,
    );
    budget.reserve(now);
    const own = JSON.parse(fs.readFileSync(path.join(dir, `budget-${key}-${process.pid}.json`), "utf8"));
    assert.deepEqual(own, { starts: [now], pausedUntil: 0 });
  });

  it("carries a 429 pause over to the next process", () => {
    const until = Date.now() + 60_000;
    fs.writeFileSync(otherProcessFile(), JSON.stringify({ starts: [], pausedUntil: until }));
    const budget = new RequestBudget({ maxRequests: 10, windowMs: 300_000 });
    budget.absorb(loadBudgetSnapshot(dir, key, Date.now() - 300_000));
    assert.equal(budget.reserve(Date.now()), until);
  });

  it("hands the newest server count to the next process, which then follows the server", () => {
    const now = Date.now();
    const older = { remaining: 900, resetAt: now + 1_000, observedAt: now - 2_000 };
    const newer = { remaining: 40, resetAt: now + 9_000, observedAt: now - 1_000 };
    fs.writeFileSync(otherProcessFile(), JSON.stringify({ starts: [now - 1_000], pausedUntil: 0, server: newer }));
    fs.writeFileSync(path.join(dir, `budget-${key}-888887.json`), JSON.stringify({ starts: [now - 2_000], pausedUntil: 0, server: older }));
    const loaded = loadBudgetSnapshot(dir, key, now - 300_000);
    assert.deepEqual(loaded.server, newer);
    const budget = new RequestBudget({ maxRequests: 1, windowMs: 300_000 });
    budget.absorb(loaded);
    assert.equal(budget.followsServer, true);
    // 40 left, and a limit of 1 (a tenth of it: 0) keeps no reserve: forty requests start at once, though the local window (1) is full.
    for (let i = 0; i < 40; i++) assert.equal(budget.tryStart(now), undefined);
    assert.equal(budget.tryStart(now), now + 9_000);
  });

  it("removes files with nothing recent and ignores garbage", () => {
    const now = Date.now();
    fs.writeFileSync(otherProcessFile(), JSON.stringify({ starts: [now - 900_000], pausedUntil: 0 }));
    fs.writeFileSync(path.join(dir, `budget-${key}-888888.json`), "not json");
    assert.deepEqual(loadBudgetSnapshot(dir, key, now - 300_000), { starts: [], pausedUntil: 0 });
    assert.equal(fs.existsSync(otherProcessFile()), false);
  });

  it("never fails because the folder cannot be written", () => {
    const notAFolder = path.join(dir, "a-file");
    fs.writeFileSync(notAFolder, "");
    saveBudgetSnapshot(path.join(notAFolder, "budgets"), key, { starts: [1], pausedUntil: 0 });
    assert.deepEqual(loadBudgetSnapshot(path.join(notAFolder, "budgets"), key, 0), { starts: [], pausedUntil: 0 });
  });
});
