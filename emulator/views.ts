/**
 * Wire views: what each record looks like in a response. The differences between views are the
 * API's, on purpose: meeting list items lack `ai_config`, preset list items carry only id, name
 * and timestamps, participant GET lacks `token`, participant DELETE returns `preset_id` and no
 * `id`, and storage credentials are never returned.
 */
import { STORAGE_SECRET_FIELDS } from "./validation/meeting";
import { isPlainObject } from "../common/objects";
import type { AppRecord, MeetingRecord, ParticipantRecord, PresetRecord, SessionRecord, WebhookRecord } from "./store";

/** An app: `{ id, name, created_at }`. */
export function appView(app: AppRecord): Record<string, unknown> {
  return { id: app.id, name: app.name, created_at: app.created_at };
}

/** A meeting; `listItem` drops `ai_config` as the list endpoint does. */
export function meetingView(meeting: MeetingRecord, options: { listItem?: boolean } = {}): Record<string, unknown> {
  const view: Record<string, unknown> = { id: meeting.id };
  if (meeting.title !== null) {
    view.title = meeting.title;
  }
  Object.assign(view, {
    status: meeting.status,
    record_on_start: meeting.record_on_start,
    live_stream_on_start: meeting.live_stream_on_start,
    persist_chat: meeting.persist_chat,
    summarize_on_end: meeting.summarize_on_end,
    transcribe_on_end: meeting.transcribe_on_end,
    session_keep_alive_time_in_secs: meeting.session_keep_alive_time_in_secs,
  });
  if (meeting.ai_config !== undefined && options.listItem !== true) {
    view.ai_config = structuredClone(meeting.ai_config);
  }
  if (meeting.recording_config !== undefined) {
    view.recording_config = withoutSecrets(meeting.recording_config);
  }
  view.created_at = meeting.created_at;
  view.updated_at = meeting.updated_at;
  return view;
}

/** A recording config with the write-only storage credentials removed. */
export function withoutSecrets(recordingConfig: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(recordingConfig);
  const storage = copy.storage_config;
  if (isPlainObject(storage)) {
    for (const field of STORAGE_SECRET_FIELDS) {
      delete storage[field];
    }
  }
  return copy;
}

/** A participant; with `token` for add / edit answers, without it for GET and lists. */
export function participantView(participant: ParticipantRecord, token?: string): Record<string, unknown> {
  const view: Record<string, unknown> = { id: participant.id };
  if (token !== undefined) {
    view.token = token;
  }
  return Object.assign(view, {
    custom_participant_id: participant.custom_participant_id,
    preset_name: participant.preset_name,
    name: participant.name,
    picture: participant.picture,
    created_at: participant.created_at,
    updated_at: participant.updated_at,
  });
}

/** The answer to a participant DELETE: `preset_id` instead of `preset_name`, and no `id`. */
export function deletedParticipantView(participant: ParticipantRecord): Record<string, unknown> {
  return {
    custom_participant_id: participant.custom_participant_id,
    preset_id: participant.preset_id,
    created_at: participant.created_at,
    updated_at: participant.updated_at,
  };
}

/** A preset, full tree. */
export function presetView(preset: PresetRecord): Record<string, unknown> {
  return {
    id: preset.id,
    name: preset.name,
    config: structuredClone(preset.config),
    permissions: structuredClone(preset.permissions),
    ui: structuredClone(preset.ui),
    created_at: preset.created_at,
    updated_at: preset.updated_at,
  };
}

/** A preset list item: only id, name and timestamps. */
export function presetListItemView(preset: PresetRecord): Record<string, unknown> {
  return { id: preset.id, name: preset.name, created_at: preset.created_at, updated_at: preset.updated_at };
}

/** A webhook. */
export function webhookView(webhook: WebhookRecord): Record<string, unknown> {
  return {
    id: webhook.id,
    name: webhook.name,
    url: webhook.url,
    events: [...webhook.events],
    enabled: webhook.enabled,
    created_at: webhook.created_at,
    updated_at: webhook.updated_at,
  };
}

/** Participant-minutes used so far (live peers count up to `nowMs`), rounded to 2 decimals. */
export function minutesConsumed(session: SessionRecord, nowMs: number): number {
  const ms = session.peers.reduce((total, peer) => {
    const end = peer.left_at === null ? nowMs : Date.parse(peer.left_at);
    return total + Math.max(0, end - Date.parse(peer.joined_at));
  }, 0);
  return Math.round((ms / 60_000) * 100) / 100;
}

/** A session (the active-session and sessions endpoints share this shape). */
export function sessionView(session: SessionRecord, nowMs: number): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: session.id,
    associated_id: session.meeting_id,
    organization_id: session.app_id,
    meeting_display_name: session.meeting_display_name,
    type: session.type,
    status: session.status,
    live_participants: session.peers.filter((peer) => peer.left_at === null).length,
    max_concurrent_participants: session.max_concurrent_participants,
    minutes_consumed: minutesConsumed(session, nowMs),
    created_at: session.created_at,
    started_at: session.started_at,
    updated_at: session.updated_at,
  };
  if (session.ended_at !== null) {
    view.ended_at = session.ended_at;
  }
  return view;
}
