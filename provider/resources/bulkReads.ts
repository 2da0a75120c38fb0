/**
 * Reads in bulk: a refresh of many objects of one kind in one app lists them (a page of up to 100
 * per request) instead of getting each one, while a read of a single object stays one GET.
 *
 * A **listing** belongs to one engine operation in one provider process, and is built so that a
 * read never returns what a GET at that moment could not have:
 *
 * - The first {@link GETS_BEFORE_LISTING} reads of a kind in an app GET (a `--target` refresh of one
 *   object never pages through thousands); the next read lists every page once, and the reads after
 *   it take their object from that listing.
 * - Each entry is taken once. A second read of the same object (the next operation, in a
 *   long-lived process) starts a new listing, as does a read more than {@link LISTING_TTL_MS}
 *   after the listing was made.
 * - An object this process wrote after the listing started ({@link forgetListed}) is read with a
 *   GET, as is one missing from the listing (created, or moved between pages, while it was made;
 *   or gone: the GET's 404 says so).
 * - A failed listing falls back to GETs; errors of the GET are the read's own.
 * @internal
 */
import { Target } from "../runtime";

/** Reads of a kind in an app that GET before the next one lists them. */
export const GETS_BEFORE_LISTING = 8;

/** How long after it was made a listing serves reads, in ms. */
export const LISTING_TTL_MS = 120_000;

/** The objects of one kind in one app as listed for one operation. */
interface Listing<T> {
  /** When the listing began (the window's first read), ms. */
  readonly startedAt: number;
  /** Reads so far. */
  reads: number;
  /** Ids already read from this window: a repeat means a new operation. */
  readonly taken: Set<string>;
  /** Ids written by this process since the window began: never served from the listing. */
  readonly written: Set<string>;
  /** The listed objects by id, once the listing was asked for. */
  entries?: Promise<Map<string, T> | undefined>;
}

/** Listings by account, app and kind. */
const listings = new Map<string, Listing<unknown>>();

function listingKey(target: Target, kind: string): string {
  return `${target.accountId}/${target.appId}/${kind}`;
}

/** What {@link readListed} needs to know about a kind. */
export interface ListedKind<T> {
  /** Names the kind, e.g. `"meetings"`. */
  readonly kind: string;
  /** Every object of the kind in the app (all pages). */
  list(target: Target): Promise<(T & { id: string })[]>;
  /** One object by id, `undefined` when it is gone (404). */
  get(target: Target, id: string): Promise<T | undefined>;
}

/**
 * Reads object `id` of a kind as described in the module comment.
 *
 * @param target - where the object lives.
 * @param kind - how to list and get the kind.
 * @param id - the object's id.
 * @param now - clock in ms (tests inject one).
 * @returns the object, or `undefined` when it is gone.
 */
export async function readListed<T>(target: Target, kind: ListedKind<T>, id: string, now: () => number = Date.now): Promise<T | undefined> {
  const key = listingKey(target, kind.kind);
  let listing = listings.get(key) as Listing<T> | undefined;
  const t = now();
  if (listing === undefined || listing.taken.has(id) || t - listing.startedAt > LISTING_TTL_MS) {
    listing = { startedAt: t, reads: 0, taken: new Set(), written: new Set() };
    listings.set(key, listing as Listing<unknown>);
  }
  listing.taken.add(id);
  listing.reads++;
  if (listing.reads <= GETS_BEFORE_LISTING) {
    return kind.get(target, id);
  }
  listing.entries ??= kind.list(target).then(
    (objects) => new Map(objects.map((object) => [object.id, object as T])),
    () => undefined,
  );
  const entries = await listing.entries;
  const entry = entries?.get(id);
  if (entry === undefined || listing.written.has(id)) {
    return kind.get(target, id);
  }
  entries!.delete(id);
  return entry;
}

/**
 * Says that this process changed (or deleted) object `id`, so that no listing made before serves it.
 * Call it before the write is sent.
 */
export function forgetListed(target: Target, kind: string, id: string): void {
  const listing = listings.get(listingKey(target, kind));
  listing?.written.add(id);
}

/**
 * Forgets every listing (tests only).
 * @internal
 */
export function resetListings(): void {
  listings.clear();
}
