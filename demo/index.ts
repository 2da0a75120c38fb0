/**
 * The demo program (main of the root Pulumi.yaml): a meeting, a webhook that receives
 * `meeting.ended`, and a host preset whose participants may kick others.
 *
 * Config (project namespace `realtimekit-demo`):
 * - `webhookUrl`: where the webhook delivers (required);
 * - `meetingStatus`: `ACTIVE` (default) or `INACTIVE`. Switching to INACTIVE ends the live session
 *   first (kick-all), then closes the meeting, so RealtimeKit sends `meeting.ended`.
 *
 * The provider itself reads `realtimekit:accountId`, `realtimekit:appId`, `realtimekit:apiToken`
 * (secret) and, for the emulator, `realtimekit:apiBaseUrl`.
 *
 * Resources are declared at the top level and outputs are named exports, the shape `pulumi up`'s
 * Node.js language host runs. It imports the package by name, as a user's program does:
 * `npm run build` installs this repository's build into node_modules/pulumi-realtimekit
 * (demo/package.json keeps Node from resolving the name to the repository itself).
 */
import * as pulumi from "@pulumi/pulumi";
import { Meeting, Preset, Webhook } from "pulumi-realtimekit";

const config = new pulumi.Config();
const status = config.get("meetingStatus") ?? "ACTIVE";
if (status !== "ACTIVE" && status !== "INACTIVE") {
  throw new pulumi.RunError(`meetingStatus must be ACTIVE or INACTIVE, not ${JSON.stringify(status)}`);
}

const meeting = new Meeting("team-sync", {
  title: "Team sync",
  status,
  persistChat: true,
});

const webhook = new Webhook("meeting-ended", {
  name: "meeting-ended",
  url: config.require("webhookUrl"),
  events: ["meeting.ended"],
});

const host = new Preset("host", {
  name: "demo-host",
  permissions: { kickParticipant: true },
});

export const meetingId = meeting.id;
export const meetingStatus = meeting.status;
export const webhookId = webhook.id;
export const hostPresetId = host.id;
export const hostPresetName = host.name;
