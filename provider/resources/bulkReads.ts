/**
 * Reads in bulk: a refresh of many objects of one kind in one app reads them from the app's list
 * (up to 100 a request) instead of one GET each.
 *
 * A **listing** belongs to one engine operation in one provider process. It is paged lazily: a
 * read looks for its object in the pages fetched so far and, when it is not there, waits for the
 * next page (one page at a time, shared by every waiting read), so reading one object costs the
 * pages up to it and a refresh of all costs every page once. It is built so that a read never
 * returns what a GET at that moment could not have:
 *
 * - Each entry is taken once. A second read of the same object (the next operation, in a
 *   long-lived process) starts a new listing, as does a read more than {@link LISTING_TTL_MS}
 *   after the listing began.
 * - An object this process wrote since the listing began ({@link forgetListed}) is read with a GET,
 *   as is one missing from every page (created, or moved between pages, while they were fetched; or
 *   gone: the GET's 404 says so).
 * - A failed page ends the listing: the reads still looking GET; errors of a GET are the read's own.
 * @internal
 */
import { Target } from "../runtime";

/** How long after it began a listing serves reads, in ms. */
export const LISTING_TTL_MS = 120_000;

/** One page of a kind's list. */
export interface ListedPage<T> {
  /** The objects on the page. */
  readonly items: readonly (T & { id: string })[];
  /** Whether this was the last page. */
  readonly last: boolean;
}

/** What {@link readListed} needs to know about a kind. */
export interface ListedKind<T> {
  /** Names the kind, e.g. `"meetings"`. */
  readonly kind: string;
  /** Page `pageNo` (from 1) of the kind's list in the app. */
  page(target: Target, pageNo: number): Promise<ListedPage<T>>;
  /** One object by id, `undefined` when it is gone (404). */
  get(target: Target, id: string): Promise<T | undefined>;
}

/** The objects of one kind in one app as listed for one operation. */
class Listing<T> {
  /** Ids already read from this listing: a repeat means a new operation. */
  readonly taken = new Set<string>();
  /** Ids written by this process since the listing began: never served from it. */
  readonly written = new Set<string>();
  /** Listed objects not read yet, by id. */
  private readonly entries = new Map<string, T>();
  private pagesFetched = 0;
  private done = false;
  private fetching?: Promise<void>;

  constructor(
    readonly startedAt: number,
    private readonly target: Target,
    private readonly kind: ListedKind<T>,
  ) {}

  /** The listed object `id`, fetching pages until it shows up; `undefined` when no page has it. */
  async find(id: string): Promise<T | undefined> {
    for (;;) {
      const entry = this.entries.get(id);
      if (entry !== undefined) {
        this.entries.delete(id);
        return this.written.has(id) ? undefined : entry;
      }
      if (this.done) {
        return undefined;
      }
      await this.nextPage();
    }
  }

  /** Fetches the next page, or waits for the one being fetched. */
  private nextPage(): Promise<void> {
    this.fetching ??= this.kind
      .page(this.target, this.pagesFetched + 1)
      .then(
        (page) => {
          this.pagesFetched++;
          for (const item of page.items) this.entries.set(item.id, item);
          this.done = page.last || page.items.length === 0;
        },
        () => {
          this.done = true;
        },
      )
      .finally(() => {
        this.fetching = undefined;
      });
    return this.fetching;
  }
}

/** Listings by account, app and kind. */
const listings = new Map<string, Listing<unknown>>();

function listingKey(target: Target, kind: string): string {
  return `${target.accountId}/${target.appId}/${kind}`;
}

/**
 * Reads object `id` of a kind as described in the module comment.
 *
 * @param target - where the object lives.
 * @param kind - how to page through and get the kind.
 * @param id - the object's id.
 * @param now - clock in ms (tests inject one).
 * @returns the object, or `undefined` when it is gone.
 */
export async function readListed<T>(target: Target, kind: ListedKind<T>, id: string, now: () => number = Date.now): Promise<T | undefined> {
  const key = listingKey(target, kind.kind);
  let listing = listings.get(key) as Listing<T> | undefined;
  const t = now();
  if (listing === undefined || listing.taken.has(id) || t - listing.startedAt > LISTING_TTL_MS) {
    listing = new Listing(t, target, kind);
    listings.set(key, listing as Listing<unknown>);
  }
  listing.taken.add(id);
  return (await listing.find(id)) ?? kind.get(target, id);
}

/**
 * Says that this process changed (or deleted) object `id`, so that no listing begun before serves
 * it. Call it before the write is sent.
 */
export function forgetListed(target: Target, kind: string, id: string): void {
  listings.get(listingKey(target, kind))?.written.add(id);
}

/**
 * Forgets every listing (tests only).
 * @internal
 */
export function resetListings(): void {
  listings.clear();
}
