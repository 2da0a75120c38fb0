/**
 * A tiny scripted HTTP server for client tests (loopback, port 0). Each incoming request takes the
 * next scripted reply from a queue, or goes to the fallback handler when the queue is empty.
 * Independent of the emulator on purpose.
 */

import * as http from "http";
import type { AddressInfo } from "net";

/** A request as the server saw it. */
export interface RecordedRequest {
  /** HTTP method. */
  method: string;
  /** Raw request target, e.g. `/client/v4/accounts/acc/realtime/kit/app/meetings?page_no=1`. */
  rawUrl: string;
  /** Path part of `rawUrl`, still percent-encoded, without the `/client/v4` prefix. */
  path: string;
  /** Parsed query. */
  query: Record<string, string>;
  /** Request headers (lower-case names). */
  headers: http.IncomingHttpHeaders;
  /** Raw body text. */
  body: string;
}

/** A scripted reply. */
export type Reply =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** Destroy the connection after reading the request (client sees ECONNRESET / socket hang up). */
  | { action: "reset" }
  /** Never answer. */
  | { action: "hang" };

/** Computes a reply for a request (fallback when the queue is empty). */
export type Handler = (req: RecordedRequest) => Reply;

/** A running fake server. */
export interface FakeServer {
  /** Base URL to give the client: `http://127.0.0.1:<port>/client/v4`. */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Queues replies, used one per request in order. */
  script(...replies: Reply[]): void;
  /** Sets the handler used when the queue is empty (default: 599 "unscripted request"). */
  setHandler(handler: Handler): void;
  /** Stops the server and drops all connections. */
  close(): Promise<void>;
}

/** `{ success: true, data, paging? }`. */
export function ok(data: unknown, status = 200, paging?: unknown): Reply {
  return { status, body: paging === undefined ? { success: true, data } : { success: true, data, paging } };
}

/** RealtimeKit error shape `{ success: false, error: { code, message } }`. */
export function rtkError(status: number, message: string, headers?: Record<string, string>): Reply {
  return { status, body: { success: false, error: { code: status, message } }, headers };
}

/** Cloudflare v4 error shape `{ success: false, errors: [...] }`. */
export function v4Error(status: number, ...errors: Array<{ code: number; message: string }>): Reply {
  return { status, body: { success: false, errors, messages: [], result: null } };
}

/** Starts a fake server on 127.0.0.1, port 0. */
export async function startFakeServer(): Promise<FakeServer> {
  const queue: Reply[] = [];
  const requests: RecordedRequest[] = [];
  let handler: Handler = () => ({ status: 599, body: { success: false, error: { code: 599, message: "unscripted request" } } });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rawUrl = req.url ?? "/";
      const [rawPath, rawQuery = ""] = rawUrl.split("?", 2);
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        rawUrl,
        path: rawPath.replace(/^\/client\/v4/, ""),
        query: Object.fromEntries(new URLSearchParams(rawQuery)),
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      const reply = queue.length > 0 ? (queue.shift() as Reply) : handler(recorded);
      if ("action" in reply) {
        if (reply.action === "reset") req.socket.destroy();
        return; // "hang": never answer
      }
      const headers: Record<string, string> = { ...reply.headers };
      let text = "";
      if (reply.body !== undefined) {
        text = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
        headers["content-type"] ??= typeof reply.body === "string" ? "text/html" : "application/json";
      }
      res.writeHead(reply.status, headers);
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/client/v4`,
    requests,
    script: (...replies) => void queue.push(...replies),
    setHandler: (h) => void (handler = h),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fake clock whose `sleep` records the delay and advances time instantly. */
export function fakeTime(start = Date.UTC(2026, 0, 1, 12, 0, 0)): {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  delays: number[];
  advance: (ms: number) => void;
} {
  let t = start;
  const delays: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      delays.push(ms);
      t += ms;
    },
    delays,
    advance: (ms: number) => void (t += ms),
  };
}

/** A port on 127.0.0.1 with nothing listening (connections are refused). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
