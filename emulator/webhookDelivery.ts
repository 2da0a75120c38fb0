/**
 * Webhook delivery: HTTP POST of the JSON payload to each subscribed webhook's URL, signed over
 * the exact body bytes (`rtk-signature`), with `rtk-uuid` (new for every attempt) and
 * `rtk-webhook-id`. Any 2xx is success; 5xx and network errors are retried after the configured
 * delays; any other status fails at once. Deliveries run in the background (an API call never
 * waits for them); deliveries to one webhook go out in event order, one at a time.
 * {@link WebhookDispatcher.idle} resolves once nothing is pending.
 */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Clock } from "./clock";
import type { WebhookPayload } from "./events";
import { newId } from "./ids";
import { WEBHOOK_DELIVERY_DEFAULTS, WEBHOOK_USER_AGENT } from "./limits";
import type { WebhookSigner } from "./signing";

/** Delivery settings. */
export interface WebhookDeliveryOptions {
  /**
   * Delays before the 2nd, 3rd, … attempt, in real milliseconds; its length is the retry count.
   * @default [100, 200, 400]
   */
  readonly retryDelaysMs?: readonly number[];
  /**
   * Per-attempt timeout in real milliseconds.
   * @default 5000
   */
  readonly timeoutMs?: number;
}

/** Where to deliver: a webhook's id and URL. */
export interface DeliveryTarget {
  readonly webhookId: string;
  readonly url: string;
}

/** One delivery attempt, as listed by `GET /__emulator/webhook-deliveries`. */
export interface DeliveryAttempt {
  /** Id shared by all attempts of one event to one webhook. */
  readonly deliveryId: string;
  readonly webhookId: string;
  readonly url: string;
  readonly event: string;
  /** 1-based attempt number. */
  readonly attempt: number;
  /** The `rtk-uuid` header of this attempt. */
  readonly rtkUuid: string;
  /** Emulator clock time when the attempt was sent (ISO). */
  readonly time: string;
  /** HTTP status received, or `null` after a network error or timeout. */
  readonly status: number | null;
  /** The network error or timeout, or `null`. */
  readonly error: string | null;
  /** `delivered` (2xx), `retrying` (another attempt follows) or `failed` (final). */
  readonly outcome: "delivered" | "retrying" | "failed";
  /** The exact body sent (the signed bytes, as UTF-8). */
  readonly body: string;
}

interface AttemptResult {
  readonly status: number | null;
  readonly error: string | null;
}

/** Sends and records webhook deliveries. */
export class WebhookDispatcher {
  private readonly retryDelaysMs: readonly number[];
  private readonly timeoutMs: number;
  private attemptsLog: DeliveryAttempt[] = [];
  /** Tail of each webhook's queue, so its deliveries go out in order. */
  private queues = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();
  private readonly sleeps = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
  /** Bumped by reset/close; jobs of an older generation stop and record nothing. */
  private generation = 0;
  private closed = false;

  constructor(
    private readonly signer: WebhookSigner,
    private readonly clock: Clock,
    options: WebhookDeliveryOptions = {},
  ) {
    this.retryDelaysMs = [...(options.retryDelaysMs ?? WEBHOOK_DELIVERY_DEFAULTS.retryDelaysMs)];
    this.timeoutMs = options.timeoutMs ?? WEBHOOK_DELIVERY_DEFAULTS.timeoutMs;
    if (this.retryDelaysMs.some((d) => !Number.isFinite(d) || d < 0) || !(this.timeoutMs > 0)) {
      throw new RangeError("webhookDelivery: retryDelaysMs must be non-negative numbers and timeoutMs positive");
    }
  }

  /** Queues `payload` for every target; returns at once. Does nothing once closed. */
  dispatch(targets: readonly DeliveryTarget[], payload: WebhookPayload): void {
    if (this.closed) {
      return;
    }
    const body = Buffer.from(JSON.stringify(payload));
    const generation = this.generation;
    for (const target of targets) {
      const previous = this.queues.get(target.webhookId) ?? Promise.resolve();
      const job = previous.then(() => this.deliver(target, payload.event, body, generation));
      this.queues.set(target.webhookId, job);
      this.pending.add(job);
      void job.finally(() => {
        this.pending.delete(job);
        if (this.queues.get(target.webhookId) === job) {
          this.queues.delete(target.webhookId);
        }
      });
    }
  }

  /** Every attempt so far, in order (copies). */
  attempts(): DeliveryAttempt[] {
    return this.attemptsLog.map((attempt) => ({ ...attempt }));
  }

  /** Resolves when no delivery is queued, in flight or waiting to retry. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) {
      await Promise.allSettled([...this.pending]);
    }
  }

  /** Stops pending retries and forgets the attempt log (in-flight requests finish unrecorded). */
  reset(): void {
    this.generation++;
    for (const sleep of this.sleeps) {
      clearTimeout(sleep.timer);
      sleep.wake();
    }
    this.sleeps.clear();
    this.attemptsLog = [];
  }

  /** Stops for good: pending retries are dropped and later events are not delivered. */
  close(): void {
    this.closed = true;
    this.reset();
  }

  private async deliver(target: DeliveryTarget, event: string, body: Buffer, generation: number): Promise<void> {
    const deliveryId = newId();
    const maxAttempts = this.retryDelaysMs.length + 1;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (generation !== this.generation) {
        return;
      }
      const rtkUuid = newId();
      const time = this.clock.iso();
      const result = await this.send(target, body, rtkUuid);
      if (generation !== this.generation) {
        return;
      }
      const delivered = result.status !== null && result.status >= 200 && result.status < 300;
      const retryable = result.status === null || result.status >= 500;
      const outcome = delivered ? "delivered" : retryable && attempt < maxAttempts ? "retrying" : "failed";
      this.attemptsLog.push({
        deliveryId,
        webhookId: target.webhookId,
        url: target.url,
        event,
        attempt,
        rtkUuid,
        time,
        status: result.status,
        error: result.error,
        outcome,
        body: body.toString("utf8"),
      });
      if (outcome !== "retrying") {
        return;
      }
      await this.sleep(this.retryDelaysMs[attempt - 1]);
    }
  }

  private send(target: DeliveryTarget, body: Buffer, rtkUuid: string): Promise<AttemptResult> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (result: AttemptResult): void => {
        if (!settled) {
          settled = true;
          resolve(result);
        }
      };
      let url: URL;
      try {
        url = new URL(target.url);
      } catch {
        finish({ status: null, error: `invalid URL ${target.url}` });
        return;
      }
      const send = url.protocol === "https:" ? httpsRequest : httpRequest;
      const req = send(url, {
        method: "POST",
        agent: false,
        headers: {
          "content-type": "application/json",
          "content-length": String(body.length),
          "user-agent": WEBHOOK_USER_AGENT,
          "rtk-signature": this.signer.sign(body),
          "rtk-uuid": rtkUuid,
          "rtk-webhook-id": target.webhookId,
          connection: "close",
        },
      });
      req.setTimeout(this.timeoutMs, () => {
        req.destroy(new Error(`timed out after ${this.timeoutMs} ms`));
      });
      req.on("response", (res) => {
        res.resume();
        res.on("end", () => finish({ status: res.statusCode ?? null, error: null }));
        res.on("error", () => finish({ status: res.statusCode ?? null, error: null }));
      });
      req.on("error", (error: NodeJS.ErrnoException) => {
        finish({ status: null, error: error.code ?? error.message });
      });
      req.end(body);
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.sleeps.delete(entry);
          resolve();
        }, ms),
        wake: resolve,
      };
      this.sleeps.add(entry);
    });
  }
}
