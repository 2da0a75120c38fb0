/**
 * The webhook signing key. RealtimeKit signs the raw body bytes of every delivery with
 * RSASSA-PKCS1-v1_5 / SHA-256 and publishes the public key (PEM, SPKI) at
 * `/.well-known/webhooks.json`; the emulator does the same with a key pair made at start-up.
 */
import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";

/** An RSA key pair used to sign webhook deliveries. */
export class WebhookSigner {
  /** The public key as PEM (SPKI), as served at `/.well-known/webhooks.json`. */
  readonly publicKeyPem: string;
  private readonly privateKey: KeyObject;

  constructor() {
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  }

  /** Base64 RSA-SHA256 (PKCS #1 v1.5) signature of exactly these bytes: the `rtk-signature` header. */
  sign(body: Buffer): string {
    return sign("sha256", body, this.privateKey).toString("base64");
  }

  /** The body of `GET /.well-known/webhooks.json`. */
  wellKnownDocument(): unknown {
    return { success: true, data: { publicKey: this.publicKeyPem }, message: "" };
  }
}
