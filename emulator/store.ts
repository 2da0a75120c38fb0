/**
 * The in-memory store: apps, and per app its meetings, participants, presets, webhooks and
 * sessions, in insertion-ordered maps. Records are kept in wire (snake_case) form, with write-only
 * secrets included; the views in `views.ts` decide what goes back over the wire.
 */
import type { TimerHandle } from "./clock";
import { notFound } from "./errors";
import type { MeetingStatus, SessionEndReason, WebhookEventName } from "./limits";

/** An app. */
export interface AppRecord {
  readonly id: string;
  readonly name: string;
  readonly created_at: string;
}

/** A meeting, with every field filled in (defaults applied) and storage secrets kept. */
export interface MeetingRecord {
  readonly id: string;
  readonly app_id: string;
  readonly created_at: string;
  updated_at: string;
  title: string | null;
  status: MeetingStatus;
  record_on_start: boolean;
  live_stream_on_start: boolean;
  persist_chat: boolean;
  summarize_on_end: boolean;
  transcribe_on_end: boolean;
  session_keep_alive_time_in_secs: number;
  ai_config?: Record<string, unknown>;
  recording_config?: Record<string, unknown>;
}

/** A participant of a meeting. */
export interface ParticipantRecord {
  readonly id: string;
  readonly app_id: string;
  readonly meeting_id: string;
  readonly custom_participant_id: string;
  preset_name: string;
  /** Id of the preset `preset_name` named when it was set; `null` if it did not exist (control-API joiners). */
  preset_id: string | null;
  name: string | null;
  picture: string | null;
  readonly created_at: string;
  updated_at: string;
}

/** A preset. */
export interface PresetRecord {
  readonly id: string;
  readonly app_id: string;
  name: string;
  config: Record<string, unknown>;
  permissions: Record<string, unknown>;
  ui: Record<string, unknown>;
  readonly created_at: string;
  updated_at: string;
}

/** A webhook. */
export interface WebhookRecord {
  readonly id: string;
  readonly app_id: string;
  name: string;
  url: string;
  events: WebhookEventName[];
  enabled: boolean;
  readonly created_at: string;
  updated_at: string;
}

/** One connection of a participant to a session (a participant may join several times). */
export interface PeerRecord {
  readonly peer_id: string;
  readonly participant_id: string;
  readonly joined_at: string;
  left_at: string | null;
}

/** A session: one live occurrence of a meeting. */
export interface SessionRecord {
  readonly id: string;
  readonly app_id: string;
  readonly meeting_id: string;
  meeting_display_name: string;
  status: "LIVE" | "ENDED";
  readonly type: "meeting";
  readonly created_at: string;
  readonly started_at: string;
  updated_at: string;
  ended_at: string | null;
  max_concurrent_participants: number;
  readonly peers: PeerRecord[];
  /** Why it ended (also sent in `meeting.ended`). */
  end_reason: SessionEndReason | null;
  /** The pending keep-alive timer while LIVE with nobody in it. */
  keepAliveTimer?: TimerHandle;
}

/** Everything that belongs to one app. */
export interface AppData {
  readonly app: AppRecord;
  readonly meetings: Map<string, MeetingRecord>;
  readonly participants: Map<string, ParticipantRecord>;
  readonly presets: Map<string, PresetRecord>;
  readonly webhooks: Map<string, WebhookRecord>;
  readonly sessions: Map<string, SessionRecord>;
}

/** The in-memory store. */
export class Store {
  private readonly apps = new Map<string, AppData>();

  /** Adds an app (no default presets: API-created apps get none, by assumption). */
  addApp(app: AppRecord): AppData {
    const data: AppData = {
      app,
      meetings: new Map(),
      participants: new Map(),
      presets: new Map(),
      webhooks: new Map(),
      sessions: new Map(),
    };
    this.apps.set(app.id, data);
    return data;
  }

  /** Every app, in creation order. */
  allApps(): AppData[] {
    return [...this.apps.values()];
  }

  /** The app with this id, or a 404. */
  requireApp(appId: string): AppData {
    const data = this.apps.get(appId);
    if (data === undefined) {
      throw notFound("App", appId);
    }
    return data;
  }

  /** Finds a meeting by id in any app (control API paths carry no app id). */
  findMeeting(meetingId: string): { app: AppData; meeting: MeetingRecord } | undefined {
    for (const app of this.apps.values()) {
      const meeting = app.meetings.get(meetingId);
      if (meeting !== undefined) {
        return { app, meeting };
      }
    }
    return undefined;
  }

  /** Removes everything. */
  clear(): void {
    this.apps.clear();
  }
}

/** The record with this id in `map`, or a 404 naming `kind`. */
export function requireRecord<T>(map: ReadonlyMap<string, T>, kind: string, id: string): T {
  const record = map.get(id);
  if (record === undefined) {
    throw notFound(kind, id);
  }
  return record;
}
