/**
 * A local emulator of the Cloudflare RealtimeKit REST API, for tests and offline demos.
 *
 * @example
 * ```ts
 * import { startEmulator } from "pulumi-realtimekit/emulator";
 * import Cloudflare from "cloudflare";
 *
 * const emulator = await startEmulator();
 * const client = new Cloudflare({ apiToken: emulator.token, baseURL: emulator.url, maxRetries: 0 });
 * const meeting = await client.realtimeKit.meetings.create(emulator.appId, { account_id: emulator.accountId, title: "Standup" });
 * emulator.join(meeting.data.id, 2);          // two participants join: a LIVE session starts
 * await emulator.waitForDeliveries();         // webhook deliveries are done
 * await emulator.close();
 * ```
 *
 * This module must never import from `provider/`, and provider code must never import it.
 */
import { Clock, type ClockOptions } from "./clock";
import { EmulatorContext } from "./context";
import {
  Controller,
  type EmulatorState,
  type JoinOptions,
  type JoinResult,
  type LeaveOptions,
  type LeaveResult,
  type PeerSummary,
} from "./control";
import type { FaultRule, FaultSpec } from "./faults";
import { API_PREFIX, LOOPBACK_HOST } from "./limits";
import { type EmulatorOptions, resolveOptions } from "./options";
import type { RateLimitOptions, ResolvedRateLimit } from "./rateLimit";
import type { FiredFault, RequestLogEntry } from "./requestLog";
import { EmulatorServer } from "./server";
import { DEFAULT_VARIANTS, type EmulatorVariants, FLIPPED_VARIANTS } from "./variants";
import type { DeliveryAttempt, WebhookDeliveryOptions } from "./webhookDelivery";

export { Clock, DEFAULT_VARIANTS, FLIPPED_VARIANTS };
export type {
  ClockOptions,
  DeliveryAttempt,
  EmulatorOptions,
  EmulatorState,
  EmulatorVariants,
  FaultRule,
  FaultSpec,
  FiredFault,
  JoinOptions,
  JoinResult,
  LeaveOptions,
  LeaveResult,
  PeerSummary,
  RateLimitOptions,
  RequestLogEntry,
  ResolvedRateLimit,
  WebhookDeliveryOptions,
};

/** A running emulator: where it listens, the credentials to use, and control helpers. */
export interface RunningEmulator {
  /** API base URL, ending in `/client/v4` (pass it as the SDK's `baseURL`). */
  readonly url: string;
  /** `http://127.0.0.1:<port>`: root of the control API (`/__emulator`) and `/.well-known/webhooks.json`. */
  readonly origin: string;
  /** The bound port. */
  readonly port: number;
  /** The account id the emulator serves (32 hex characters unless configured). */
  readonly accountId: string;
  /** Id of the app created at start-up. */
  readonly appId: string;
  /** The API token to send as `Authorization: Bearer <token>`. */
  readonly token: string;
  /** The webhook signing public key (PEM, SPKI), also served at `/.well-known/webhooks.json`. */
  readonly publicKeyPem: string;
  /** The answers this emulator gives to the open questions (defaults applied). */
  readonly variants: EmulatorVariants;

  /** Stops the server, pending webhook retries and timers. */
  close(): Promise<void>;
  /** Back to the start-up state (see `POST /__emulator/reset`). */
  reset(): void;
  /** Participants join a meeting: a number, or {@link JoinOptions}. 409 error if the meeting is INACTIVE. */
  join(meetingId: string, options?: number | JoinOptions): JoinResult;
  /** Peers leave a meeting's live session: a number, {@link LeaveOptions}, or everyone when omitted. */
  leave(meetingId: string, options?: number | LeaveOptions): LeaveResult;
  /** Moves the emulator clock forward (keep-alive timers and rate-limit windows follow); returns the new ISO time. */
  advanceClock(ms: number): string;
  /** Sets the emulator clock; returns the new ISO time. */
  setClock(time: Date | string | number): string;
  /** The emulator clock's current ISO time. */
  now(): string;
  /** Sets the fixed latency added to every API response, in ms. */
  setLatency(ms: number): void;
  /** Replaces the rate-limit settings (clearing counters and blocks), or `false` to switch it off. */
  setRateLimit(options: RateLimitOptions | false): void;
  /** Fault injection: `add` a {@link FaultSpec}, `list` or `clear` them. */
  readonly faults: {
    add(spec: FaultSpec): FaultRule;
    list(): FaultRule[];
    clear(): void;
  };
  /** Every API request received, in order. */
  requests(): RequestLogEntry[];
  /** Forgets the request log. */
  clearRequests(): void;
  /** Every webhook delivery attempt so far. */
  deliveries(): DeliveryAttempt[];
  /** Waits until no webhook delivery is pending (retries included), then returns every attempt. */
  waitForDeliveries(): Promise<DeliveryAttempt[]>;
  /** Webhook helpers: `idle()` resolves when no delivery is pending. */
  readonly webhooks: {
    idle(): Promise<void>;
    readonly publicKeyPem: string;
  };
  /** Every stored object (write-only secrets included), for comparisons. */
  state(): EmulatorState;
}

/**
 * Starts an emulator on 127.0.0.1. With no options it picks a free port, makes up an account id,
 * an app (named "default") and a token, and enforces Cloudflare's rate limit (1,200 requests per
 * 5 minutes per token, then a 5-minute block); pass `rateLimit: false` to switch that off.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  // A clock passed in by the caller may be shared; only stop the real-time driver of our own.
  const ownsClock = !(options.clock instanceof Clock);
  const ctx = new EmulatorContext(resolved);
  const control = new Controller(ctx);
  const server = new EmulatorServer(ctx, control);
  let port: number;
  try {
    port = await server.listen(resolved.port);
  } catch (error) {
    ctx.dispatcher.close();
    if (ownsClock) {
      ctx.clock.dispose();
    }
    throw error;
  }
  const origin = `http://${LOOPBACK_HOST}:${port}`;
  let closed: Promise<void> | undefined;

  return {
    url: `${origin}${API_PREFIX}`,
    origin,
    port,
    accountId: resolved.accountId,
    appId: resolved.appId,
    token: resolved.token,
    publicKeyPem: ctx.signer.publicKeyPem,
    variants: resolved.variants,
    close: () => {
      closed ??= (async () => {
        ctx.dispatcher.close();
        ctx.sessions.cancelTimers();
        if (ownsClock) {
          ctx.clock.dispose();
        }
        await server.close();
      })();
      return closed;
    },
    reset: () => control.reset(),
    join: (meetingId, joinOptions) => control.join(meetingId, typeof joinOptions === "number" ? { count: joinOptions } : joinOptions),
    leave: (meetingId, leaveOptions) => control.leave(meetingId, typeof leaveOptions === "number" ? { count: leaveOptions } : leaveOptions),
    advanceClock: (ms) => control.advanceClock(ms),
    setClock: (time) => control.setClock(time),
    now: () => control.now(),
    setLatency: (ms) => control.setLatency(ms),
    setRateLimit: (rateLimit) => control.setRateLimit(rateLimit),
    faults: {
      add: (spec) => control.addFault(spec),
      list: () => control.faults(),
      clear: () => control.clearFaults(),
    },
    requests: () => control.requests(),
    clearRequests: () => control.clearRequests(),
    deliveries: () => control.deliveries(),
    waitForDeliveries: () => control.waitForDeliveries(),
    webhooks: {
      idle: () => ctx.dispatcher.idle(),
      publicKeyPem: ctx.signer.publicKeyPem,
    },
    state: () => control.state(),
  };
}
