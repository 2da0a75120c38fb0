/**
 * Webhook payloads, in the documented camelCase shapes (`webhooks.mdx`): `meeting.started`,
 * `meeting.ended` (with `reason`), `meeting.participantJoined` and `meeting.participantLeft`.
 * The emulator emits only these four; the others need recordings, chat export or AI features it
 * does not model.
 */
import type { SessionEndReason, WebhookEventName } from "./limits";
import type { AppRecord, MeetingRecord, ParticipantRecord, PeerRecord, SessionRecord } from "./store";

/** A webhook payload: always an object with a top-level `event`. */
export interface WebhookPayload {
  readonly event: WebhookEventName;
  readonly [key: string]: unknown;
}

/**
 * The `meeting` block. `status` is always `"LIVE"`, as in the documented `meeting.ended` example
 * (do not read it as session state); `roomName` is the meeting id (V2 meetings); `organizedBy.id`
 * is the app id.
 */
function meetingBlock(app: AppRecord, meeting: MeetingRecord, session: SessionRecord, withEnd: boolean): unknown {
  const block: Record<string, unknown> = {
    id: meeting.id,
    sessionId: session.id,
    title: meeting.title ?? "",
    roomName: meeting.id,
    status: "LIVE",
    createdAt: session.created_at,
    startedAt: session.started_at,
  };
  if (withEnd) {
    block.endedAt = session.ended_at;
  }
  block.organizedBy = { id: app.id, name: app.name };
  return block;
}

function participantBlock(participant: ParticipantRecord, peer: PeerRecord): unknown {
  return {
    peerId: peer.peer_id,
    userDisplayName: participant.name ?? "",
    customParticipantId: participant.custom_participant_id,
    clientSpecificId: participant.custom_participant_id,
    joinedAt: peer.joined_at,
    leftAt: peer.left_at,
  };
}

/** `meeting.started`: the `meeting` block without `endedAt`. */
export function meetingStarted(app: AppRecord, meeting: MeetingRecord, session: SessionRecord): WebhookPayload {
  return { event: "meeting.started", meeting: meetingBlock(app, meeting, session, false) };
}

/** `meeting.ended`: the `meeting` block with `endedAt`, plus `reason`. */
export function meetingEnded(app: AppRecord, meeting: MeetingRecord, session: SessionRecord, reason: SessionEndReason): WebhookPayload {
  return { event: "meeting.ended", meeting: meetingBlock(app, meeting, session, true), reason };
}

/** `meeting.participantJoined` or `meeting.participantLeft`: the `meeting` block plus `participant`. */
export function participantEvent(
  event: "meeting.participantJoined" | "meeting.participantLeft",
  app: AppRecord,
  meeting: MeetingRecord,
  session: SessionRecord,
  participant: ParticipantRecord,
  peer: PeerRecord,
): WebhookPayload {
  return {
    event,
    meeting: meetingBlock(app, meeting, session, false),
    participant: participantBlock(participant, peer),
  };
}
