import assert from "node:assert/strict";
import { generateKeyPairSync, sign } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import {
  DEFAULT_WEBHOOK_PUBLIC_KEY_URL,
  createWebhookVerifier,
  verifyWebhookSignature,
  verifyWebhookSignatureAsync,
} from "../../provider/webhooks";
import { WebhookSigner } from "../../emulator/signing";

function rsaKeyPair() {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(), privateKey };
}

const keys = rsaKeyPair();
const otherKeys = rsaKeyPair();
const body = JSON.stringify({
  event: "meeting.ended",
  meeting: { id: "m1", title: "Daily standup — café" },
  reason: "ALL_PARTICIPANTS_LEFT",
});
const signature = sign("sha256", Buffer.from(body, "utf8"), keys.privateKey).toString("base64");
const ecPublicKeyPem = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "pem" }).toString();

type Verify = (rawBody: string | Buffer | Uint8Array, signature: string, pem: string) => boolean | Promise<boolean>;

function sharedCases(verify: Verify): void {
  it("accepts the signature of the raw body as a string, a Buffer and a Uint8Array", async () => {
    assert.equal(await verify(body, signature, keys.publicKeyPem), true);
    assert.equal(await verify(Buffer.from(body), signature, keys.publicKeyPem), true);
    const bytes = new Uint8Array(Buffer.from(`xx${body}`)).subarray(2);
    assert.equal(await verify(bytes, signature, keys.publicKeyPem), true);
  });

  it("accepts a signature with surrounding whitespace", async () => {
    assert.equal(await verify(body, ` ${signature}\n`, keys.publicKeyPem), true);
  });

  it("rejects a tampered body", async () => {
    assert.equal(await verify(body.replace("m1", "m2"), signature, keys.publicKeyPem), false);
    assert.equal(await verify(`${body} `, signature, keys.publicKeyPem), false);
    assert.equal(await verify(JSON.stringify(JSON.parse(body), null, 2), signature, keys.publicKeyPem), false);
  });

  it("rejects a signature made with another key", async () => {
    assert.equal(await verify(body, signature, otherKeys.publicKeyPem), false);
    const forged = sign("sha256", Buffer.from(body), otherKeys.privateKey).toString("base64");
    assert.equal(await verify(body, forged, keys.publicKeyPem), false);
  });

  it("rejects a SHA-1 signature of the right body", async () => {
    const sha1 = sign("sha1", Buffer.from(body), keys.privateKey).toString("base64");
    assert.equal(await verify(body, sha1, keys.publicKeyPem), false);
  });

  const garbageSignatures: Array<[string, unknown]> = [
    ["an empty signature", ""],
    ["a signature that is not base64", "not base64!!"],
    ["a base64url signature", signature.replace(/\+/g, "-").replace(/\//g, "_")],
    ["an unpadded fragment", "abc"],
    ["a short valid base64 string", "AAAA"],
    ["a hex signature", Buffer.from(signature, "base64").toString("hex")],
    ["undefined", undefined],
    ["null", null],
    ["a number", 42],
  ];
  for (const [description, value] of garbageSignatures) {
    it(`returns false for ${description} without throwing`, async () => {
      assert.equal(await verify(body, value as string, keys.publicKeyPem), false);
    });
  }

  const garbageKeys: Array<[string, unknown]> = [
    ["an empty key", ""],
    ["a truncated PEM", keys.publicKeyPem.slice(0, 80)],
    ["a PEM with garbage inside", "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n"],
    ["an EC key", ecPublicKeyPem],
    ["undefined", undefined],
  ];
  for (const [description, value] of garbageKeys) {
    it(`returns false for ${description} as the key without throwing`, async () => {
      assert.equal(await verify(body, signature, value as string), false);
    });
  }

  it("returns false for a body that is neither a string nor bytes", async () => {
    assert.equal(await verify(42 as unknown as string, signature, keys.publicKeyPem), false);
    assert.equal(await verify(null as unknown as string, signature, keys.publicKeyPem), false);
  });

  it("accepts what the emulator signs (an independent signer)", async () => {
    const signer = new WebhookSigner();
    const delivery = Buffer.from(JSON.stringify({ event: "meeting.started", meeting: { id: "x" } }));
    assert.equal(await verify(delivery, signer.sign(delivery), signer.publicKeyPem), true);
    assert.equal(await verify(delivery, signer.sign(Buffer.from("other")), signer.publicKeyPem), false);
  });
}

describe("verifyWebhookSignature (node:crypto)", () => {
  sharedCases(verifyWebhookSignature);
});

describe("verifyWebhookSignatureAsync (WebCrypto)", () => {
  sharedCases(verifyWebhookSignatureAsync as Verify);

  it("accepts an ArrayBuffer body", async () => {
    const bytes = Buffer.from(body);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    assert.equal(await verifyWebhookSignatureAsync(buffer, signature, keys.publicKeyPem), true);
  });

  it("is self-contained, so its source text can run where the module is not available", async () => {
    const source = verifyWebhookSignatureAsync.toString();
    assert.doesNotMatch(source, /require\(|_\d+\.|__awaiter|exports\./);
    const standalone = new Function(`return (${source});`)() as typeof verifyWebhookSignatureAsync;
    assert.equal(await standalone(body, signature, keys.publicKeyPem), true);
    assert.equal(await standalone(body, signature, otherKeys.publicKeyPem), false);
  });
});

/** A local server for the well-known document; its answer can be changed between requests. */
async function startKeyServer() {
  const state = {
    requests: 0,
    status: 200,
    document: { success: true, data: { publicKey: keys.publicKeyPem }, message: "" } as unknown,
    delayMs: 0,
  };
  const server = http.createServer((req, res) => {
    state.requests++;
    setTimeout(() => {
      if (req.url !== "/.well-known/webhooks.json") {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(state.status, { "content-type": "application/json" });
      res.end(typeof state.document === "string" ? state.document : JSON.stringify(state.document));
    }, state.delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    state,
    url: `http://127.0.0.1:${port}/.well-known/webhooks.json`,
    setKey(pem: string) {
      state.document = { success: true, data: { publicKey: pem }, message: "" };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("createWebhookVerifier", () => {
  let server: Awaited<ReturnType<typeof startKeyServer>>;
  let clock: number;
  const now = () => clock;

  beforeEach(async () => {
    server = await startKeyServer();
    clock = 1_000_000;
  });
  afterEach(async () => {
    await server.close();
  });

  it("defaults to RealtimeKit's well-known URL", () => {
    assert.equal(DEFAULT_WEBHOOK_PUBLIC_KEY_URL, "https://api.realtime.cloudflare.com/.well-known/webhooks.json");
  });

  it("downloads the key once and reuses it while it is fresh", async () => {
    const verifier = createWebhookVerifier({ publicKeyUrl: server.url, now });
    assert.equal(await verifier.verify(body, signature), true);
    clock += 3_599_999;
    assert.equal(await verifier.verify(Buffer.from(body), signature), true);
    assert.equal(server.state.requests, 1);
  });

  it("downloads the key again when the cache has expired", async () => {
    const verifier = createWebhookVerifier({ publicKeyUrl: server.url, now, cacheTtlMs: 1000 });
    assert.equal(await verifier.verify(body, signature), true);
    clock += 1000;
    assert.equal(await verifier.verify(body, signature), true);
    assert.equal(server.state.requests, 2);
  });

  it("fetches the key again once when a signature fails, and accepts a rotated key", async () => {
    const verifier = createWebhookVerifier({ publicKeyUrl: server.url, now });
    assert.equal(await verifier.verify(body, signature), true);
    clock += 60_000;
    server.setKey(otherKeys.publicKeyPem);
    const rotated = sign("sha256", Buffer.from(body), otherKeys.privateKey).toString("base64");
    assert.equal(await verifier.verify(body, rotated), true);
    assert.equal(server.state.requests, 2);
    assert.equal(await verifier.publicKey(), otherKeys.publicKeyPem);
    assert.equal(await verifier.verify(body, rotated), true);
    assert.equal(server.state.requests, 2);
  });

  it("refetches at most once per minRefetchIntervalMs for failing signatures", async () => {
    const verifier = createWebhookVerifier({ publicKeyUrl: server.url, now, minRefetchIntervalMs: 30_000 });
    const forged = sign("sha256", Buffer.from(body), otherKeys.privateKey).toString("base64");
    assert.equal(await verifier.verify(body, forged), false); // first download: too recent to refetch
    assert.equal(server.state.requests, 1);
    clock += 30_000;
    assert.equal(await verifier.verify(body, forged), false); // refetch once: same key, still false
    assert.equal(server.state.requests, 2);
    clock += 1000;
    assert.equal(await verifier.verify(body, forged), false);
    assert.equal(server.state.requests, 2);
  });

  it("does not download anything for a missing or malformed signature", async () => {
    const verifier = createWebhookVerifier({ publicKeyUrl: server.url, now });
    assert.equal(await verifier.verify(body, undefined), false);
    assert.equal(await verifier.verify(body, null), false);
    assert.equal(await verifier.verify(body, "%%%"), false);
    assert.equal(server.state.requests, 0);
  });

  it("shares one download between concurrent verifications", async () => {
    server.state.delayMs = 50;
    const verifier = createWebhookVerifier({ publicKeyUrl: server.url, now });
    const results = await Promise.all([1, 2, 3, 4].map(() => verifier.verify(body, signature)));
    assert.deepEqual(results, [true, true, true, true]);
    assert.equal(server.state.requests, 1);
  });

  it("rejects with the status when the key cannot be downloaded", async () => {
    server.state.status = 503;
    const verifier = createWebhookVerifier({ publicKeyUrl: server.url, now });
    await assert.rejects(verifier.verify(body, signature), {
      name: "RealtimeKitError",
      message: `Webhook public key fetch failed: GET ${server.url} answered 503`,
    });
  });

  it("rejects when the document is not the expected envelope", async () => {
    server.state.document = { success: true, data: {}, message: "" };
    const verifier = createWebhookVerifier({ publicKeyUrl: server.url, now });
    await assert.rejects(verifier.publicKey(), {
      message: `Webhook public key fetch failed: ${server.url} did not answer { success: true, data: { publicKey: "<PEM>" } }`,
    });
    server.state.document = "<html>";
    await assert.rejects(verifier.publicKey(), { message: `Webhook public key fetch failed: GET ${server.url} did not answer JSON` });
  });

  it("keeps the old key and answers false when the refetch after a failure fails", async () => {
    const verifier = createWebhookVerifier({ publicKeyUrl: server.url, now });
    assert.equal(await verifier.verify(body, signature), true);
    clock += 60_000;
    server.state.status = 500;
    const forged = sign("sha256", Buffer.from(body), otherKeys.privateKey).toString("base64");
    assert.equal(await verifier.verify(body, forged), false);
    assert.equal(await verifier.verify(body, signature), true);
    assert.equal(server.state.requests, 2);
  });

  it("uses an injected fetch", async () => {
    const urls: string[] = [];
    const fakeFetch = (async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify({ success: true, data: { publicKey: keys.publicKeyPem }, message: "" }), { status: 200 });
    }) as unknown as typeof fetch;
    const verifier = createWebhookVerifier({ fetch: fakeFetch, now });
    assert.equal(await verifier.verify(body, signature), true);
    assert.deepEqual(urls, [DEFAULT_WEBHOOK_PUBLIC_KEY_URL]);
  });
});
