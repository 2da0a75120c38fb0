/**
 * A Cloudflare Worker receives RealtimeKit's meeting.ended events, verifies their signatures and
 * logs (or forwards) them; a RealtimeKit Webhook points at it. Both providers read the same
 * CLOUDFLARE_API_TOKEN (it needs Workers Scripts Write and Realtime Admin) and account id.
 */
import * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import { Webhook } from "pulumi-realtimekit";
import { workerScript } from "./worker";

const config = new pulumi.Config();
const accountId = new pulumi.Config("realtimekit").get("accountId") ?? process.env.CLOUDFLARE_ACCOUNT_ID;
if (!accountId) {
  throw new pulumi.RunError("Set realtimekit:accountId (or CLOUDFLARE_ACCOUNT_ID): the Worker and the webhook live in that account");
}
const scriptName = `${pulumi.getProject()}-${pulumi.getStack()}`
  .toLowerCase()
  .replace(/[^a-z0-9-]/g, "-")
  .slice(0, 63);
const customDomain = config.get("customDomain") ?? "";
const workersDevSubdomain = config.get("workersDevSubdomain") ?? "";
const forwardUrl = config.get("forwardUrl") ?? "";

const bindings: cloudflare.types.input.WorkersScriptBinding[] = [];
if (forwardUrl !== "") {
  bindings.push({ type: "plain_text", name: "FORWARD_URL", text: forwardUrl });
}

// The Worker: an ES module (mainModule) uploaded as text.
const script = new cloudflare.WorkersScript("receiver", {
  accountId,
  scriptName,
  mainModule: "worker.mjs",
  content: workerScript(),
  compatibilityDate: "2025-09-01",
  bindings,
  observability: { enabled: true },
});

// Where RealtimeKit reaches it: a custom domain, or the account's workers.dev subdomain.
let url: pulumi.Output<string>;
let route: pulumi.Resource;
if (customDomain !== "") {
  route = new cloudflare.WorkersCustomDomain("receiver", {
    accountId,
    hostname: customDomain,
    service: script.scriptName,
    zoneId: config.require("zoneId"),
  });
  url = pulumi.interpolate`https://${customDomain}/`;
} else {
  if (workersDevSubdomain === "") {
    throw new pulumi.RunError("Set workersDevSubdomain (your <name>.workers.dev) or customDomain + zoneId");
  }
  route = new cloudflare.WorkersScriptSubdomain("receiver", {
    accountId,
    scriptName: script.scriptName,
    enabled: true,
    previewsEnabled: false,
  });
  url = pulumi.interpolate`https://${script.scriptName}.${workersDevSubdomain}.workers.dev/`;
}

// The RealtimeKit webhook, created once the Worker answers at that URL.
const webhook = new Webhook(
  "meeting-ended",
  {
    name: "meeting ended (Worker)",
    url,
    events: ["meeting.ended"],
  },
  { dependsOn: [route] },
);

export const workerUrl = url;
export const webhookId = webhook.id;
export const workerName = script.scriptName;
