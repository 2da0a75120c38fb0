/**
 * Verifying RealtimeKit webhook deliveries in Node: each delivery carries `rtk-signature`, the
 * base64 RSASSA-PKCS1-v1_5 / SHA-256 signature of the raw body bytes; the public key is published at
 * {@link DEFAULT_WEBHOOK_PUBLIC_KEY_URL} in the envelope `{ success, data: { publicKey }, message }`.
 */
import { KeyObject, constants, createPublicKey, verify as verifySignature } from "node:crypto";
import { RealtimeKitError } from "../client/errors";

/** Where RealtimeKit publishes the public key that signs webhook deliveries. */
export const DEFAULT_WEBHOOK_PUBLIC_KEY_URL = "https://api.realtime.cloudflare.com/.well-known/webhooks.json";

/** The request header carrying a delivery's signature. */
export const WEBHOOK_SIGNATURE_HEADER = "rtk-signature";

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Decodes strict standard base64 (padded), or `undefined` for anything else. */
function decodeBase64(text: string): Buffer | undefined {
  const trimmed = text.trim();
  return trimmed.length % 4 === 0 && BASE64.test(trimmed) ? Buffer.from(trimmed, "base64") : undefined;
}

/** The last key parsed, so that verifying many deliveries with one key parses it once. */
let lastKey: { pem: string; key: KeyObject } | undefined;

function rsaPublicKey(pem: string): KeyObject | undefined {
  if (lastKey?.pem === pem) {
    return lastKey.key;
  }
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== "rsa") {
    return undefined;
  }
  lastKey = { pem, key };
  return key;
}

/** The body as bytes: a string is UTF-8 encoded; other types give `undefined`. */
function bodyBytes(rawBody: unknown): Buffer | undefined {
  if (typeof rawBody === "string") {
    return Buffer.from(rawBody, "utf8");
  }
  if (Buffer.isBuffer(rawBody)) {
    return rawBody;
  }
  if (rawBody instanceof Uint8Array) {
    return Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
  }
  return undefined;
}

/**
 * Checks a RealtimeKit webhook signature: `signature` (the `rtk-signature` header) must be the
 * base64 RSASSA-PKCS1-v1_5 / SHA-256 signature of exactly `rawBody` under `publicKeyPem`.
 *
 * Verify the raw bytes as received, before parsing: re-serialized JSON does not verify. Never
 * throws: a malformed signature, key or body gives `false`.
 *
 * @param rawBody - the request body exactly as received (a string is encoded as UTF-8).
 * @param signature - the `rtk-signature` header, standard base64.
 * @param publicKeyPem - the RSA public key (PEM), e.g. from {@link createWebhookVerifier} or
 *   `GET https://api.realtime.cloudflare.com/.well-known/webhooks.json`.
 * @example
 * ```ts
 * app.post("/rtk", express.raw({ type: "application/json" }), (req, res) => {
 *   if (!verifyWebhookSignature(req.body, req.get("rtk-signature") ?? "", publicKeyPem)) return res.sendStatus(401);
 *   const event = JSON.parse(req.body.toString("utf8"));
 *   res.sendStatus(204);
 * });
 * ```
 */
export function verifyWebhookSignature(rawBody: string | Buffer | Uint8Array, signature: string, publicKeyPem: string): boolean {
  try {
    if (typeof signature !== "string" || typeof publicKeyPem !== "string") {
      return false;
    }
    const decoded = decodeBase64(signature);
    const data = bodyBytes(rawBody);
    const key = decoded === undefined || data === undefined ? undefined : rsaPublicKey(publicKeyPem);
    if (decoded === undefined || data === undefined || key === undefined) {
      return false;
    }
    return verifySignature("sha256", data, { key, padding: constants.RSA_PKCS1_PADDING }, decoded);
  } catch {
    return false;
  }
}

/** Options of {@link createWebhookVerifier}. */
export interface WebhookVerifierOptions {
  /**
   * Where the public key is published, as `{ success: true, data: { publicKey: "<PEM>" }, message: "" }`.
   * Point it at an emulator (`<emulator origin>/.well-known/webhooks.json`) in tests.
   * @default "https://api.realtime.cloudflare.com/.well-known/webhooks.json"
   */
  publicKeyUrl?: string;
  /** How long a fetched key is used before it is fetched again, in ms. @default 3_600_000 (one hour) */
  cacheTtlMs?: number;
  /**
   * After a signature fails to verify, the key is fetched again (it may have been rotated) unless
   * it was fetched less than this many ms ago. Keeps forged requests from hammering the key URL.
   * @default 30_000
   */
  minRefetchIntervalMs?: number;
  /** Timeout of one key download, in ms. @default 10_000 */
  timeoutMs?: number;
  /** The `fetch` to download the key with. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Clock in ms since the epoch (for tests). @default Date.now */
  now?: () => number;
}

/** Verifies deliveries with a cached copy of the published public key; see {@link createWebhookVerifier}. */
export interface WebhookVerifier {
  /**
   * Resolves `true` when `signature` is a valid signature of `rawBody`. Uses the cached key; when
   * verification fails, fetches the key once more (key rotation, at most once per
   * `minRefetchIntervalMs`) and tries again. A missing or malformed signature resolves `false`
   * without any download.
   * @throws {@link RealtimeKitError} only when no key could be downloaded at all (answer 5xx, so
   *   RealtimeKit retries the delivery).
   */
  verify(rawBody: string | Buffer | Uint8Array, signature: string | null | undefined): Promise<boolean>;
  /** The current public key (PEM), downloaded when there is none or it is older than `cacheTtlMs`. */
  publicKey(): Promise<string>;
  /** Downloads the key now, replacing the cached one. */
  refresh(): Promise<string>;
}

/** Parses the well-known document, failing with a message that names the URL. */
function publicKeyOf(document: unknown, url: string): string {
  const data = typeof document === "object" && document !== null ? (document as Record<string, unknown>).data : undefined;
  const key = typeof data === "object" && data !== null ? (data as Record<string, unknown>).publicKey : undefined;
  if ((document as Record<string, unknown> | null)?.success !== true || typeof key !== "string" || !key.includes("PUBLIC KEY")) {
    throw new RealtimeKitError(`Webhook public key fetch failed: ${url} did not answer { success: true, data: { publicKey: "<PEM>" } }`);
  }
  return key;
}

/**
 * Creates a verifier that downloads RealtimeKit's webhook public key, caches it for `cacheTtlMs`,
 * and downloads it again once when a signature fails (the key may have been rotated).
 * Concurrent calls share one download.
 *
 * @example
 * ```ts
 * const verifier = createWebhookVerifier();
 * http.createServer(async (req, res) => {
 *   const raw = Buffer.concat(await Array.fromAsync(req));
 *   const ok = await verifier.verify(raw, req.headers["rtk-signature"] as string | undefined);
 *   res.writeHead(ok ? 204 : 401).end();
 * });
 * ```
 */
export function createWebhookVerifier(options: WebhookVerifierOptions = {}): WebhookVerifier {
  const url = options.publicKeyUrl ?? DEFAULT_WEBHOOK_PUBLIC_KEY_URL;
  const ttl = options.cacheTtlMs ?? 3_600_000;
  const minRefetch = options.minRefetchIntervalMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const now = options.now ?? Date.now;
  let cached: { pem: string; fetchedAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  async function download(): Promise<string> {
    const fetchImpl = options.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await fetchImpl(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new RealtimeKitError(`Webhook public key fetch failed: GET ${url}: ${(error as Error).message}`);
    }
    if (!response.ok) {
      throw new RealtimeKitError(`Webhook public key fetch failed: GET ${url} answered ${response.status}`);
    }
    let document: unknown;
    try {
      document = await response.json();
    } catch {
      throw new RealtimeKitError(`Webhook public key fetch failed: GET ${url} did not answer JSON`);
    }
    return publicKeyOf(document, url);
  }

  function refresh(): Promise<string> {
    inflight ??= download()
      .then((pem) => {
        cached = { pem, fetchedAt: now() };
        return pem;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  }

  async function publicKey(): Promise<string> {
    if (cached !== undefined && now() - cached.fetchedAt < ttl) {
      return cached.pem;
    }
    return refresh();
  }

  async function verify(rawBody: string | Buffer | Uint8Array, signature: string | null | undefined): Promise<boolean> {
    if (typeof signature !== "string" || decodeBase64(signature) === undefined || bodyBytes(rawBody) === undefined) {
      return false;
    }
    const pem = await publicKey();
    if (verifyWebhookSignature(rawBody, signature, pem)) {
      return true;
    }
    if (cached !== undefined && cached.pem !== pem) {
      // Another delivery already fetched a newer key meanwhile.
      return verifyWebhookSignature(rawBody, signature, cached.pem);
    }
    if (cached !== undefined && now() - cached.fetchedAt < minRefetch) {
      return false;
    }
    let fresh: string;
    try {
      fresh = await refresh();
    } catch {
      return false; // keep the old key; the signature did not verify with it
    }
    return fresh !== pem && verifyWebhookSignature(rawBody, signature, fresh);
  }

  return { verify, publicKey, refresh };
}
