/**
 * The one error type route code throws. The server catches it in one place and turns it into a
 * reply with {@link EmulatorHttpError.toReply}, so handlers never build error bodies themselves.
 */
import { realtimeKitErrorBody, type Reply, v4ErrorBody } from "./envelope";

/** Which error body an {@link EmulatorHttpError} renders as. */
export type ErrorShape = "realtimekit" | "v4";

/** An HTTP failure with status, message and body shape; thrown by routes and the request pipeline. */
export class EmulatorHttpError extends Error {
  /** HTTP status of the reply. */
  readonly status: number;
  /** Error code in the body: the HTTP status for RealtimeKit errors, a v4 code otherwise. */
  readonly code: number;
  /** Body shape. */
  readonly shape: ErrorShape;
  /** Extra response headers (e.g. `Retry-After`). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, message: string, options: { shape?: ErrorShape; code?: number; headers?: Record<string, string> } = {}) {
    super(message);
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = "EmulatorHttpError";
    this.status = status;
    this.shape = options.shape ?? "realtimekit";
    this.code = options.code ?? status;
    this.headers = options.headers ?? {};
  }

  /** The reply the server sends for this error. */
  toReply(): Reply {
    const body = this.shape === "v4" ? v4ErrorBody(this.code, this.message) : realtimeKitErrorBody(this.status, this.message);
    return { status: this.status, body, headers: this.headers };
  }
}

/** 400 with a message naming the offending field, e.g. `permissions.kick_participant is required`. */
export function badRequest(message: string): EmulatorHttpError {
  return new EmulatorHttpError(400, message);
}

/** 404 for an unknown object: `"<kind> <id> not found"` (e.g. `Meeting 1f… not found`). */
export function notFound(kind: string, id?: string): EmulatorHttpError {
  return new EmulatorHttpError(404, id === undefined ? `${kind} not found` : `${kind} ${id} not found`);
}

/** 409 for a uniqueness violation (preset name, webhook URL) or a state conflict. */
export function conflict(message: string): EmulatorHttpError {
  return new EmulatorHttpError(409, message);
}
