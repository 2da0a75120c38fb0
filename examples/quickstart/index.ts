import * as pulumi from "@pulumi/pulumi";
import { Meeting, Preset, Webhook } from "pulumi-realtimekit";

const config = new pulumi.Config();
/** Where RealtimeKit posts `meeting.ended` (config `webhookUrl`; Pulumi.yaml has a default). */
const receiverUrl = config.require("webhookUrl");

// Participants who join with this preset can remove others from the session.
const host = new Preset("host", {
  name: "host",
  permissions: { kickParticipant: true, pinParticipant: true, canRecord: true },
});

// A reusable room. Destroying the stack ends its live session and sets it INACTIVE
// (the API cannot delete meetings).
const standup = new Meeting("standup", {
  title: "Daily standup",
  persistChat: true,
  sessionKeepAliveTimeInSecs: 120,
});

// RealtimeKit signs each delivery (rtk-signature); verify it with verifyWebhookSignature.
const ended = new Webhook("meeting-ended", {
  name: "meeting ended",
  url: receiverUrl,
  events: ["meeting.ended"],
});

/** The meeting's id: participants are added to it with the host preset. */
export const meetingId = standup.id;
export const meetingStatus = standup.status;
export const hostPreset = host.name;
export const webhookId = ended.id;
export const webhookUrl = ended.url;
