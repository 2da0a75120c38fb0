/**
 * A webhook receiver on 127.0.0.1 for the engine tests and the demo: records every POST with its
 * raw body and verifies `rtk-signature` (base64 RSASSA-PKCS1-v1_5 / SHA-256 over the raw bytes)
 * with the public key published at `<origin>/.well-known/webhooks.json`.
 */
import { createPublicKey, verify } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One delivery as it arrived. */
export interface ReceivedDelivery {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The exact bytes received; the signature covers these, not re-serialised JSON. */
  readonly rawBody: Buffer;
  /** `rawBody` parsed as JSON (undefined when it is not JSON). */
  readonly body: unknown;
  readonly receivedAt: Date;
}

/** A running receiver. */
export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/realtimekit-webhook` */
  readonly url: string;
  readonly deliveries: readonly ReceivedDelivery[];
  /** Resolves with the first delivery (already received or arriving later) that matches. */
  waitFor(match: (delivery: ReceivedDelivery) => boolean, timeoutMs?: number): Promise<ReceivedDelivery>;
  close(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1 and an OS-chosen port. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const deliveries: ReceivedDelivery[] = [];
  const waiters = new Set<() => void>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const rawBody = Buffer.concat(chunks);
      let body: unknown;
      try {
        body = JSON.parse(rawBody.toString("utf8"));
      } catch {
        body = undefined;
      }
      deliveries.push({ path: request.url ?? "/", headers: request.headers, rawBody, body, receivedAt: new Date() });
      response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      for (const wake of [...waiters]) {
        wake();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/realtimekit-webhook`,
    deliveries,
    waitFor(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = deliveries.find(match);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
          return found !== undefined;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching webhook delivery within ${timeoutMs} ms (${deliveries.length} received)`));
        }, timeoutMs);
        if (!check()) {
          waiters.add(check);
        }
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Downloads the signing key from `<origin>/.well-known/webhooks.json` (PEM, SPKI). */
export async function fetchWebhookPublicKey(origin: string): Promise<string> {
  const response = await fetch(new URL("/.well-known/webhooks.json", origin));
  if (!response.ok) {
    throw new Error(`GET /.well-known/webhooks.json answered ${response.status}`);
  }
  const document = (await response.json()) as { data?: { publicKey?: string } };
  const publicKey = document.data?.publicKey;
  if (typeof publicKey !== "string") {
    throw new Error("/.well-known/webhooks.json has no data.publicKey");
  }
  return publicKey;
}

/** True when the delivery's `rtk-signature` verifies over its raw body with `publicKeyPem`. */
export function verifyDeliverySignature(delivery: ReceivedDelivery, publicKeyPem: string): boolean {
  const signature = delivery.headers["rtk-signature"];
  if (typeof signature !== "string" || signature === "") {
    return false;
  }
  return verify("sha256", delivery.rawBody, createPublicKey(publicKeyPem), Buffer.from(signature, "base64"));
}
