/**
 * Exactly-once meeting creates (see `exactlyOnce.ts`). Meetings have no unique key, so after an
 * ambiguous create (timeout, reset, 5xx: the meeting may or may not exist) nothing identifies "our"
 * meeting. This module makes the recovery as safe as the API allows, for every meeting create in
 * the provider process:
 *
 * - Creates with identical settings in the same app form a group. A create whose outcome is unknown
 *   waits until no other create of its group is still waiting for its response, so that every
 *   meeting the group created is either owned (its create was answered) or unclaimed.
 * - Then the waiting creates list the meetings created since the earliest of them was sent (less a
 *   clock-skew allowance) with exactly the sent settings, drop those that any resource of this
 *   process owns, and take one each, most recent first. Identical settings make them
 *   interchangeable, so any assignment is right.
 * - A create left without a meeting was never committed: it is sent again (the client's rule).
 * - Across provider processes (a crashed provider, an `up` after a killed one), the create journal
 *   (`createJournal.ts`) tells a create that a process which no longer runs left an unsettled create
 *   with the same settings: the meeting it may have made is adopted instead of creating another.
 * - The lookup is what keeps committed meetings from being orphaned, so a failed one (after the
 *   client's own retries) is tried again, in further rounds after {@link LOOKUP_ROUND_DELAYS_MS},
 *   before the waiting creates fail.
 *
 * So concurrent identical meetings with lost responses are all adopted (no orphan), a failed create
 * never takes a sibling's meeting whose response is still on its way (no duplicate owner), and a
 * meeting committed by an earlier, interrupted run with the same settings is adopted rather than
 * left behind. What remains: another stack creating meetings with the very same settings in the
 * same app at the same moment could have its meeting adopted; identical settings make that harmless
 * to both, except that each stack then manages the other's meeting.
 * @internal
 */
import { isPlainObject } from "../shared/check";
import { isSatisfiedBy } from "../shared/diff";
import { toSnakeCase } from "../shared/naming";
import { Target } from "../runtime";
import { mayHaveCreated } from "./exactlyOnce";
import { STORAGE_CREDENTIAL_FIELDS } from "./storageCredentials";
import type { WireMeeting } from "../client/wire";

/** How far the API's clock may be behind ours when comparing creation times. */
export const CLOCK_SKEW_ALLOWANCE_MS = 120_000;

/**
 * Delays before the further rounds of a group lookup that failed even after the client's retries
 * (so about 20 s more in all): a create whose lookup finally fails may leave its meeting orphaned.
 */
export const LOOKUP_ROUND_DELAYS_MS: readonly number[] = [2_000, 5_000, 10_000];

/** Meetings created or adopted by resources of this process: never handed to another resource. */
const ownedMeetingIds = new Set<string>();

/** Marks a meeting as owned by a resource of this process (after a create or an adoption). */
export function claimMeeting(id: string): void {
  ownedMeetingIds.add(id);
}

interface Attempt {
  /** `sending`: its POST is out; `resolving`: its outcome is unknown and it waits for the lookup. */
  state: "sending" | "resolving";
  readonly sentAt: number;
  /** Lookup rounds of this attempt that failed. */
  failedLookups: number;
  resolve?: (meeting: WireMeeting | undefined) => void;
  reject?: (error: unknown) => void;
}

/** The in-flight creates of one app with one set of settings. */
class CreateGroup {
  readonly attempts = new Set<Attempt>();
  private waiting: Attempt[] = [];
  private listing = false;

  /**
   * @param list - the app's meetings with the group's settings created since a time.
   * @param ownedElsewhere - ids other provider processes created with these settings (the journal).
   * @param sleep - waits between lookup rounds.
   */
  constructor(
    private readonly list: (sinceMs: number) => Promise<WireMeeting[]>,
    private readonly ownedElsewhere: () => ReadonlySet<string>,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** The lookup of an attempt whose outcome is unknown: resolves to the meeting it may take. */
  lookup(attempt: Attempt): Promise<WireMeeting | undefined> {
    attempt.state = "resolving";
    const found = new Promise<WireMeeting | undefined>((resolve, reject) => {
      attempt.resolve = resolve;
      attempt.reject = reject;
    });
    this.waiting.push(attempt);
    this.settle();
    return found.then((meeting) => {
      if (meeting === undefined) {
        attempt.state = "sending"; // the client sends it again
      }
      return meeting;
    });
  }

  /** Resolves the waiting attempts once no attempt of the group is waiting for its response. */
  settle(): void {
    if (this.listing || this.waiting.length === 0 || [...this.attempts].some((a) => a.state === "sending")) {
      return;
    }
    const batch = this.waiting.splice(0);
    const since = Math.min(...batch.map((attempt) => attempt.sentAt)) - CLOCK_SKEW_ALLOWANCE_MS;
    this.listing = true;
    this.list(since)
      .then(
        (candidates) => {
          const free = unowned(candidates, this.ownedElsewhere());
          for (const attempt of batch) {
            const meeting = free.shift();
            if (meeting !== undefined) {
              claimMeeting(meeting.id);
            }
            attempt.resolve?.(meeting);
          }
        },
        (error: unknown) => this.lookupFailed(batch, error),
      )
      .finally(() => {
        this.listing = false;
        this.settle();
      });
  }

  /** Queues the attempts of a failed lookup for another round, or fails those that had their rounds. */
  private lookupFailed(batch: Attempt[], error: unknown): void {
    const again: Attempt[] = [];
    for (const attempt of batch) {
      attempt.failedLookups++;
      if (attempt.failedLookups > LOOKUP_ROUND_DELAYS_MS.length) {
        attempt.reject?.(error);
      } else {
        again.push(attempt);
      }
    }
    if (again.length > 0) {
      void this.sleep(LOOKUP_ROUND_DELAYS_MS[Math.max(...again.map((attempt) => attempt.failedLookups)) - 1]).then(() => {
        this.waiting.push(...again);
        this.settle();
      });
    }
  }
}

const groups = new Map<string, CreateGroup>();

/** The candidates no resource of this or another (journaled) process owns, most recent first. */
function unowned(candidates: WireMeeting[], ownedElsewhere: ReadonlySet<string>): WireMeeting[] {
  return candidates
    .filter((meeting) => !ownedMeetingIds.has(meeting.id) && !ownedElsewhere.has(meeting.id))
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
}

/**
 * When a provider process that no longer runs left an unsettled create with exactly these settings
 * (see `createJournal.ts`), the meeting it may have made: one created since then (less the clock-skew
 * allowance) with these settings that no resource owns. It is claimed and recorded as ours.
 */
async function adoptOrphanedCreate(
  target: Target,
  key: string,
  path: string[],
  listed: Record<string, unknown>,
): Promise<WireMeeting | undefined> {
  const orphan = target.journal.takeOrphaned(key);
  if (orphan === undefined) {
    return undefined;
  }
  const candidates = await listMatching(target, path, listed, orphan.sentAt - CLOCK_SKEW_ALLOWANCE_MS);
  const meeting = unowned(candidates, target.journal.createdByOthers(key))[0];
  if (meeting !== undefined) {
    claimMeeting(meeting.id);
    target.journal.recordCreated(key, meeting.id);
  }
  return meeting;
}

/**
 * What a meeting list item shows of a create body, and so what lookups can match on and groups and
 * the journal are keyed by: no `ai_config` (lists leave it out) and no storage credentials (the API
 * never returns them; and a journal file must never hold one).
 */
function listedSettings(body: Record<string, unknown>): Record<string, unknown> {
  const { ai_config: _aiConfig, ...listed } = body;
  const recording = listed.recording_config;
  if (isPlainObject(recording) && isPlainObject(recording.storage_config)) {
    const storage = { ...recording.storage_config };
    for (const field of STORAGE_CREDENTIAL_FIELDS) {
      delete storage[toSnakeCase(field)];
    }
    listed.recording_config = { ...recording, storage_config: storage };
  }
  return listed;
}

/**
 * A meeting adopted by a lookup matched only what lists show: one PATCH sends what they do not
 * (`ai_config`, and `recording_config` with its write-only credentials), when the create had any.
 */
async function completeAdopted(target: Target, path: string[], meeting: WireMeeting, body: Record<string, unknown>): Promise<WireMeeting> {
  const unseen: Record<string, unknown> = {};
  for (const key of ["ai_config", "recording_config"]) {
    if (body[key] !== undefined) unseen[key] = body[key];
  }
  if (Object.keys(unseen).length === 0) {
    return meeting;
  }
  return target.client.request<WireMeeting>({
    method: "PATCH",
    path: [...path, meeting.id],
    body: unseen,
    context: "Meeting create (adopted)",
  });
}

/** JSON with sorted keys, so equal settings give equal group keys. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(",")}]`;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Lists the app's meetings created since `sinceMs` whose settings include everything in `listed` (see {@link listedSettings}). */
async function listMatching(target: Target, path: string[], listed: Record<string, unknown>, sinceMs: number): Promise<WireMeeting[]> {
  const meetings = await target.client.listAll<WireMeeting>({
    method: "GET",
    path,
    query: typeof listed.title === "string" ? { search: listed.title } : {},
    context: "Meeting lookup",
  });
  return meetings.filter((meeting) => Date.parse(meeting.created_at) >= sinceMs && isSatisfiedBy(listed, meeting));
}

/**
 * Creates a meeting with `body` (POST to `path`), recovering from an ambiguous failure as described
 * above, and claims the result for this process.
 */
export async function createMeetingExactlyOnce(target: Target, path: string[], body: Record<string, unknown>): Promise<WireMeeting> {
  const listed = listedSettings(body);
  const key = `meeting ${target.accountId}/${path.join("/")}\n${canonical(listed)}`;
  const adopted = await adoptOrphanedCreate(target, key, path, listed);
  if (adopted !== undefined) {
    return completeAdopted(target, path, adopted, body);
  }
  let group = groups.get(key);
  if (group === undefined) {
    group = new CreateGroup(
      (sinceMs) => listMatching(target, path, listed, sinceMs),
      () => target.journal.createdByOthers(key),
      target.sleep,
    );
    groups.set(key, group);
  }
  const attempt: Attempt = { state: "sending", sentAt: Date.now(), failedLookups: 0 };
  group.attempts.add(attempt);
  const entry = target.journal.begin(key);
  let foundByLookup = false;
  try {
    const created = await target.client.postOnce<WireMeeting>({ method: "POST", path, body, context: "Meeting create" }, async () => {
      const found = await (group as CreateGroup).lookup(attempt);
      foundByLookup = found !== undefined;
      return found;
    });
    claimMeeting(created.id);
    entry.created(created.id);
    return foundByLookup ? await completeAdopted(target, path, created, body) : created;
  } catch (error) {
    if (!mayHaveCreated(error)) entry.nothingCreated();
    throw error;
  } finally {
    group.attempts.delete(attempt);
    if (group.attempts.size === 0) {
      groups.delete(key);
    }
    group.settle();
  }
}
