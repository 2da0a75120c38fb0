/**
 * The log of every API request the emulator received, in arrival order, for tests that assert
 * what a client actually sent (`GET /__emulator/requests`).
 */
import type { FaultPhase } from "./faults";

/** A fault that fired on a request. */
export interface FiredFault {
  readonly id: number;
  readonly when: FaultPhase;
  readonly status: number | null;
  readonly drop: boolean;
  readonly delayMs: number;
}

/** One API request. */
export interface RequestLogEntry {
  /** 1-based arrival number. */
  readonly seq: number;
  /** Emulator clock time when the request arrived (ISO). */
  readonly time: string;
  readonly method: string;
  /** Path after `/client/v4`, without the query string, e.g. `/accounts/…/realtime/kit/apps`. */
  readonly path: string;
  /** Query parameters (last value wins for repeated names). */
  readonly query: Readonly<Record<string, string>>;
  /** The JSON body of POST/PUT/PATCH/DELETE requests that had one (raw text if it was not JSON). */
  readonly body?: unknown;
  /** Status sent; `null` when the connection was dropped without a response. */
  status: number | null;
  /** The fault that fired, if any. */
  fault?: FiredFault;
}

/** Append-only request log. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private nextSeq = 1;

  /** Records a new request; the caller fills in `status` (and `fault`) when it is answered. */
  start(entry: Omit<RequestLogEntry, "seq" | "status">): RequestLogEntry {
    const recorded: RequestLogEntry = { seq: this.nextSeq++, ...entry, status: null };
    this.entries.push(recorded);
    return recorded;
  }

  /** Every request so far (deep copies). */
  list(): RequestLogEntry[] {
    return this.entries.map((entry) => structuredClone(entry));
  }

  /** Forgets every request; numbering restarts at 1. */
  clear(): void {
    this.entries = [];
    this.nextSeq = 1;
  }
}
