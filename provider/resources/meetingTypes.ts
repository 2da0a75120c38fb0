/**
 * What a meeting is made of: the arguments a program gives (TSDoc for users), the inputs and
 * outputs the provider handles, and the enum and field lists each type is derived from, so every
 * list is written once (the schema in `meetingSchema.ts` checks against the same tuples).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { WithOptional } from "./implementation";
import type { PlacementInputs } from "./placement";
import type { CommonOutputs, DeepInput } from "./appResource";
import type { OnLiveSession } from "../config";

/** The statuses of a meeting (the type and its schema's values). @internal */
export const MEETING_STATUSES = ["ACTIVE", "INACTIVE"] as const;

/** Whether people can join a meeting. `INACTIVE` blocks new joins; it does not end a running session. */
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** The kinds of summary (the type and its schema's values). @internal */
export const SUMMARY_TYPES = [
  "general",
  "team_meeting",
  "sales_call",
  "client_check_in",
  "interview",
  "daily_standup",
  "one_on_one_meeting",
  "lecture",
  "code_review",
] as const;

/** The kind of summary produced at the end of a session. */
export type SummaryType = (typeof SUMMARY_TYPES)[number];

/** The transcription languages (the type and its schema's values). @internal */
export const TRANSCRIPTION_LANGUAGES = ["en-US", "en-IN", "de", "hi", "sv", "ru", "pl", "el", "fr", "nl"] as const;

/** Languages the transcription accepts. */
export type TranscriptionLanguage = (typeof TRANSCRIPTION_LANGUAGES)[number];

/** The formats of a summary (the type and its schema's values). @internal */
export const SUMMARY_TEXT_FORMATS = ["plain_text", "markdown"] as const;

/** The storage providers recordings can be uploaded to (the type and its schema's values). @internal */
export const STORAGE_TYPES = ["aws", "azure", "digitalocean", "gcs", "sftp"] as const;

/** How an SFTP storage authenticates (the type and its schema's values). @internal */
export const STORAGE_AUTH_METHODS = ["KEY", "PASSWORD"] as const;

/** The channel layouts of a recording's audio (the type and its schema's values). @internal */
export const AUDIO_CHANNELS = ["mono", "stereo"] as const;

/** The codecs of a recording's audio (the type and its schema's values). @internal */
export const AUDIO_CODECS = ["MP3", "AAC"] as const;

/** The codecs of a recording's video (the type and its schema's values). @internal */
export const VIDEO_CODECS = ["H264", "VP8", "VP9"] as const;

/** The corners a watermark can sit in (the type and its schema's values). @internal */
export const WATERMARK_POSITIONS = ["left top", "right top", "left bottom", "right bottom"] as const;

/** AI features of a meeting. Maps to `ai_config`. */
export interface MeetingAiConfig {
  /** Summaries of the transcript. Maps to `ai_config.summarization`. */
  summarization?: {
    /** The kind of summary. Maps to `summary_type`. */
    summaryType?: SummaryType;
    /** `plain_text` or `markdown`. Maps to `text_format`. */
    textFormat?: (typeof SUMMARY_TEXT_FORMATS)[number];
    /** Upper bound on the summary's length in words: an integer from 150 to 1,000 (the API's range). Maps to `word_limit`. */
    wordLimit?: number;
  };
  /** Transcription settings. Maps to `ai_config.transcription`. */
  transcription?: {
    /** Words the recogniser should expect (names, jargon). Maps to `keywords`. */
    keywords?: string[];
    /** The spoken language. Maps to `language`. */
    language?: TranscriptionLanguage;
    /** Masks profanity in transcripts. Maps to `profanity_filter`. */
    profanityFilter?: boolean;
  };
}

/**
 * Stack config keys (full, `<namespace>:<name>`) that hold a meeting's storage credentials. The
 * provider reads the values itself, so they never become resource inputs or outputs.
 */
export interface MeetingStorageCredentialKeys {
  /** Key holding the access key id, e.g. `"recordings:accessKey"`. */
  accessKey?: string;
  /** Key holding the secret access key, e.g. `"recordings:secretKey"`. */
  secret?: string;
  /** Key holding the SFTP password. */
  password?: string;
  /** Key holding the SFTP private key. */
  privateKey?: string;
}

/**
 * Where recordings are uploaded. Maps to `recording_config.storage_config`.
 *
 * The credentials are write-only in the API: sent, never read back, never shown as drift. Give
 * each one either literally (`accessKey`, `secret`, `password`, `privateKey`: kept secret in state,
 * but printed by Pulumi's Node SDK in `--debug` / `-v` logs, like every dynamic resource's secret
 * inputs) or, preferably, by stack config key in `credentialsFromConfig`: the provider reads the
 * value from the encrypted stack config, and it appears nowhere else.
 */
export interface MeetingStorageConfig {
  /** Storage provider. Maps to `type`. */
  type: (typeof STORAGE_TYPES)[number];
  /** Bucket or container name. Maps to `bucket`. */
  bucket?: string;
  /** Region; required for `aws`, `azure` and `digitalocean`. Maps to `region`. */
  region?: string;
  /** Folder inside the bucket. Maps to `path`. */
  path?: string;
  /** Host name, for `sftp`. Maps to `host`. */
  host?: string;
  /** Port, for `sftp`; 1 to 65535. Maps to `port`. */
  port?: number;
  /** User name, for `sftp`. Maps to `username`. */
  username?: string;
  /** `KEY` (needs `privateKey`) or `PASSWORD` (needs `password`). Maps to `auth_method`. */
  authMethod?: (typeof STORAGE_AUTH_METHODS)[number];
  /** Access key id; required for `aws`, `azure` and `digitalocean` (here or in `credentialsFromConfig`). Write-only, secret. Maps to `access_key`. */
  accessKey?: string;
  /** Secret access key. Write-only, secret. Maps to `secret`. */
  secret?: string;
  /** Password, with `authMethod: "PASSWORD"`. Write-only, secret. Maps to `password`. */
  password?: string;
  /** Private key, with `authMethod: "KEY"`. Write-only, secret. Maps to `private_key`. */
  privateKey?: string;
  /**
   * Stack config keys to read the credentials from instead, e.g.
   * `{ accessKey: "recordings:accessKey", secret: "recordings:secretKey" }` after
   * `pulumi config set --secret recordings:secretKey …`. A key that is not set fails the preview;
   * a changed value updates the meeting (state keeps a salted digest, never the value). A field may
   * be given literally or here, not both.
   */
  credentialsFromConfig?: MeetingStorageCredentialKeys;
}

/** Recording settings of a meeting. Maps to `recording_config`. */
export interface MeetingRecordingConfig {
  /** Prefix of recording file names. Maps to `file_name_prefix`. */
  fileNamePrefix?: string;
  /** Longest recording in seconds, 60 to 86,400. Maps to `max_seconds`. */
  maxSeconds?: number;
  /** Audio track settings. Maps to `audio_config`. */
  audioConfig?: {
    /** `mono` or `stereo`. Maps to `channel`. */
    channel?: (typeof AUDIO_CHANNELS)[number];
    /** `MP3` or `AAC` (the API forces Vorbis with VP8/VP9 video). Maps to `codec`. */
    codec?: (typeof AUDIO_CODECS)[number];
    /** Also export an audio-only file. Maps to `export_file`. */
    exportFile?: boolean;
  };
  /** Video track settings. Maps to `video_config`. */
  videoConfig?: {
    /** `H264`, `VP8` or `VP9`. Maps to `codec`. */
    codec?: (typeof VIDEO_CODECS)[number];
    /** Width in pixels: an integer from 1 to 1,920. Maps to `width`. */
    width?: number;
    /** Height in pixels: an integer from 1 to 1,920. Maps to `height`. */
    height?: number;
    /** Export the video file. Maps to `export_file`. */
    exportFile?: boolean;
    /** An image drawn over the recording. Maps to `watermark`. */
    watermark?: {
      /** The image's http(s) URL. Maps to `url`. */
      url?: string;
      /** Corner: `left top`, `right top`, `left bottom` or `right bottom`. Maps to `position`. */
      position?: (typeof WATERMARK_POSITIONS)[number];
      /** Size in pixels. Maps to `size`. */
      size?: { width?: number; height?: number };
    };
  };
  /** Live-streaming target. Maps to `live_streaming_config`. */
  liveStreamingConfig?: {
    /** The `rtmp://` or `rtmps://` ingest URL. Maps to `rtmp_url`. */
    rtmpUrl?: string;
  };
  /** Keep recordings in RealtimeKit's own bucket. Maps to `realtimekit_bucket_config`. */
  realtimekitBucketConfig?: {
    /** Required when the object is given; `false` means recordings get no download URL. Maps to `enabled`. */
    enabled: boolean;
  };
  /** Your own storage for recordings, or `null` for none. Maps to `storage_config`. */
  storageConfig?: MeetingStorageConfig | null;
}

/** The arguments of a {@link Meeting}. Removing an optional argument leaves the meeting's current value. */
export interface MeetingArgs {
  /** The meeting's title, shown to participants; not empty. Maps to `title`. */
  title?: pulumi.Input<string>;
  /**
   * `ACTIVE` (people can join) or `INACTIVE` (no new joins). Switching to `INACTIVE` first ends the
   * live session (kick-all), then sets the status.
   * @default "ACTIVE"
   * Maps to `status` (PATCH only).
   */
  status?: pulumi.Input<MeetingStatus>;
  /**
   * What a change that would end this meeting's live session does (set INACTIVE, replaced, or
   * removed from the stack): `"end"` ends it (kick-all) and says how many people were removed;
   * `"fail"` changes nothing and fails naming the meeting and its participant count, at preview
   * where the provider can see it coming. Not sent to the API; changing it changes no remote state.
   * @default the stack's `realtimekit:onLiveSession`, else `"end"`
   */
  onLiveSession?: pulumi.Input<OnLiveSession>;
  /** Start recording when the session starts. @default false. Maps to `record_on_start`. */
  recordOnStart?: pulumi.Input<boolean>;
  /** Start live streaming when the session starts. @default false. Maps to `live_stream_on_start`. */
  liveStreamOnStart?: pulumi.Input<boolean>;
  /** Keep the chat after the session. @default false. Maps to `persist_chat`. */
  persistChat?: pulumi.Input<boolean>;
  /** Summarise the transcript when the session ends (needs `transcribeOnEnd`). @default false. Maps to `summarize_on_end`. */
  summarizeOnEnd?: pulumi.Input<boolean>;
  /** Transcribe the session when it ends. @default false. Maps to `transcribe_on_end`. */
  transcribeOnEnd?: pulumi.Input<boolean>;
  /**
   * Seconds a session stays alive after the last participant leaves: an integer from 60 to 600 (the API's range).
   * @default 60
   * Maps to `session_keep_alive_time_in_secs`.
   */
  sessionKeepAliveTimeInSecs?: pulumi.Input<number>;
  /** AI features (summaries, transcription). Maps to `ai_config`. */
  aiConfig?: DeepInput<MeetingAiConfig>;
  /** Recording settings; storage credentials in it are kept secret. Maps to `recording_config`. */
  recordingConfig?: DeepInput<MeetingRecordingConfig>;
  /**
   * Adopt an existing meeting with this id instead of creating one (the TypeScript resources are
   * dynamic, which `pulumi import` cannot adopt; the provider plugin also takes `pulumi import`).
   * The meeting is then managed: its settings converge to these arguments.
   */
  adoptMeetingId?: pulumi.Input<string>;
  /** The Cloudflare account, when it is not the configured `realtimekit:accountId`. A change replaces the meeting. */
  accountId?: pulumi.Input<string>;
  /** The RealtimeKit app, when it is not the configured `realtimekit:appId`. A change replaces the meeting. */
  appId?: pulumi.Input<string>;
}

/** The meeting's inputs as the provider receives them (resolved, defaults applied). @internal */
export interface MeetingInputs extends PlacementInputs {
  title?: string;
  status: MeetingStatus;
  onLiveSession?: OnLiveSession;
  recordOnStart: boolean;
  liveStreamOnStart: boolean;
  persistChat: boolean;
  summarizeOnEnd: boolean;
  transcribeOnEnd: boolean;
  sessionKeepAliveTimeInSecs: number;
  aiConfig?: MeetingAiConfig;
  recordingConfig?: MeetingRecordingConfig;
  adoptMeetingId?: string;
}

/** The meeting settings that have a documented default. @internal */
export type MeetingDefaulted =
  "status" | "recordOnStart" | "liveStreamOnStart" | "persistChat" | "summarizeOnEnd" | "transcribeOnEnd" | "sessionKeepAliveTimeInSecs";

/** The meeting's inputs as a program gives them, before the defaults are filled in. @internal */
export type MeetingGiven = WithOptional<MeetingInputs, MeetingDefaulted>;

/** The meeting's outputs. @internal */
export type MeetingOutputs = Omit<MeetingInputs, "accountId" | "appId"> & CommonOutputs;

// ---------------------------------------------------------------------------------------------
// Wire mapping

/**
 * The fields of a meeting that map one to one to the API. `pulumi-realtimekit export` writes a
 * meeting's settings from this list (defaults from {@link applyMeetingDefaults}), so a field added
 * here is exported without a change there. @internal
 */
export const MEETING_FIELDS = [
  "title",
  "status",
  "recordOnStart",
  "liveStreamOnStart",
  "persistChat",
  "summarizeOnEnd",
  "transcribeOnEnd",
  "sessionKeepAliveTimeInSecs",
  "aiConfig",
  "recordingConfig",
] as const;

/** A field of a meeting that maps one to one to the API. @internal */
export type MeetingField = (typeof MEETING_FIELDS)[number];

/**
 * The settings a create sends that a meeting list item shows as plain values: not `status` (a
 * create cannot set it), nor the nested configs (lists leave `ai_config` out, and
 * `recording_config` holds write-only credentials). `recover-pending` matches meetings on these. @internal
 */
export const MEETING_LISTED_SCALARS = MEETING_FIELDS.filter(
  (key): key is Exclude<MeetingField, "status" | "aiConfig" | "recordingConfig"> =>
    key !== "status" && key !== "aiConfig" && key !== "recordingConfig",
);
