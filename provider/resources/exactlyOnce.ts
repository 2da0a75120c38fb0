/**
 * Exactly-once creates: the one rule every create of the provider follows, so that an object is
 * never created twice and never left behind, whatever fails between the POST and the engine's
 * record of it. Three layers, each named for that guarantee:
 *
 * - `client.postOnce` (one process, one call): the POST is retried only when a failure proves
 *   nothing was processed; after an ambiguous failure (timeout, reset, 5xx) the object is looked up
 *   by its natural key before anything is sent again.
 * - {@link withCreateJournal} (across provider processes): a create is recorded in the create
 *   journal until it settles, and a create whose key matches an unsettled create of a process that
 *   no longer runs looks that object up and adopts it.
 * - {@link createExactlyOnce} puts both together for objects with a unique natural key (a preset's
 *   name, a webhook's URL); meetings, which have none, use `createMeetingExactlyOnce`
 *   (`meetingCreates.ts`) on the same two layers.
 * @internal
 */
import { isAmbiguousCreate, isNetworkError, isServerError, isTimeoutError } from "../client/errors";
import type { RequestSpec } from "../client/request";
import type { Target } from "../runtime";
import type { CreateJournal } from "../state/createJournal";

/** Whether a failed create may still have made its object (so its entry stays unsettled). */
export function mayHaveCreated(error: unknown): boolean {
  return isAmbiguousCreate(error) || isServerError(error) || isNetworkError(error) || isTimeoutError(error);
}

/**
 * A create through the create journal, for a key unique to its object:
 * when a dead process left an unsettled create of the same key, the object is looked up first and
 * adopted if it exists; otherwise `create` runs, recorded in the journal until it settles.
 *
 * @param journal - the journal of the target's base URL and token.
 * @param key - kind, account/app and natural key.
 * @param lookup - finds the object by its natural key.
 * @param create - sends the create.
 */
export async function withCreateJournal<T extends { id?: unknown }>(
  journal: CreateJournal,
  key: string,
  lookup: () => Promise<T | undefined>,
  create: () => Promise<T>,
): Promise<T> {
  if (journal.takeOrphaned(key) !== undefined) {
    const found = await lookup();
    if (found !== undefined) return found;
  }
  const entry = journal.begin(key);
  try {
    const created = await create();
    if (typeof created.id === "string") entry.created(created.id);
    else entry.nothingCreated();
    return created;
  } catch (error) {
    if (!mayHaveCreated(error)) entry.nothingCreated();
    throw error;
  }
}

/**
 * Creates an object that has a unique natural key in its app (a preset's name, a webhook's URL):
 * one `postOnce` POST that, after an ambiguous failure, finds the object by that key, run through
 * the create journal so an object a dead provider process created is adopted as well.
 *
 * @param target - where the object goes.
 * @param kind - `"preset"` or `"webhook"`, for the journal key.
 * @param naturalKey - the object's unique key in the app.
 * @param spec - the create request.
 * @param find - finds the object by `naturalKey`.
 */
export function createExactlyOnce<T extends { id?: unknown }>(
  target: Target,
  kind: string,
  naturalKey: string,
  spec: RequestSpec,
  find: () => Promise<T | undefined>,
): Promise<T> {
  return withCreateJournal(target.journal, `${kind} ${target.accountId}/${target.appId} ${naturalKey}`, find, () =>
    target.client.postOnce<T>(spec, find),
  );
}
