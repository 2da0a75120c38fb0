/**
 * Response envelopes. RealtimeKit answers `{ success: true, data, paging? }` on success and
 * `{ success: false, error: { code, message } }` on failure (`code` is the HTTP status); errors
 * raised in front of the service (401/403/429) use the Cloudflare v4 shape
 * `{ success: false, errors: [{ code, message }], messages: [], result: null }`.
 */

/** The `paging` block of paged lists; offsets are 0-based and inclusive. */
export interface Paging {
  readonly start_offset: number;
  readonly end_offset: number;
  readonly total_count: number;
}

/** An HTTP answer before it is written: status, JSON body and extra headers. */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Builds a success reply: `{ success: true, data, paging? }`, status 200 unless told. */
export function ok(data: unknown, options: { status?: number; paging?: Paging } = {}): Reply {
  const body: Record<string, unknown> = { success: true, data };
  if (options.paging !== undefined) {
    body.paging = options.paging;
  }
  return { status: options.status ?? 200, body };
}

/** The RealtimeKit error body: `{ success: false, error: { code: <status>, message } }`. */
export function realtimeKitErrorBody(status: number, message: string): unknown {
  return { success: false, error: { code: status, message } };
}

/** The Cloudflare v4 error body used for authentication and rate-limit errors. */
export function v4ErrorBody(code: number, message: string): unknown {
  return { success: false, errors: [{ code, message }], messages: [], result: null };
}
