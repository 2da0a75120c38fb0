/**
 * Carries a request budget across provider processes.
 *
 * Every engine operation (`up`, `refresh`, `destroy`, each preview) starts a new provider process,
 * while Cloudflare keeps counting a token's requests over five minutes. Without a memory of the
 * previous operations, a refresh followed at once by an `up` would each spend a full budget and
 * together exceed the limit. So each process records the start times of its requests in a file of
 * its own (`budget-<digest>-<pid>.json`, the digest of base URL and token: never the token), and a
 * new process starts from the union of every file's starts still inside the window.
 * @internal
 */
import * as fs from "fs";
import * as path from "path";
import { writeStateFile } from "./stateFiles";

/** The server's latest count of a token's window (its `Ratelimit` header), times in ms since the epoch. */
export interface ServerCount {
  /** Requests the server still accepted in its window. */
  readonly remaining: number;
  /** When its window frees room. */
  readonly resetAt: number;
  /** When the count arrived. */
  readonly observedAt: number;
}

/**
 * What a budget remembers: request start times (ms since the epoch), a pause after a 429, and the
 * server's latest count.
 */
export interface BudgetSnapshot {
  readonly starts: readonly number[];
  readonly pausedUntil: number;
  readonly server?: ServerCount;
}

const FILE_PATTERN = /^budget-([0-9a-f]{64})-(\d+)\.json$/;

function ownFile(dir: string, key: string): string {
  return path.join(dir, `budget-${key}-${process.pid}.json`);
}

/**
 * The union of what other processes recorded for `key` in `dir`, limited to starts after
 * `sinceMs`. Files that hold nothing recent are removed. Unreadable files are ignored: the
 * store is an optimisation, never a reason to fail.
 */
export function loadBudgetSnapshot(dir: string, key: string, sinceMs: number): BudgetSnapshot {
  const starts: number[] = [];
  let pausedUntil = 0;
  let server: ServerCount | undefined;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return { starts, pausedUntil };
  }
  for (const name of names) {
    const match = FILE_PATTERN.exec(name);
    if (!match || match[1] !== key || Number(match[2]) === process.pid) {
      continue;
    }
    const file = path.join(dir, name);
    try {
      const saved = JSON.parse(fs.readFileSync(file, "utf8")) as BudgetSnapshot;
      const recent = saved.starts.filter((start) => typeof start === "number" && start > sinceMs);
      starts.push(...recent);
      pausedUntil = Math.max(pausedUntil, typeof saved.pausedUntil === "number" ? saved.pausedUntil : 0);
      if (isServerCount(saved.server) && saved.server.observedAt > sinceMs && saved.server.observedAt > (server?.observedAt ?? 0)) {
        server = saved.server;
      }
      if (recent.length === 0 && saved.pausedUntil <= sinceMs) {
        fs.rmSync(file, { force: true });
      }
    } catch {
      // A file being written by another process, or garbage: skip it.
    }
  }
  starts.sort((a, b) => a - b);
  return server === undefined ? { starts, pausedUntil } : { starts, pausedUntil, server };
}

function isServerCount(value: unknown): value is ServerCount {
  const count = value as Partial<ServerCount> | undefined;
  return (
    typeof count === "object" &&
    count !== null &&
    [count.remaining, count.resetAt, count.observedAt].every((field) => typeof field === "number" && Number.isFinite(field))
  );
}

/** Records this process's snapshot for `key` (atomically: write, then rename). Errors are ignored. */
export function saveBudgetSnapshot(dir: string, key: string, snapshot: BudgetSnapshot): void {
  writeStateFile(ownFile(dir, key), snapshot);
}
