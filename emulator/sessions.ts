/**
 * The session model. The first participant to join a meeting starts a LIVE session
 * (`meeting.started`); later joiners join it. When the last one leaves, the session stays LIVE for
 * the meeting's `session_keep_alive_time_in_secs` (clock-driven) and then ends with reason
 * `ALL_PARTICIPANTS_LEFT`; someone rejoining inside that window continues the same session.
 * Kick-all ends it at once with reason `HOST_ENDED_MEETING`. An INACTIVE meeting refuses joins,
 * but setting INACTIVE leaves a running session alone.
 */
import type { Clock, TimerHandle } from "./clock";
import { conflict, EmulatorHttpError } from "./errors";
import { meetingEnded, meetingStarted, participantEvent, type WebhookPayload } from "./events";
import { newId } from "./ids";
import type { SessionEndReason } from "./limits";
import type { AppData, MeetingRecord, ParticipantRecord, PeerRecord, SessionRecord } from "./store";

/** Receives every event the sessions produce, in order. */
export type EventSink = (app: AppData, payload: WebhookPayload) => void;

/** Runs joins, leaves, kicks and session ends, and reports the events they cause. */
export class SessionManager {
  /** Pending keep-alive timers, so reset can cancel exactly these (the clock may be shared). */
  private readonly timers = new Set<TimerHandle>();

  constructor(
    private readonly clock: Clock,
    private readonly emit: EventSink,
  ) {}

  /** Cancels every pending keep-alive timer (used by reset and close). */
  cancelTimers(): void {
    for (const timer of this.timers) {
      this.clock.cancel(timer);
    }
    this.timers.clear();
  }

  /** The meeting's LIVE session, if any. */
  active(app: AppData, meetingId: string): SessionRecord | undefined {
    for (const session of app.sessions.values()) {
      if (session.meeting_id === meetingId && session.status === "LIVE") {
        return session;
      }
    }
    return undefined;
  }

  /** The meeting's LIVE session, or a 404. */
  requireActive(app: AppData, meetingId: string): SessionRecord {
    const session = this.active(app, meetingId);
    if (session === undefined) {
      throw new EmulatorHttpError(404, `No active session found for meeting ${meetingId}`);
    }
    return session;
  }

  /**
   * Connects each participant as a new peer, starting a session if none is live.
   * 409 when the meeting is INACTIVE (nobody can join it).
   */
  join(app: AppData, meeting: MeetingRecord, participants: readonly ParticipantRecord[]): PeerRecord[] {
    if (meeting.status === "INACTIVE") {
      throw conflict(`Meeting ${meeting.id} is INACTIVE: no one can join it`);
    }
    if (participants.length === 0) {
      return [];
    }
    let session = this.active(app, meeting.id);
    const now = this.clock.iso();
    if (session === undefined) {
      session = {
        id: newId(),
        app_id: app.app.id,
        meeting_id: meeting.id,
        meeting_display_name: meeting.title ?? "",
        status: "LIVE",
        type: "meeting",
        created_at: now,
        started_at: now,
        updated_at: now,
        ended_at: null,
        max_concurrent_participants: 0,
        peers: [],
        end_reason: null,
      };
      app.sessions.set(session.id, session);
      this.emit(app, meetingStarted(app.app, meeting, session));
    } else {
      this.stopKeepAlive(session);
    }
    const peers: PeerRecord[] = [];
    for (const participant of participants) {
      const peer: PeerRecord = { peer_id: newId(), participant_id: participant.id, joined_at: now, left_at: null };
      session.peers.push(peer);
      peers.push(peer);
      session.updated_at = now;
      session.max_concurrent_participants = Math.max(session.max_concurrent_participants, livePeers(session).length);
      this.emit(app, participantEvent("meeting.participantJoined", app.app, meeting, session, participant, peer));
    }
    return peers;
  }

  /** Disconnects these peers of the live session; starts the keep-alive countdown if it empties. */
  leave(app: AppData, meeting: MeetingRecord, session: SessionRecord, peers: readonly PeerRecord[]): void {
    for (const peer of peers) {
      this.disconnect(app, meeting, session, peer);
    }
    if (peers.length > 0 && session.status === "LIVE" && livePeers(session).length === 0) {
      this.startKeepAlive(app, meeting, session);
    }
  }

  /** Disconnects every peer of the given participants from the meeting's live session, if any. */
  removeParticipant(app: AppData, meeting: MeetingRecord, participantId: string): void {
    const session = this.active(app, meeting.id);
    if (session !== undefined) {
      this.leave(
        app,
        meeting,
        session,
        livePeers(session).filter((peer) => peer.participant_id === participantId),
      );
    }
  }

  /**
   * Kick: disconnects the live peers of the participants named by id or custom id (404 when
   * nothing is live) and returns those participants, each once.
   */
  kick(
    app: AppData,
    meeting: MeetingRecord,
    selector: { readonly participantIds: readonly string[]; readonly customParticipantIds: readonly string[] },
  ): ParticipantRecord[] {
    const session = this.requireActive(app, meeting.id);
    const kicked = new Map<string, ParticipantRecord>();
    const peers = livePeers(session).filter((peer) => {
      const participant = app.participants.get(peer.participant_id);
      const selected =
        participant !== undefined &&
        (selector.participantIds.includes(participant.id) || selector.customParticipantIds.includes(participant.custom_participant_id));
      if (selected) {
        kicked.set(participant.id, participant);
      }
      return selected;
    });
    this.leave(app, meeting, session, peers);
    return [...kicked.values()];
  }

  /** Kick-all: disconnects everyone and ends the session now (`HOST_ENDED_MEETING`); returns how many were kicked. */
  kickAll(app: AppData, meeting: MeetingRecord): number {
    const session = this.requireActive(app, meeting.id);
    const peers = livePeers(session);
    for (const peer of peers) {
      this.disconnect(app, meeting, session, peer);
    }
    this.end(app, meeting, session, "HOST_ENDED_MEETING");
    return peers.length;
  }

  /** The LIVE peers of a session, in join order. */
  livePeers(session: SessionRecord): PeerRecord[] {
    return livePeers(session);
  }

  private disconnect(app: AppData, meeting: MeetingRecord, session: SessionRecord, peer: PeerRecord): void {
    if (peer.left_at !== null) {
      return;
    }
    const now = this.clock.iso();
    peer.left_at = now;
    session.updated_at = now;
    const participant = app.participants.get(peer.participant_id);
    if (participant !== undefined) {
      this.emit(app, participantEvent("meeting.participantLeft", app.app, meeting, session, participant, peer));
    }
  }

  private startKeepAlive(app: AppData, meeting: MeetingRecord, session: SessionRecord): void {
    const keepAliveMs = meeting.session_keep_alive_time_in_secs * 1000;
    if (keepAliveMs === 0) {
      this.end(app, meeting, session, "ALL_PARTICIPANTS_LEFT");
      return;
    }
    const timer = this.clock.schedule(this.clock.now() + keepAliveMs, () => {
      this.timers.delete(timer);
      session.keepAliveTimer = undefined;
      if (session.status === "LIVE" && livePeers(session).length === 0) {
        this.end(app, meeting, session, "ALL_PARTICIPANTS_LEFT");
      }
    });
    this.timers.add(timer);
    session.keepAliveTimer = timer;
  }

  private stopKeepAlive(session: SessionRecord): void {
    if (session.keepAliveTimer !== undefined) {
      this.clock.cancel(session.keepAliveTimer);
      this.timers.delete(session.keepAliveTimer);
      session.keepAliveTimer = undefined;
    }
  }

  private end(app: AppData, meeting: MeetingRecord, session: SessionRecord, reason: SessionEndReason): void {
    this.stopKeepAlive(session);
    const now = this.clock.iso();
    session.status = "ENDED";
    session.ended_at = now;
    session.updated_at = now;
    session.end_reason = reason;
    this.emit(app, meetingEnded(app.app, meeting, session, reason));
  }
}

function livePeers(session: SessionRecord): PeerRecord[] {
  return session.peers.filter((peer) => peer.left_at === null);
}
