/**
 * The rules for the two settings every client needs to reach the API, the base URL and the token:
 * one rule each, applied both where the settings are read (`config.ts`) and where a client is
 * created (`client.ts`), so a value one accepts the other never refuses.
 */

/** What {@link normalizeBaseUrl} accepts, phrased to follow "expected". */
export const BASE_URL_RULE = "an http:// or https:// URL without query or fragment";

/**
 * The base URL without trailing slashes, or `undefined` when `value` breaks {@link BASE_URL_RULE}
 * (a query or fragment would end up in the middle of every request URL).
 */
export function normalizeBaseUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || /[?#]/.test(value)) {
    return undefined;
  }
  return value.replace(/\/+$/, "");
}

/** What {@link isValidApiToken} accepts, phrased to follow "expected". */
export const API_TOKEN_RULE = "a non-empty token without whitespace or control characters";

/**
 * Whether `value` can be sent as `Authorization: Bearer <value>`: a non-empty string without
 * whitespace or control characters (a pasted newline or space is never part of a real token, and a
 * line break inside a header value would be refused by Node or split the header).
 */
export function isValidApiToken(value: unknown): value is string {
  return typeof value === "string" && /^[^\s\p{Cc}]+$/u.test(value);
}
