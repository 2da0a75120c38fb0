/**
 * Creates through the create journal (`state/createJournal.ts`): adopt what a dead provider process
 * created but never recorded, and record each create until it settles.
 * @internal
 */
import { isAmbiguousCreate, isNetworkError, isServerError, isTimeoutError } from "../client/errors";
import type { CreateJournal } from "../state/createJournal";

/** Whether a failed create may still have made its object (so its entry stays unsettled). */
export function mayHaveCreated(error: unknown): boolean {
  return isAmbiguousCreate(error) || isServerError(error) || isNetworkError(error) || isTimeoutError(error);
}

/**
 * A create of an object with a unique natural key (preset name, webhook URL) through the journal:
 * when a dead process left an unsettled create of the same key, the object is looked up first and
 * adopted if it exists; otherwise `create` runs, recorded in the journal until it settles.
 *
 * @param journal - the journal of the target's base URL and token.
 * @param key - kind, account/app and natural key.
 * @param lookup - finds the object by its natural key.
 * @param create - sends the create.
 */
export async function journaledCreate<T extends { id?: unknown }>(
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
