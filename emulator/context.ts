/**
 * The composition root: one instance per running emulator, holding the store, clock, session
 * model, webhook dispatcher, rate limiter, fault injector and request log that routes and the
 * control API share.
 */
import { randomBytes } from "node:crypto";
import type { Clock } from "./clock";
import type { WebhookPayload } from "./events";
import { FaultInjector } from "./faults";
import { signParticipantToken } from "./ids";
import { PARTICIPANT_TOKEN_TTL_SECS } from "./limits";
import type { ResolvedOptions } from "./options";
import { RateLimiter } from "./rateLimit";
import { RequestLog } from "./requestLog";
import { SessionManager } from "./sessions";
import { WebhookSigner } from "./signing";
import { type AppData, type ParticipantRecord, Store } from "./store";
import { WebhookDispatcher } from "./webhookDelivery";

/** Shared state and services of one emulator. */
export class EmulatorContext {
  readonly options: ResolvedOptions;
  readonly clock: Clock;
  readonly store = new Store();
  readonly signer = new WebhookSigner();
  readonly dispatcher: WebhookDispatcher;
  readonly sessions: SessionManager;
  readonly rateLimiter: RateLimiter;
  readonly faults = new FaultInjector();
  readonly requestLog = new RequestLog();
  /** Current fixed latency added to API responses, in ms. */
  latencyMs: number;
  private readonly tokenSecret = randomBytes(32);

  constructor(options: ResolvedOptions) {
    this.options = options;
    this.clock = options.clock;
    this.latencyMs = options.latencyMs;
    this.dispatcher = new WebhookDispatcher(this.signer, this.clock, options.webhookDelivery);
    this.sessions = new SessionManager(this.clock, (app, payload) => this.deliverEvent(app, payload));
    this.rateLimiter = new RateLimiter(this.clock, options.rateLimit);
    this.createDefaultApp();
  }

  /**
   * Back to the start-up state: only the configured app (same id), no other objects, sessions,
   * timers, requests, deliveries or faults; rate-limit counters, rate-limit settings and latency
   * back to their configured values. The clock keeps its time.
   */
  reset(): void {
    this.sessions.cancelTimers();
    this.dispatcher.reset();
    this.store.clear();
    this.faults.reset();
    this.requestLog.clear();
    this.rateLimiter.configure(this.options.rateLimit);
    this.latencyMs = this.options.latencyMs;
    this.createDefaultApp();
  }

  /** Issues a new participant token (a JWT valid for 100 days). */
  issueToken(participant: ParticipantRecord): string {
    const iat = Math.floor(this.clock.now() / 1000);
    return signParticipantToken(
      {
        orgId: participant.app_id,
        meetingId: participant.meeting_id,
        participantId: participant.id,
        iat,
        exp: iat + PARTICIPANT_TOKEN_TTL_SECS,
      },
      this.tokenSecret,
    );
  }

  /** Sends an event to every enabled webhook of the app subscribed to it; disabled webhooks drop it. */
  private deliverEvent(app: AppData, payload: WebhookPayload): void {
    const targets = [...app.webhooks.values()]
      .filter((webhook) => webhook.enabled && webhook.events.includes(payload.event))
      .map((webhook) => ({ webhookId: webhook.id, url: webhook.url }));
    if (targets.length > 0) {
      this.dispatcher.dispatch(targets, payload);
    }
  }

  private createDefaultApp(): void {
    this.store.addApp({ id: this.options.appId, name: this.options.appName, created_at: this.clock.iso() });
  }
}
