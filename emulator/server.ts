/**
 * The HTTP front: a `node:http` listener on 127.0.0.1 that serves three areas.
 *
 * - `/client/v4/...`: the emulated API. Each request is logged, then goes through
 *   authentication (401 / 403), the per-token rate limit (429), "before" faults, the route table
 *   built from the spec (404 / 405 outside it, 501 for spec operations not emulated), the handler,
 *   and "after" faults; the fixed latency is added before answering.
 * - `/__emulator/...`: the control API (no authentication, not logged, no latency).
 * - `/.well-known/webhooks.json`: the webhook signing public key.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { EmulatorContext } from "./context";
import type { Controller } from "./control";
import type { Reply } from "./envelope";
import { EmulatorHttpError } from "./errors";
import type { FaultPhase, FaultRule } from "./faults";
import { API_PREFIX, CONTROL_PREFIX, ERROR_CODES, GATEWAY_MESSAGES, LOOPBACK_HOST, MAX_BODY_BYTES, WEBHOOK_KEYS_PATH } from "./limits";
import type { RequestLogEntry } from "./requestLog";
import { type Route, Router } from "./router";
import { specRouteTable } from "./routeTable";
import { activeSessionRoutes } from "./routes/activeSession";
import { appRoutes } from "./routes/apps";
import { controlRoutes } from "./routes/control";
import { meetingRoutes } from "./routes/meetings";
import { participantRoutes } from "./routes/participants";
import { presetRoutes } from "./routes/presets";
import { sessionRoutes } from "./routes/sessions";
import { webhookRoutes } from "./routes/webhooks";
import { sleep } from "../common/sleep";

/** Prefix of every emulated RealtimeKit route, relative to {@link API_PREFIX}. */
const KIT_PREFIX = "/accounts/:account_id/realtime/kit";

/** What the API pipeline decided: a reply, or to drop the connection. */
type Outcome = { readonly reply: Reply } | { readonly drop: true };

interface RawBody {
  readonly bytes: Buffer;
  readonly tooLarge: boolean;
}

/** Every emulated API route (the route table orders them). */
function apiRoutes(ctx: EmulatorContext): Route[] {
  return [
    ...appRoutes(ctx),
    ...meetingRoutes(ctx),
    ...participantRoutes(ctx),
    ...activeSessionRoutes(ctx),
    ...sessionRoutes(ctx),
    ...webhookRoutes(ctx),
    ...presetRoutes(ctx),
  ];
}

/** The emulator's HTTP server. */
export class EmulatorServer {
  private readonly server: Server;
  private readonly apiRouter: Router;
  private readonly controlRouter: Router;

  constructor(
    private readonly ctx: EmulatorContext,
    control: Controller,
  ) {
    this.apiRouter = new Router(specRouteTable(apiRoutes(ctx)).routes, KIT_PREFIX);
    this.controlRouter = new Router(controlRoutes(control));
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
  }

  /** Starts listening on 127.0.0.1; resolves to the bound port. */
  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, LOOPBACK_HOST, () => {
        this.server.off("error", reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  /** Stops accepting connections and closes the open ones. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? "/", `http://${LOOPBACK_HOST}`);
      const method = (req.method ?? "GET").toUpperCase();
      const path = url.pathname;
      const raw = await readBody(req);
      if (path === WEBHOOK_KEYS_PATH) {
        send(res, method === "GET" ? { status: 200, body: this.ctx.signer.wellKnownDocument() } : methodNotAllowed(["GET"]));
      } else if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
        send(res, await this.dispatch(this.controlRouter, method, path.slice(CONTROL_PREFIX.length), url.searchParams, raw));
      } else if (path.startsWith(`${API_PREFIX}/`)) {
        await this.handleApi(req, res, method, path.slice(API_PREFIX.length), url.searchParams, raw);
      } else {
        send(res, new EmulatorHttpError(404, `No route for ${method} ${path}`).toReply());
      }
    } catch (error) {
      if (!res.headersSent) {
        send(res, new EmulatorHttpError(500, `Internal emulator error: ${(error as Error).message}`).toReply());
      }
    }
  }

  private async handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    path: string,
    query: URLSearchParams,
    raw: RawBody,
  ): Promise<void> {
    const entry = this.ctx.requestLog.start({
      time: this.ctx.clock.iso(),
      method,
      path,
      query: Object.fromEntries(query),
      ...(method !== "GET" && raw.bytes.length > 0 ? { body: bodyForLog(raw.bytes) } : {}),
    });
    const outcome = await this.processApi(req, method, path, query, raw, entry);
    if (this.ctx.latencyMs > 0) {
      await sleep(this.ctx.latencyMs);
    }
    if ("drop" in outcome) {
      req.socket.destroy();
      return;
    }
    entry.status = outcome.reply.status;
    send(res, outcome.reply);
  }

  private async processApi(
    req: IncomingMessage,
    method: string,
    path: string,
    query: URLSearchParams,
    raw: RawBody,
    entry: RequestLogEntry,
  ): Promise<Outcome> {
    let gatewayHeaders: Readonly<Record<string, string>> = {};
    const withGatewayHeaders = (reply: Reply): Outcome => ({
      reply: { ...reply, headers: { ...gatewayHeaders, ...reply.headers } },
    });
    try {
      const token = this.authenticate(req, path);
      const decision = this.ctx.rateLimiter.check(token);
      gatewayHeaders = decision.headers;
      if (!decision.allowed) {
        throw new EmulatorHttpError(429, GATEWAY_MESSAGES.rateLimited, { shape: "v4", code: ERROR_CODES.rateLimited });
      }
    } catch (error) {
      return withGatewayHeaders(toReply(error));
    }

    const faultOutcome = async (phase: FaultPhase): Promise<Outcome | undefined> => {
      const fault = this.ctx.faults.take(method, path, phase);
      const faulted = fault === undefined ? undefined : await this.applyFault(fault, entry);
      return faulted === undefined || "drop" in faulted ? faulted : withGatewayHeaders(faulted.reply);
    };
    const early = await faultOutcome("before");
    if (early !== undefined) {
      return early;
    }
    const reply = await this.dispatch(this.apiRouter, method, path, query, raw);
    return (await faultOutcome("after")) ?? withGatewayHeaders(reply);
  }

  /** 401 without a well-formed bearer token, 403 for a wrong token or another account; returns the token. */
  private authenticate(req: IncomingMessage, path: string): string {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
    if (match === null) {
      throw new EmulatorHttpError(401, GATEWAY_MESSAGES.unauthenticated, { shape: "v4", code: ERROR_CODES.unauthenticated });
    }
    if (match[1] !== this.ctx.options.token) {
      throw new EmulatorHttpError(403, GATEWAY_MESSAGES.invalidToken, { shape: "v4", code: ERROR_CODES.invalidToken });
    }
    const account = /^\/accounts\/([^/]+)/.exec(path);
    if (account !== null && safeDecode(account[1]) !== this.ctx.options.accountId) {
      throw new EmulatorHttpError(403, GATEWAY_MESSAGES.accountForbidden, { shape: "v4", code: ERROR_CODES.accountForbidden });
    }
    return match[1];
  }

  /** Waits out the fault's delay, records it, and returns the replacement outcome (undefined for a pure delay). */
  private async applyFault(fault: FaultRule, entry: RequestLogEntry): Promise<Outcome | undefined> {
    entry.fault = { id: fault.id, when: fault.when, status: fault.status, drop: fault.drop, delayMs: fault.delayMs };
    if (fault.delayMs > 0) {
      await sleep(fault.delayMs);
    }
    if (fault.drop) {
      return { drop: true };
    }
    if (fault.status === null) {
      return undefined;
    }
    const gateway = fault.status === 401 || fault.status === 403 || fault.status === 429;
    const headers: Record<string, string> = fault.retryAfter === null ? {} : { "Retry-After": String(fault.retryAfter) };
    return { reply: new EmulatorHttpError(fault.status, fault.message, { shape: gateway ? "v4" : "realtimekit", headers }).toReply() };
  }

  private async dispatch(router: Router, method: string, path: string, query: URLSearchParams, raw: RawBody): Promise<Reply> {
    try {
      const match = router.match(method, path);
      if (match.kind === "not-found") {
        throw new EmulatorHttpError(404, `No route for ${method} ${path}`);
      }
      if (match.kind === "method-not-allowed") {
        return methodNotAllowed(match.allow);
      }
      if (raw.tooLarge) {
        throw new EmulatorHttpError(413, `request body is larger than ${MAX_BODY_BYTES} bytes`);
      }
      return await match.handler({ method, path, params: match.params, query, body: parseJson(raw.bytes) });
    } catch (error) {
      return toReply(error);
    }
  }
}

function toReply(error: unknown): Reply {
  if (error instanceof EmulatorHttpError) {
    return error.toReply();
  }
  if (error instanceof RangeError || error instanceof TypeError) {
    // Option checks in the control layer (e.g. a bad rate-limit setting) surface as 400s.
    return new EmulatorHttpError(400, error.message).toReply();
  }
  return new EmulatorHttpError(500, `Internal emulator error: ${(error as Error).message}`).toReply();
}

function methodNotAllowed(allow: readonly string[]): Reply {
  const reply = new EmulatorHttpError(405, `Method not allowed; allowed: ${allow.join(", ")}`).toReply();
  return { ...reply, headers: { ...reply.headers, Allow: allow.join(", ") } };
}

function parseJson(bytes: Buffer): unknown {
  if (bytes.length === 0) {
    return undefined;
  }
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new EmulatorHttpError(400, "request body is not valid JSON");
  }
}

function bodyForLog(bytes: Buffer): unknown {
  const text = bytes.toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function readBody(req: IncomingMessage): Promise<RawBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
      } else if (!tooLarge) {
        chunks.push(chunk);
      }
    });
    req.on("end", () => resolve({ bytes: Buffer.concat(chunks), tooLarge }));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  const payload = Buffer.from(JSON.stringify(reply.body));
  res.writeHead(reply.status, {
    ...reply.headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(payload.length),
  });
  res.end(payload);
}
