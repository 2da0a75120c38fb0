/**
 * Webhook signature verification with WebCrypto (`crypto.subtle`), for runtimes without
 * `node:crypto` such as Cloudflare Workers. Node 20 has the same globals.
 *
 * {@link verifyWebhookSignatureAsync} is deliberately self-contained (no imports, no helpers outside
 * its body, only the globals `crypto`, `atob` and `TextEncoder`), so that its source text
 * (`verifyWebhookSignatureAsync.toString()`) can be pasted into a Worker script that is uploaded
 * without a bundler; see `examples/cloudflare-worker-webhook`.
 */

/** The slice of WebCrypto this module uses (declared here so no DOM or Workers types are needed). */
interface SubtleCryptoSlice {
  importKey(
    format: "spki",
    keyData: Uint8Array,
    algorithm: { name: string; hash: string },
    extractable: boolean,
    keyUsages: string[],
  ): Promise<unknown>;
  verify(algorithm: string, key: unknown, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
}

// The runtime's global WebCrypto object (Node 20, Workers, browsers), typed locally.
declare const crypto: { readonly subtle: SubtleCryptoSlice };

/**
 * Checks a RealtimeKit webhook signature with WebCrypto: `signature` (the `rtk-signature` header)
 * must be the base64 RSASSA-PKCS1-v1_5 / SHA-256 signature of exactly `rawBody` (the bytes as
 * received, before any JSON parsing) under `publicKeyPem` (PEM, SPKI: `-----BEGIN PUBLIC KEY-----`).
 *
 * Never throws and never rejects: malformed signatures, keys or bodies resolve to `false`.
 *
 * @param rawBody - the request body exactly as received; a string is encoded as UTF-8.
 * @param signature - the `rtk-signature` header (standard base64).
 * @param publicKeyPem - the public key from `https://api.realtime.cloudflare.com/.well-known/webhooks.json`.
 * @example
 * ```ts
 * const raw = await request.arrayBuffer();
 * const ok = await verifyWebhookSignatureAsync(raw, request.headers.get("rtk-signature") ?? "", publicKeyPem);
 * ```
 */
export async function verifyWebhookSignatureAsync(
  rawBody: string | ArrayBuffer | Uint8Array,
  signature: string,
  publicKeyPem: string,
): Promise<boolean> {
  try {
    if (typeof signature !== "string" || typeof publicKeyPem !== "string") {
      return false;
    }
    const base64 = /^[A-Za-z0-9+/]+={0,2}$/;
    const sig = signature.trim();
    const keyBody = publicKeyPem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, "").replace(/\s+/g, "");
    if (sig.length % 4 !== 0 || !base64.test(sig) || !publicKeyPem.includes("-----BEGIN PUBLIC KEY-----") || !base64.test(keyBody)) {
      return false;
    }
    const bytes = (text: string): Uint8Array => {
      const binary = atob(text);
      const out = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) {
        out[i] = binary.charCodeAt(i);
      }
      return out;
    };
    let data: Uint8Array;
    if (typeof rawBody === "string") {
      data = new TextEncoder().encode(rawBody);
    } else if (ArrayBuffer.isView(rawBody)) {
      data = new Uint8Array(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
    } else if (rawBody instanceof ArrayBuffer) {
      data = new Uint8Array(rawBody);
    } else {
      return false;
    }
    const key = await crypto.subtle.importKey("spki", bytes(keyBody), { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["verify"]);
    return await crypto.subtle.verify("RSASSA-PKCS1-v1_5", key, bytes(sig), data);
  } catch {
    return false;
  }
}
