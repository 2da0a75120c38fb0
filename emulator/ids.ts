/**
 * Identifiers and tokens: UUID ids (as the API uses for every object), 32-hex account ids, API
 * tokens and participant JWTs.
 */
import { createHmac, randomBytes, randomUUID } from "node:crypto";

/** A new random UUID (v4), the format of every RealtimeKit object id. */
export function newId(): string {
  return randomUUID();
}

/** A new 32-character lower-case hex string, the format of a Cloudflare account id. */
export function newAccountId(): string {
  return randomBytes(16).toString("hex");
}

/** A new random API token (40 URL-safe characters, like a Cloudflare API token). */
export function newApiToken(): string {
  return randomBytes(30).toString("base64url");
}

/** True for a string in UUID format (any version). */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** Claims carried by a participant token. */
export interface ParticipantTokenClaims {
  readonly orgId: string;
  readonly meetingId: string;
  readonly participantId: string;
  /** Issued-at, epoch seconds. */
  readonly iat: number;
  /** Expiry, epoch seconds. */
  readonly exp: number;
}

/**
 * Issues a participant token: an HS256 JWT carrying the meeting and participant ids. The real
 * tokens are signed by Cloudflare; these are only meant to look and decode alike.
 */
export function signParticipantToken(claims: ParticipantTokenClaims, secret: Buffer): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${encode({ alg: "HS256", typ: "JWT" })}.${encode({ ...claims, jti: randomUUID() })}`;
  const signature = createHmac("sha256", secret).update(unsigned).digest("base64url");
  return `${unsigned}.${signature}`;
}
