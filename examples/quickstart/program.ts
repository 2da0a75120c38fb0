/**
 * The quickstart's resources, as a function so that the repository's end-to-end tests can run the
 * same program inline (index.ts just calls it).
 */
import * as pulumi from "@pulumi/pulumi";
import { Meeting, Preset, Webhook } from "pulumi-realtimekit";

/** Options of {@link quickstart}; by default they come from the stack config. */
export interface QuickstartOptions {
  /** Where RealtimeKit posts `meeting.ended`. Default: config `webhookUrl`, else an example URL. */
  readonly webhookUrl?: pulumi.Input<string>;
}

/** Declares a meeting, a `meeting.ended` webhook and a `host` preset; returns the stack outputs. */
export function quickstart(options: QuickstartOptions = {}): Record<string, pulumi.Output<unknown>> {
  const config = new pulumi.Config();
  const webhookUrl = options.webhookUrl ?? config.get("webhookUrl") ?? "https://example.com/realtimekit/webhooks";

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
    url: webhookUrl,
    events: ["meeting.ended"],
  });

  return {
    meetingId: standup.id,
    meetingStatus: standup.status,
    hostPreset: host.name,
    webhookId: ended.id,
    webhookUrl: ended.url,
  };
}
