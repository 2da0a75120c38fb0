/**
 * Named constants for every documented limit, default and enum the emulator enforces, plus the
 * error codes it answers with. One place, so a change in the real API is a one-line change here
 * (the Miniflare `KVLimits` pattern). Values marked "assumed" settle a
 * question the published API leaves open; each is listed with its evidence in `emulator/README.md`.
 */

/** Path prefix of the Cloudflare v4 API; the emulator's `url` ends with it. */
export const API_PREFIX = "/client/v4";

/** Path prefix of the emulator's own control API (no authentication). */
export const CONTROL_PREFIX = "/__emulator";

/** Path of the public-key document webhook receivers fetch to verify `rtk-signature`. */
export const WEBHOOK_KEYS_PATH = "/.well-known/webhooks.json";

/** The only interface the emulator binds to. */
export const LOOPBACK_HOST = "127.0.0.1";

/** Port used by the CLI when `--port` is not given. */
export const DEFAULT_CLI_PORT = 8787;

/** Name of the app created at start-up (and again on reset). */
export const DEFAULT_APP_NAME = "default";

/** Largest request body accepted, in bytes (413 above it). Assumed. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Global Cloudflare API rate limit: 1,200 requests per 5 minutes per token, then a 5-minute block. */
export const RATE_LIMIT_DEFAULTS = Object.freeze({
  limit: 1200,
  windowMs: 300_000,
  lockoutMs: 300_000,
});

/** Session keep-alive after the last participant leaves: default 60 s, 60 to 600 s (spec `minimum` / `maximum`; FAQ). */
export const KEEP_ALIVE = Object.freeze({ defaultSecs: 60, minSecs: 60, maxSecs: 600 });

/** `ai_config.summarization.word_limit`: 150 to 1,000 (spec). */
export const SUMMARY_WORD_LIMIT = Object.freeze({ min: 150, max: 1000 });

/** `recording_config.video_config.width` / `height`: 1 to 1,920 pixels (spec); watermark sizes at least 1. */
export const RECORDING_VIDEO_PIXELS = Object.freeze({ min: 1, max: 1920 });

/** A preset's camera frame rate (`config.media.video.frame_rate`): at most 30 (spec). */
export const PRESET_VIDEO_MAX_FRAME_RATE = 30;

/** `recording_config.max_seconds`: "from 60 seconds to 24 hours" (SDK field description). */
export const RECORDING_MAX_SECONDS = Object.freeze({ min: 60, max: 86_400 });

/** Pagination: `page_no` starts at 1 (0 is read as 1); `per_page` default 20, maximum 100. Assumed. */
export const PAGING = Object.freeze({ firstPage: 1, defaultPerPage: 20, maxPerPage: 100 });

/** Participant tokens are JWTs valid for 100 days (FAQ). */
export const PARTICIPANT_TOKEN_TTL_SECS = 100 * 24 * 60 * 60;

/** Webhook delivery: attempts after the first wait these delays; each attempt times out after `timeoutMs`. */
export const WEBHOOK_DELIVERY_DEFAULTS = Object.freeze({
  retryDelaysMs: Object.freeze([100, 200, 400]) as readonly number[],
  timeoutMs: 5_000,
});

/** User-Agent the emulator sends with webhook deliveries. */
export const WEBHOOK_USER_AGENT = "RealtimeKit-Emulator-Webhooks/1.0";

/** The nine webhook event names, the same everywhere in SDK 7.3.0. */
export const WEBHOOK_EVENTS = [
  "meeting.started",
  "meeting.ended",
  "meeting.participantJoined",
  "meeting.participantLeft",
  "meeting.chatSynced",
  "recording.statusUpdate",
  "livestreaming.statusUpdate",
  "meeting.transcript",
  "meeting.summary",
] as const;

/** One of {@link WEBHOOK_EVENTS}. */
export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];

/** Why a session ended, as sent in `meeting.ended`. */
export type SessionEndReason = "HOST_ENDED_MEETING" | "ALL_PARTICIPANTS_LEFT";

/** Meeting status values. */
export const MEETING_STATUSES = ["ACTIVE", "INACTIVE"] as const;

/** Meeting status. */
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** Session status values. */
export const SESSION_STATUSES = ["LIVE", "ENDED"] as const;

/** Sort orders accepted by lists that can sort. */
export const SORT_ORDERS = ["ASC", "DESC"] as const;

/** Session list `sort_by` values. */
export const SESSION_SORT_BY = ["minutesConsumed", "createdAt"] as const;

/**
 * Error codes in error bodies. RealtimeKit puts the HTTP status in `error.code`; the gateway-level
 * errors (401/403/429) use Cloudflare v4 codes (modelled on the v4 API; unconfirmed for RealtimeKit).
 */
export const ERROR_CODES = Object.freeze({
  /** v4: missing or malformed `Authorization: Bearer` header. */
  unauthenticated: 10001,
  /** v4: a token that is well-formed but not valid. */
  invalidToken: 9109,
  /** v4: the token is valid but not for this account. */
  accountForbidden: 10000,
  /** v4: rate limited. */
  rateLimited: 971,
});

/** Fixed messages of the gateway-level errors. */
export const GATEWAY_MESSAGES = Object.freeze({
  unauthenticated: "Unable to authenticate request: send Authorization: Bearer <API token>",
  invalidToken: "Invalid access token",
  accountForbidden: "Authentication error: the token has no access to this account",
  rateLimited: "Rate limited: too many requests, please wait and try again later",
});
