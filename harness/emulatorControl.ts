/**
 * A small client for the emulator, as the engine tests and the demo use it: the control API
 * (`/__emulator/*`, request log, joins, webhook deliveries) and plain REST calls made "out of band",
 * i.e. around Pulumi, the way a colleague clicking in the dashboard would.
 */
import type { RealtimeKitTarget } from "./offlineEngine";

/** One entry of `GET /__emulator/requests`. */
export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly time?: string;
  readonly [key: string]: unknown;
}

/** A REST answer: status and parsed body. */
export interface RestResponse<T = unknown> {
  readonly status: number;
  readonly body: { success?: boolean; data?: T; error?: unknown } & Record<string, unknown>;
}

/** Drives one emulator instance over HTTP. */
export class EmulatorControl {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** `<origin>/client/v4/accounts/<account>/realtime/kit/<app>` */
  readonly appBase: string;

  constructor(readonly target: RealtimeKitTarget) {
    this.origin = new URL(target.url).origin;
    this.appBase = `${target.url.replace(/\/$/, "")}/accounts/${target.accountId}/realtime/kit/${target.appId}`;
  }

  /** The app-relative path prefix as it appears in the request log. */
  get appPath(): string {
    return new URL(this.appBase).pathname;
  }

  /** Calls the RealtimeKit API with the token, like any API client (`path` is app-relative). */
  async rest<T = unknown>(method: string, path: string, body?: unknown): Promise<RestResponse<T>> {
    const response = await fetch(`${this.appBase}/${path.replace(/^\//, "")}`, {
      method,
      headers: {
        authorization: `Bearer ${this.target.token}`,
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text === "" ? {} : (JSON.parse(text) as RestResponse<T>["body"]) };
  }

  /** GETs one object and returns its `data`; throws unless the answer is 200. */
  async get<T = Record<string, unknown>>(path: string): Promise<T> {
    const response = await this.rest<T>("GET", path);
    if (response.status !== 200) {
      throw new Error(`GET ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body.data as T;
  }

  private async control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.origin}/__emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} /__emulator/${path} answered ${response.status}: ${text}`);
    }
    const parsed = text === "" ? undefined : (JSON.parse(text) as unknown);
    // Accept both a bare value and the API envelope ({ success, data }).
    if (parsed !== null && typeof parsed === "object" && "data" in parsed && !Array.isArray(parsed)) {
      return (parsed as { data: T }).data;
    }
    return parsed as T;
  }

  /** The full request log, oldest first (control-API calls are not in it). */
  async requests(): Promise<LoggedRequest[]> {
    const result = await this.control<unknown>("GET", "requests");
    const list = Array.isArray(result) ? result : (result as { requests?: unknown[] } | undefined)?.requests;
    if (!Array.isArray(list)) {
      throw new Error(`unexpected /__emulator/requests answer: ${JSON.stringify(result)}`);
    }
    return list as LoggedRequest[];
  }

  /** A cursor into the request log: `since()` returns what arrived after it, minus our own calls. */
  async mark(): Promise<RequestCursor> {
    const start = (await this.requests()).length;
    return {
      since: async () => (await this.requests()).slice(start),
    };
  }

  /** Adds `count` live participants to the meeting's session (starting one if none is live). */
  async join(meetingId: string, count: number): Promise<unknown> {
    return this.control("POST", `meetings/${encodeURIComponent(meetingId)}/join`, { count });
  }

  /** Every webhook delivery the emulator attempted. */
  async webhookDeliveries(): Promise<Record<string, unknown>[]> {
    const result = await this.control<unknown>("GET", "webhook-deliveries");
    const list = Array.isArray(result) ? result : (result as { deliveries?: unknown[] } | undefined)?.deliveries;
    return (list ?? []) as Record<string, unknown>[];
  }

  /** The emulator's whole state (for diagnostics). */
  state(): Promise<unknown> {
    return this.control("GET", "state");
  }

  /** The meeting's live session (`data`), or undefined on 404. */
  async activeSession(meetingId: string): Promise<Record<string, unknown> | undefined> {
    const response = await this.rest<Record<string, unknown>>("GET", `meetings/${meetingId}/active-session`);
    if (response.status === 404) {
      return undefined;
    }
    if (response.status !== 200) {
      throw new Error(`GET active-session answered ${response.status}`);
    }
    return response.body.data;
  }
}

/** See {@link EmulatorControl.mark}. */
export interface RequestCursor {
  since(): Promise<LoggedRequest[]>;
}

/** Requests that change something (anything but GET/HEAD/OPTIONS). */
export function writes(requests: readonly LoggedRequest[]): LoggedRequest[] {
  return requests.filter((request) => !["GET", "HEAD", "OPTIONS"].includes(request.method.toUpperCase()));
}

/**
 * `"PATCH meetings/<id>"`: method plus the path relative to the app, for compact assertions.
 * `appPath` is the app's path (`…/accounts/<acc>/realtime/kit/<app>`); the log may or may not
 * include the `/client/v4` prefix.
 */
export function describeRequest(request: LoggedRequest, appPath: string): string {
  const path = request.path.split("?")[0];
  const appSuffix = appPath.replace(/^\/client\/v4/, "");
  const at = path.indexOf(`${appSuffix}/`);
  const relative = at >= 0 ? path.slice(at + appSuffix.length + 1) : path;
  return `${request.method.toUpperCase()} ${relative}`;
}
