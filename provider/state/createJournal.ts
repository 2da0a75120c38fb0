/**
 * Remembers creates across provider processes, so that an object created by a provider process
 * that died before the engine recorded it is adopted by the next create of the same object instead
 * of being created a second time (a meeting) or failing with a 409 (a preset name, a webhook URL).
 *
 * Why: when the provider process dies during `up` (a crash, the OOM killer), the engine fails the
 * creates it had in flight and keeps no pending operation, yet their objects usually exist. The
 * same holds after a create whose outcome stayed unknown (`AmbiguousCreateError`), and after a
 * killed `pulumi up` followed by a plain `up`.
 *
 * How: each process records in a file of its own (`creates-<digest>-<pid>.json`, the digest of base
 * URL and token, never the token) the creates it has sent and not settled, and the ids it created.
 * A later process reads the files of processes that no longer run, once: their unsettled creates
 * (from the last {@link ORPHAN_TTL_MS}) are *orphaned*, their created ids are known. A create whose
 * key matches an orphaned entry first looks its object up and adopts it. Same machine only (the
 * folder is local); other runners start with nothing, as before.
 *
 * This module only keeps the files; `resources/exactlyOnce.ts` is the create protocol on top.
 * @internal
 */
import * as fs from "fs";
import * as path from "path";
import { writeStateFile } from "./stateFiles";

/** How long an unsettled create of a dead process may be adopted: a pipeline's retry comes sooner. */
export const ORPHAN_TTL_MS = 60 * 60_000;
/** How long created ids are remembered: longer than an orphan plus the lookups' clock-skew allowance. */
export const CREATED_TTL_MS = 2 * ORPHAN_TTL_MS;

const FILE_PATTERN = /^creates-([0-9a-f]{64})-(\d+)\.json$/;

/** A create that was sent and not settled. */
export interface UnsettledCreate {
  /** What was created: kind, account/app and the natural key (see the callers). */
  readonly key: string;
  /** When the request was sent, ms since the epoch. */
  readonly sentAt: number;
}

/** An object a create made. */
interface CreatedObject {
  readonly key: string;
  readonly id: string;
  readonly at: number;
}

/** One process's file. */
interface JournalFile {
  unsettled: UnsettledCreate[];
  created: CreatedObject[];
}

/** Settles one create recorded by {@link CreateJournal.begin}. */
export interface JournalEntry {
  /** The create made the object `id`. */
  created(id: string): void;
  /** The create provably made nothing. */
  nothingCreated(): void;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readFile(file: string): JournalFile | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<JournalFile>;
    return {
      unsettled: Array.isArray(parsed.unsettled) ? parsed.unsettled : [],
      created: Array.isArray(parsed.created) ? parsed.created : [],
    };
  } catch {
    return undefined; // being written, or garbage: the journal is a safety net, never a reason to fail
  }
}

function removeIfOlderThan(file: string, sinceMs: number): void {
  try {
    if (fs.statSync(file).mtimeMs < sinceMs) fs.rmSync(file, { force: true });
  } catch {
    // gone already
  }
}

/** The create journal of one base URL + token (see the module comment). */
export class CreateJournal {
  private readonly own: JournalFile = { unsettled: [], created: [] };
  /** Orphaned creates by key, each with the dead process's file it came from. */
  private orphans?: Map<string, Array<UnsettledCreate & { file: string }>>;
  /** Ids created by other processes, by key. */
  private createdElsewhere?: Map<string, Set<string>>;

  /**
   * @param dir - the folder of the journal files, or `undefined` to keep the journal in memory.
   * @param digest - the digest of base URL and token (`budgetKey`).
   * @param now - clock in ms.
   */
  constructor(
    private readonly dir: string | undefined,
    private readonly digest: string,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Takes one orphaned create of `key` (the oldest), removing it from its file, or `undefined`.
   * Callers look the object up and adopt it when it exists.
   */
  takeOrphaned(key: string): UnsettledCreate | undefined {
    const entries = this.load().orphans.get(key);
    const taken = entries?.shift();
    if (taken === undefined) return undefined;
    const file = readFile(taken.file);
    if (file !== undefined) {
      const index = file.unsettled.findIndex((entry) => entry.key === key && entry.sentAt === taken.sentAt);
      if (index >= 0) file.unsettled.splice(index, 1);
      writeStateFile(taken.file, file);
    }
    return { key: taken.key, sentAt: taken.sentAt };
  }

  /**
   * Forgets every orphaned create (after the state was repaired otherwise, e.g. by
   * `pulumi-realtimekit recover-pending`, whose imported objects must not be adopted a second time).
   * @returns how many were forgotten.
   */
  forgetOrphans(): number {
    let forgotten = 0;
    for (const [key, entries] of this.load().orphans) {
      while (entries.length > 0 && this.takeOrphaned(key) !== undefined) forgotten++;
    }
    return forgotten;
  }

  /** Ids that other processes created under `key` (in the last {@link CREATED_TTL_MS}). */
  createdByOthers(key: string): ReadonlySet<string> {
    return this.load().createdElsewhere.get(key) ?? new Set();
  }

  /** Records `id` as made under `key` by this process (an adopted object), so other processes' lookups leave it alone. */
  recordCreated(key: string, id: string): void {
    this.own.created.push({ key, id, at: this.now() });
    this.save();
  }

  /** Records that a create of `key` is about to be sent; settle it with the returned entry. */
  begin(key: string): JournalEntry {
    const entry: UnsettledCreate = { key, sentAt: this.now() };
    this.own.unsettled.push(entry);
    this.save();
    const settle = (createdId?: string) => {
      const index = this.own.unsettled.indexOf(entry);
      if (index >= 0) this.own.unsettled.splice(index, 1);
      if (createdId !== undefined) this.own.created.push({ key, id: createdId, at: this.now() });
      this.save();
    };
    return { created: (id) => settle(id), nothingCreated: () => settle() };
  }

  private ownFile(): string | undefined {
    return this.dir === undefined ? undefined : path.join(this.dir, `creates-${this.digest}-${process.pid}.json`);
  }

  private save(): void {
    const file = this.ownFile();
    if (file === undefined) return;
    const createdSince = this.now() - CREATED_TTL_MS;
    this.own.created = this.own.created.filter((entry) => entry.at > createdSince);
    writeStateFile(file, this.own);
  }

  /** Reads the other processes' files once; removes files with nothing recent left. */
  private load(): { orphans: Map<string, Array<UnsettledCreate & { file: string }>>; createdElsewhere: Map<string, Set<string>> } {
    if (this.orphans !== undefined && this.createdElsewhere !== undefined) {
      return { orphans: this.orphans, createdElsewhere: this.createdElsewhere };
    }
    const orphans = new Map<string, Array<UnsettledCreate & { file: string }>>();
    const createdElsewhere = new Map<string, Set<string>>();
    let names: string[];
    try {
      names = this.dir === undefined ? [] : fs.readdirSync(this.dir);
    } catch {
      names = [];
    }
    const orphanSince = this.now() - ORPHAN_TTL_MS;
    const createdSince = this.now() - CREATED_TTL_MS;
    for (const name of names) {
      const match = FILE_PATTERN.exec(name);
      const pid = Number(match?.[2]);
      if (!match || pid === process.pid) continue;
      const file = path.join(this.dir as string, name);
      if (match[1] !== this.digest) {
        removeIfOlderThan(file, createdSince); // another token's journal nobody has touched for long
        continue;
      }
      const content = readFile(file);
      if (content === undefined) continue;
      const running = isRunning(pid);
      const created = content.created.filter((entry) => entry.at > createdSince);
      const unsettled = content.unsettled.filter((entry) => entry.sentAt > orphanSince);
      for (const entry of created) {
        createdElsewhere.set(entry.key, (createdElsewhere.get(entry.key) ?? new Set()).add(entry.id));
      }
      if (!running) {
        for (const entry of unsettled) {
          orphans.set(entry.key, [...(orphans.get(entry.key) ?? []), { ...entry, file }]);
        }
        if (created.length === 0 && unsettled.length === 0) fs.rmSync(file, { force: true });
      }
    }
    for (const entries of orphans.values()) entries.sort((a, b) => a.sentAt - b.sentAt);
    this.orphans = orphans;
    this.createdElsewhere = createdElsewhere;
    return { orphans, createdElsewhere };
  }
}
