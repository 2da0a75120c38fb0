/**
 * Shared helpers for the emulator and conformance tests: a test emulator with a frozen clock, a
 * raw HTTP helper, a complete preset body, and a local webhook receiver.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../emulator";

/** The instant frozen test clocks start at. */
export const T0 = "2026-01-01T00:00:00.000Z";

/** `T0` plus `ms`, as an ISO string. */
export function at(ms: number): string {
  return new Date(Date.parse(T0) + ms).toISOString();
}

/**
 * Starts an emulator for tests: frozen clock at {@link T0}, no rate limit and fast webhook
 * retries (10/20/40 ms) unless overridden.
 */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({
    clock: { now: T0, frozen: true },
    rateLimit: false,
    webhookDelivery: { retryDelaysMs: [10, 20, 40], timeoutMs: 2_000 },
    ...options,
  });
}

/** A parsed HTTP answer. */
export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

/** Options of {@link api}. */
export interface ApiOptions {
  readonly body?: unknown;
  /** Raw body text instead of JSON. */
  readonly rawBody?: string;
  /** Replaces the default `Authorization` header; `null` sends none. */
  readonly authorization?: string | null;
  /** Account id in the path (default: the emulator's). */
  readonly accountId?: string;
}

/**
 * Calls the emulated API. `path` is relative to `/accounts/{account_id}/realtime/kit`, e.g.
 * `/${emu.appId}/meetings`.
 */
export async function api(emu: RunningEmulator, method: string, path: string, options: ApiOptions = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  if (options.authorization !== null) {
    headers.authorization = options.authorization ?? `Bearer ${emu.token}`;
  }
  let body: string | undefined;
  if (options.rawBody !== undefined || options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = options.rawBody ?? JSON.stringify(options.body);
  }
  const url = `${emu.url}/accounts/${options.accountId ?? emu.accountId}/realtime/kit${path}`;
  return toApiResponse(await fetch(url, { method, headers, body }));
}

/** Calls the control API: `path` is relative to `/__emulator`. */
export async function control(emu: RunningEmulator, method: string, path: string, body?: unknown): Promise<ApiResponse> {
  const response = await fetch(`${emu.origin}/__emulator${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return toApiResponse(response);
}

async function toApiResponse(response: Response): Promise<ApiResponse> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === "" ? undefined : JSON.parse(text) };
}

/** A complete, valid preset body (every required leaf of the config / permissions / ui tree). */
export function presetBody(name: string) {
  return {
    name,
    config: {
      view_type: "GROUP_CALL" as const,
      max_screenshare_count: 1,
      max_video_streams: { desktop: 9, mobile: 4 },
      media: {
        video: { quality: "hd" as const, frame_rate: 30 },
        screenshare: { quality: "hd" as const, frame_rate: 5 },
      },
    },
    permissions: {
      accept_waiting_requests: false,
      can_accept_production_requests: false,
      can_change_participant_permissions: false,
      can_edit_display_name: true,
      can_livestream: false,
      can_record: false,
      can_spotlight: false,
      disable_participant_audio: false,
      disable_participant_screensharing: false,
      disable_participant_video: false,
      hidden_participant: false,
      kick_participant: false,
      pin_participant: false,
      show_participant_list: true,
      recorder_type: "NONE" as const,
      waiting_room_type: "SKIP" as const,
      chat: {
        public: { can_send: true, text: true, files: false },
        private: { can_send: true, can_receive: true, text: true, files: false },
      },
      connected_meetings: {
        can_alter_connected_meetings: false,
        can_switch_connected_meetings: false,
        can_switch_to_parent_meeting: false,
      },
      media: {
        audio: { can_produce: "ALLOWED" as const },
        video: { can_produce: "ALLOWED" as const },
        screenshare: { can_produce: "NOT_ALLOWED" as const },
      },
      plugins: { can_start: false, can_close: false, can_edit_config: false, config: {} },
      polls: { can_create: false, can_view: true, can_vote: true },
    },
    ui: {
      design_tokens: {
        theme: "dark" as const,
        border_radius: "rounded" as const,
        border_width: "thin" as const,
        spacing_base: 4,
        colors: {
          background: { "600": "#222222", "700": "#1f1f1f", "800": "#1b1b1b", "900": "#181818", "1000": "#141414" },
          brand: { "300": "#844d1c", "400": "#9d5b22", "500": "#b56927", "600": "#d37c30", "700": "#d9904f" },
          danger: "#FF2D2D",
          success: "#62A504",
          text: "#EEEEEE",
          text_on_brand: "#EEEEEE",
          video_bg: "#191919",
          warning: "#FFCD07",
        },
      },
    },
  };
}

/** One request a {@link Receiver} got. */
export interface ReceivedRequest {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  /** The exact body bytes. */
  readonly rawBody: Buffer;
}

/** A local webhook receiver on 127.0.0.1. */
export interface Receiver {
  readonly url: string;
  readonly received: ReceivedRequest[];
  /** Statuses to answer with, in order; after they run out, 200. */
  respondWith(...statuses: number[]): void;
  close(): Promise<void>;
}

/** Starts a webhook receiver on 127.0.0.1, port 0, recording every request. */
export async function startReceiver(path = "/hook"): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  let statuses: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ method: req.method ?? "", headers: req.headers, rawBody: Buffer.concat(chunks) });
      res.writeHead(statuses.shift() ?? 200, { "content-type": "text/plain" });
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    respondWith: (...next) => {
      statuses = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A URL on 127.0.0.1 where nothing listens (connection refused). */
export async function unusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/hook`;
}
