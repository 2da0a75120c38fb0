/**
 * The control operations behind both the `/__emulator/*` HTTP endpoints and the helpers that
 * `startEmulator` returns: reset, joining and leaving meetings, the clock, latency, rate limit,
 * faults, and the request / delivery logs and state snapshot tests read.
 */
import type { EmulatorContext } from "./context";
import { conflict, notFound } from "./errors";
import type { FaultRule, FaultSpec } from "./faults";
import { newId } from "./ids";
import type { RateLimitOptions, ResolvedRateLimit } from "./rateLimit";
import type { RequestLogEntry } from "./requestLog";
import { checkLatency } from "./options";
import { presetByName } from "./routes/common";
import type { AppData, MeetingRecord, ParticipantRecord, PeerRecord } from "./store";
import { sessionView } from "./views";
import type { DeliveryAttempt } from "./webhookDelivery";

/** Who joins: `count` participants (default 1), or the participants with these ids. */
export interface JoinOptions {
  /**
   * How many participants join. Participants of the meeting that are not connected join first
   * (oldest first); new ones are created for the rest.
   * @default 1
   */
  readonly count?: number;
  /** Exactly these participants (of this meeting) join, each as a new peer; overrides `count`. */
  readonly participantIds?: readonly string[];
  /**
   * Preset of participants created for the join.
   * @default the app's oldest preset, or "emulator-default" (with `preset_id` null) if it has none
   */
  readonly presetName?: string;
}

/** Who leaves: `count` peers (oldest first), the peers of these participants, or (neither) everyone. */
export interface LeaveOptions {
  readonly count?: number;
  readonly participantIds?: readonly string[];
}

/** A connected (or disconnected) peer. */
export interface PeerSummary {
  readonly peerId: string;
  readonly participantId: string;
  readonly customParticipantId: string;
}

/** Answer of a join: the session (API shape) and who joined. */
export interface JoinResult {
  readonly session: Record<string, unknown>;
  readonly joined: PeerSummary[];
}

/** Answer of a leave: the session (API shape) and who left. */
export interface LeaveResult {
  readonly session: Record<string, unknown>;
  readonly left: PeerSummary[];
}

/** Every stored object, for tests to compare. Records are the stored ones, write-only secrets included. */
export interface EmulatorState {
  readonly accountId: string;
  readonly now: string;
  readonly apps: Array<Record<string, unknown>>;
  readonly meetings: Array<Record<string, unknown>>;
  readonly participants: Array<Record<string, unknown>>;
  readonly presets: Array<Record<string, unknown>>;
  readonly webhooks: Array<Record<string, unknown>>;
  readonly sessions: Array<Record<string, unknown>>;
}

/** Name given to participants created by a join when the app has no preset. */
export const FALLBACK_PRESET_NAME = "emulator-default";

/** Control operations on one emulator. */
export class Controller {
  constructor(private readonly ctx: EmulatorContext) {}

  /** See {@link EmulatorContext.reset}. */
  reset(): void {
    this.ctx.reset();
  }

  /** Makes participants join the meeting (starting a session if none is live); 409 if INACTIVE. */
  join(meetingId: string, options: JoinOptions = {}): JoinResult {
    const { app, meeting } = this.requireMeeting(meetingId);
    if (meeting.status === "INACTIVE") {
      throw conflict(`Meeting ${meeting.id} is INACTIVE: no one can join it`);
    }
    const joiners =
      options.participantIds !== undefined
        ? options.participantIds.map((id) => this.requireParticipant(app, meeting, id))
        : this.pickOrCreateJoiners(app, meeting, options.count ?? 1, options.presetName);
    const peers = this.ctx.sessions.join(app, meeting, joiners);
    const session = this.ctx.sessions.requireActive(app, meeting.id);
    return { session: sessionView(session, this.ctx.clock.now()), joined: peers.map((p) => summary(app, p)) };
  }

  /** Makes peers leave the meeting's live session (404 when nothing is live). */
  leave(meetingId: string, options: LeaveOptions = {}): LeaveResult {
    const { app, meeting } = this.requireMeeting(meetingId);
    const session = this.ctx.sessions.requireActive(app, meeting.id);
    let peers = this.ctx.sessions.livePeers(session);
    if (options.participantIds !== undefined) {
      const ids = options.participantIds.map((id) => this.requireParticipant(app, meeting, id).id);
      peers = peers.filter((peer) => ids.includes(peer.participant_id));
    } else if (options.count !== undefined) {
      peers = peers.slice(0, options.count);
    }
    this.ctx.sessions.leave(app, meeting, session, peers);
    return { session: sessionView(session, this.ctx.clock.now()), left: peers.map((p) => summary(app, p)) };
  }

  /** Moves the clock forward (firing due keep-alive timers); returns the new time. */
  advanceClock(ms: number): string {
    this.ctx.clock.advance(ms);
    return this.ctx.clock.iso();
  }

  /** Sets the clock; returns the new time. */
  setClock(time: Date | string | number): string {
    this.ctx.clock.set(time);
    return this.ctx.clock.iso();
  }

  /** The clock's current time (ISO). */
  now(): string {
    return this.ctx.clock.iso();
  }

  /** Sets the fixed latency added to every API response. */
  setLatency(ms: number): void {
    checkLatency(ms);
    this.ctx.latencyMs = ms;
  }

  /** The fixed latency added to every API response. */
  latency(): number {
    return this.ctx.latencyMs;
  }

  /** Replaces the rate-limit settings (or turns it off) and clears counters and blocks. */
  setRateLimit(options: RateLimitOptions | false): void {
    this.ctx.rateLimiter.configure(options);
  }

  /** The rate-limit settings, or `false` when off. */
  rateLimit(): ResolvedRateLimit | false {
    return this.ctx.rateLimiter.current;
  }

  /** Installs a fault. */
  addFault(spec: FaultSpec): FaultRule {
    return this.ctx.faults.add(spec);
  }

  /** Removes every fault. */
  clearFaults(): void {
    this.ctx.faults.clear();
  }

  /** The installed faults. */
  faults(): FaultRule[] {
    return this.ctx.faults.list();
  }

  /** Every API request so far. */
  requests(): RequestLogEntry[] {
    return this.ctx.requestLog.list();
  }

  /** Forgets the request log. */
  clearRequests(): void {
    this.ctx.requestLog.clear();
  }

  /** Every webhook delivery attempt so far. */
  deliveries(): DeliveryAttempt[] {
    return this.ctx.dispatcher.attempts();
  }

  /** Waits until no delivery is pending, then returns every attempt. */
  async waitForDeliveries(): Promise<DeliveryAttempt[]> {
    await this.ctx.dispatcher.idle();
    return this.deliveries();
  }

  /** Every stored object. */
  state(): EmulatorState {
    const apps = this.ctx.store.allApps();
    const now = this.ctx.clock.now();
    const all = <T>(pick: (app: AppData) => Iterable<T>): T[] => apps.flatMap((app) => [...pick(app)]);
    return {
      accountId: this.ctx.options.accountId,
      now: this.ctx.clock.iso(),
      apps: apps.map((data) => ({ ...data.app })),
      meetings: all((app) => app.meetings.values()).map((m) => stripUndefined(structuredClone(m))),
      participants: all((app) => app.participants.values()).map((p) => ({ ...p })),
      presets: all((app) => app.presets.values()).map((p) => ({ ...structuredClone(p) })),
      webhooks: all((app) => app.webhooks.values()).map((w) => ({ ...structuredClone(w) })),
      sessions: all((app) => app.sessions.values()).map((s) => ({
        ...sessionView(s, now),
        end_reason: s.end_reason,
        peers: s.peers.map((peer) => ({ ...peer })),
      })),
    };
  }

  private requireMeeting(meetingId: string): { app: AppData; meeting: MeetingRecord } {
    const found = this.ctx.store.findMeeting(meetingId);
    if (found === undefined) {
      throw notFound("Meeting", meetingId);
    }
    return found;
  }

  private requireParticipant(app: AppData, meeting: MeetingRecord, participantId: string): ParticipantRecord {
    const participant = app.participants.get(participantId);
    if (participant === undefined || participant.meeting_id !== meeting.id) {
      throw notFound("Participant", participantId);
    }
    return participant;
  }

  private pickOrCreateJoiners(app: AppData, meeting: MeetingRecord, count: number, presetName?: string): ParticipantRecord[] {
    const session = this.ctx.sessions.active(app, meeting.id);
    const connected = new Set(session === undefined ? [] : this.ctx.sessions.livePeers(session).map((p) => p.participant_id));
    const ofMeeting = [...app.participants.values()].filter((p) => p.meeting_id === meeting.id);
    const joiners = ofMeeting.filter((p) => !connected.has(p.id)).slice(0, count);
    const preset = presetName !== undefined ? presetByName(app, presetName) : [...app.presets.values()][0];
    let number = ofMeeting.length;
    while (joiners.length < count) {
      number++;
      const now = this.ctx.clock.iso();
      const participant: ParticipantRecord = {
        id: newId(),
        app_id: app.app.id,
        meeting_id: meeting.id,
        custom_participant_id: `emulator-participant-${number}`,
        preset_name: preset?.name ?? FALLBACK_PRESET_NAME,
        preset_id: preset?.id ?? null,
        name: `Participant ${number}`,
        picture: null,
        created_at: now,
        updated_at: now,
      };
      app.participants.set(participant.id, participant);
      joiners.push(participant);
    }
    return joiners;
  }
}

function summary(app: AppData, peer: PeerRecord): PeerSummary {
  return {
    peerId: peer.peer_id,
    participantId: peer.participant_id,
    customParticipantId: app.participants.get(peer.participant_id)?.custom_participant_id ?? "",
  };
}

function stripUndefined(record: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
