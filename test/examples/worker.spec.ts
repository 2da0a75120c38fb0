/**
 * The Worker of examples/cloudflare-worker-webhook, run in Node (which has the same fetch,
 * Request, Response and WebCrypto globals as Workers) against signed deliveries.
 */
import assert from "node:assert/strict";
import { generateKeyPairSync, sign } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhookSignatureAsync } from "../../provider/webhooks";

// The example imports "pulumi-realtimekit"; here it must be this repository's sources.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- Module's resolver is internal, not in its typings
const Module = require("node:module") as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request: string, ...rest: unknown[]) {
  return originalResolve.call(this, request === "pulumi-realtimekit" ? require.resolve("../../provider") : request, ...rest);
};
type WorkerExample = typeof import("../../examples/cloudflare-worker-webhook/worker");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the resolver is patched, which an import would precede
const { workerScript } = require("../../examples/cloudflare-worker-webhook/worker") as WorkerExample;
Module._resolveFilename = originalResolve;

interface WorkerModule {
  default: { fetch(request: Request, env: Record<string, string>): Promise<Response> };
}

/** Imports an ES module from its text (indirectly, so TypeScript does not turn it into require). */
const importModule = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<WorkerModule>;

const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
const publicKeyPem = keys.publicKey.export({ type: "spki", format: "pem" }).toString();
const ended = JSON.stringify({
  event: "meeting.ended",
  meeting: { id: "m1", sessionId: "s1", title: "Standup" },
  reason: "ALL_PARTICIPANTS_LEFT",
});
const signatureOf = (body: string) => sign("sha256", Buffer.from(body), keys.privateKey).toString("base64");

describe("examples/cloudflare-worker-webhook Worker", () => {
  let server: http.Server;
  let base: string;
  const received: string[] = [];
  let keyRequests = 0;
  let worker: WorkerModule;
  let env: Record<string, string>;
  const logs: string[] = [];
  const originalLog = console.log;

  before(async () => {
    server = http.createServer((req, res) => {
      if (req.url === "/.well-known/webhooks.json") {
        keyRequests++;
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ success: true, data: { publicKey: publicKeyPem }, message: "" }));
        return;
      }
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        received.push(Buffer.concat(chunks).toString("utf8"));
        res.writeHead(req.url === "/fail" ? 500 : 200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    worker = await importModule(`data:text/javascript,${encodeURIComponent(workerScript())}`);
    env = { PUBLIC_KEY_URL: `${base}/.well-known/webhooks.json`, FORWARD_URL: `${base}/forward` };
    console.log = (line: string) => logs.push(line);
  });
  after(async () => {
    console.log = originalLog;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const post = (body: string, signature: string, extraEnv: Record<string, string> = {}) =>
    worker.default.fetch(
      new Request("https://receiver.example.workers.dev/", {
        method: "POST",
        headers: { "content-type": "application/json", "rtk-signature": signature, "rtk-uuid": "d1", "rtk-webhook-id": "w1" },
        body,
      }),
      { ...env, ...extraEnv },
    );

  it("embeds the package's verification function", () => {
    assert.ok(workerScript().includes(verifyWebhookSignatureAsync.toString()));
  });

  it("accepts a signed meeting.ended, logs it and forwards the raw body", async () => {
    const response = await post(ended, signatureOf(ended));
    assert.equal(response.status, 204);
    assert.deepEqual(received, [ended]);
    assert.deepEqual(JSON.parse(logs[logs.length - 1]), {
      event: "meeting.ended",
      delivery: "d1",
      webhook: "w1",
      meetingId: "m1",
      sessionId: "s1",
      title: "Standup",
      reason: "ALL_PARTICIPANTS_LEFT",
    });
    assert.equal(keyRequests, 1);
  });

  it("rejects a tampered body and a garbage signature with 401", async () => {
    received.length = 0;
    assert.equal((await post(ended.replace("m1", "m2"), signatureOf(ended))).status, 401);
    assert.equal((await post(ended, "garbage")).status, 401);
    assert.deepEqual(received, []);
  });

  it("acknowledges other events without forwarding them", async () => {
    received.length = 0;
    const started = JSON.stringify({ event: "meeting.started", meeting: { id: "m1" } });
    assert.equal((await post(started, signatureOf(started))).status, 204);
    assert.deepEqual(received, []);
  });

  it("answers 502 when forwarding fails, so RealtimeKit retries", async () => {
    assert.equal((await post(ended, signatureOf(ended), { FORWARD_URL: `${base}/fail` })).status, 502);
  });

  it("allows only POST", async () => {
    const response = await worker.default.fetch(new Request("https://receiver.example.workers.dev/"), env);
    assert.equal(response.status, 405);
  });
});
