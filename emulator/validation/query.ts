/**
 * Query-string readers for list filters. Unknown query parameters are ignored (the SDK sends only
 * what the caller gives); known ones are checked and a bad value is a 400 naming the parameter.
 */
import { badRequest } from "../errors";

/** Reads an optional enum parameter. */
export function readEnum<T extends string>(query: URLSearchParams, name: string, values: readonly T[]): T | undefined {
  const raw = query.get(name);
  if (raw === null || raw === "") {
    return undefined;
  }
  if (!(values as readonly string[]).includes(raw)) {
    throw badRequest(`${name} must be one of ${values.join(", ")}`);
  }
  return raw as T;
}

/** Reads an optional ISO date-time parameter as epoch milliseconds. */
export function readTime(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === "") {
    return undefined;
  }
  const ms = Date.parse(raw);
  if (!Number.isFinite(ms)) {
    throw badRequest(`${name} must be an ISO 8601 date-time`);
  }
  return ms;
}

/** Reads an optional free-text parameter, lower-cased for case-insensitive matching. */
export function readSearch(query: URLSearchParams, name = "search"): string | undefined {
  const raw = query.get(name);
  return raw === null || raw === "" ? undefined : raw.toLowerCase();
}

/** True when `needle` (already lower-case) occurs in any of `fields`, ignoring case. */
export function matchesSearch(needle: string | undefined, ...fields: Array<string | null | undefined>): boolean {
  return needle === undefined || fields.some((field) => field != null && field.toLowerCase().includes(needle));
}

/** True when the ISO timestamp lies within the optional [start, end] range (epoch ms, inclusive). */
export function withinRange(iso: string, start: number | undefined, end: number | undefined): boolean {
  const ms = Date.parse(iso);
  return (start === undefined || ms >= start) && (end === undefined || ms <= end);
}
