/**
 * The one pager every list uses: `page_no` (1-based; 0 reads as 1) and `per_page` (default 20,
 * at most 100) in, `{ start_offset, end_offset, total_count }` out (0-based, inclusive offsets;
 * an empty page has `end_offset === start_offset`).
 */
import type { Paging } from "./envelope";
import { badRequest } from "./errors";
import { PAGING } from "./limits";

/** A page request. */
export interface PageRequest {
  readonly pageNo: number;
  readonly perPage: number;
}

/** Reads `page_no` and `per_page` from a query string; 400 on anything but integers in range. */
export function readPageRequest(query: URLSearchParams): PageRequest {
  const pageNo = readInteger(query, "page_no", 0, Number.MAX_SAFE_INTEGER);
  const perPage = readInteger(query, "per_page", 0, PAGING.maxPerPage);
  return {
    pageNo: pageNo === undefined || pageNo === 0 ? PAGING.firstPage : pageNo,
    perPage: perPage === undefined || perPage === 0 ? PAGING.defaultPerPage : perPage,
  };
}

/** Cuts one page out of `items` and describes it. */
export function paginate<T>(items: readonly T[], page: PageRequest): { items: T[]; paging: Paging } {
  const start = (page.pageNo - 1) * page.perPage;
  const slice = items.slice(start, start + page.perPage);
  return {
    items: slice,
    paging: {
      start_offset: start,
      end_offset: slice.length === 0 ? start : start + slice.length - 1,
      total_count: items.length,
    },
  };
}

function readInteger(query: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === "") {
    return undefined;
  }
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw badRequest(
      max === Number.MAX_SAFE_INTEGER ? `${name} must be a non-negative integer` : `${name} must be an integer between ${min} and ${max}`,
    );
  }
  return value;
}
