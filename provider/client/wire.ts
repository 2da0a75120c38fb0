/**
 * snake_case types of the RealtimeKit REST wire format that the provider reads (types only, no
 * runtime code): the one place they are declared. Response fields that the API may omit are
 * optional.
 */

/** `paging` of a paged list response. */
export interface WirePaging {
  /** Offset of the first item of this page. */
  start_offset: number;
  /** Offset of the last item of this page. */
  end_offset: number;
  /** Total number of items across all pages. */
  total_count: number;
}

/** Meeting status. */
export type WireMeetingStatus = "ACTIVE" | "INACTIVE";

/** `ai_config` of a meeting. */
export interface WireAiConfig {
  /** Summary settings. */
  summarization?: { summary_type?: string; text_format?: string; word_limit?: number };
  /** Transcription settings. */
  transcription?: { keywords?: string[]; language?: string; profanity_filter?: boolean };
}

/** `recording_config` of a meeting (secret `storage_config` fields are write-only). */
export interface WireRecordingConfig {
  /** Prefix of recording file names. */
  file_name_prefix?: string;
  /** Maximum recording length in seconds. */
  max_seconds?: number;
  /** Audio settings. */
  audio_config?: { channel?: string; codec?: string; export_file?: boolean };
  /** Video settings. */
  video_config?: {
    codec?: string;
    width?: number;
    height?: number;
    export_file?: boolean;
    watermark?: { url?: string; position?: string; size?: { width?: number; height?: number } };
  };
  /** Live-streaming target. */
  live_streaming_config?: { rtmp_url?: string };
  /** Cloudflare-hosted bucket. */
  realtimekit_bucket_config?: { enabled: boolean };
  /** External storage (a union on `type`; `access_key`, `secret`, `password`, `private_key` are write-only). */
  storage_config?: Record<string, unknown> | null;
}

/** Meeting object (`data` of meeting GET / POST / PUT / PATCH). */
export interface WireMeeting {
  /** Server-generated UUID. */
  id: string;
  /** ISO 8601. */
  created_at: string;
  /** ISO 8601. */
  updated_at: string;
  title?: string | null;
  status?: WireMeetingStatus;
  record_on_start?: boolean | null;
  live_stream_on_start?: boolean | null;
  persist_chat?: boolean;
  summarize_on_end?: boolean;
  transcribe_on_end?: boolean;
  session_keep_alive_time_in_secs?: number;
  /** Missing from list items. */
  ai_config?: WireAiConfig;
  recording_config?: WireRecordingConfig;
}

/** Webhook event names. */
export type WireWebhookEvent =
  | "meeting.started"
  | "meeting.ended"
  | "meeting.participantJoined"
  | "meeting.participantLeft"
  | "meeting.chatSynced"
  | "recording.statusUpdate"
  | "livestreaming.statusUpdate"
  | "meeting.transcript"
  | "meeting.summary";

/** Webhook object. The list endpoint returns an array of these, no paging; 404 when empty. */
export interface WireWebhook {
  /** Server-generated UUID. */
  id: string;
  name: string;
  /** Unique per app (409 on a duplicate). */
  url: string;
  events: WireWebhookEvent[];
  enabled: boolean;
  created_at: string;
  updated_at: string;
}

/**
 * Preset object. `config`, `permissions` and `ui` are deep trees (see `resources/presetTree`);
 * they are typed loosely here and validated by the preset resource. List items carry only
 * `id`, `name`, `created_at`, `updated_at`.
 */
export interface WirePreset {
  /** Server-generated UUID (missing from PATCH responses). */
  id?: string;
  /** Unique per app (409 on a duplicate). */
  name: string;
  config?: Record<string, unknown>;
  permissions?: Record<string, unknown>;
  ui?: Record<string, unknown>;
  created_at?: string;
  updated_at?: string;
}

/** App object (create nests it as `data.app`). */
export interface WireApp {
  id: string;
  name: string;
  created_at?: string;
}
