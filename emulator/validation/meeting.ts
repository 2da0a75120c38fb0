/**
 * Meeting body schemas (SDK 7.3.0 `MeetingCreateParams`, `MeetingReplaceMeetingByIDParams`,
 * `MeetingUpdateMeetingByIDParams`): POST and PUT share one field set and accept `null` for
 * `title`, `record_on_start` and `live_stream_on_start`; PATCH takes no nulls and adds `status`,
 * the only way to set it.
 */
import { badRequest } from "../errors";
import {
  KEEP_ALIVE,
  MEETING_STATUSES,
  type MeetingStatus,
  RECORDING_MAX_SECONDS,
  RECORDING_VIDEO_PIXELS,
  SUMMARY_WORD_LIMIT,
} from "../limits";
import { arr, bool, nullable, num, obj, oneOf, opt, req, type Schema, str, validate } from "./schema";

/** `ai_config.summarization.summary_type` values. */
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
/** `ai_config.transcription.language` values (the SDK enum; the guides list more). */
export const TRANSCRIPTION_LANGUAGES = ["en-US", "en-IN", "de", "hi", "sv", "ru", "pl", "el", "fr", "nl"] as const;
/** `recording_config.storage_config.type` values. */
export const STORAGE_TYPES = ["aws", "azure", "digitalocean", "gcs", "sftp"] as const;
/** Storage types that need `access_key` and `region`. */
const KEYED_STORAGE_TYPES: readonly string[] = ["aws", "azure", "digitalocean"];
/** Write-only storage credentials: accepted, stored, never returned. */
export const STORAGE_SECRET_FIELDS = ["access_key", "secret", "password", "private_key"] as const;

const pixels = num({ integer: true, min: RECORDING_VIDEO_PIXELS.min, max: RECORDING_VIDEO_PIXELS.max });
const watermarkPixels = num({ integer: true, min: RECORDING_VIDEO_PIXELS.min });

const aiConfigSchema = obj({
  summarization: opt(
    obj({
      summary_type: opt(oneOf(SUMMARY_TYPES)),
      text_format: opt(oneOf(["plain_text", "markdown"])),
      word_limit: opt(num({ integer: true, min: SUMMARY_WORD_LIMIT.min, max: SUMMARY_WORD_LIMIT.max })),
    }),
  ),
  transcription: opt(
    obj({
      keywords: opt(arr(str())),
      language: opt(oneOf(TRANSCRIPTION_LANGUAGES)),
      profanity_filter: opt(bool()),
    }),
  ),
});

const storageConfigSchema = nullable(
  obj({
    type: opt(oneOf(STORAGE_TYPES)),
    access_key: opt(str()),
    secret: opt(str()),
    bucket: opt(str()),
    region: opt(str()),
    path: opt(str()),
    host: opt(str()),
    port: opt(num({ integer: true, min: 0, max: 65_535 })),
    username: opt(str()),
    password: opt(str()),
    private_key: opt(str()),
    auth_method: opt(oneOf(["KEY", "PASSWORD"])),
  }),
);

const recordingConfigSchema = obj({
  file_name_prefix: opt(str()),
  max_seconds: opt(num({ integer: true, min: RECORDING_MAX_SECONDS.min, max: RECORDING_MAX_SECONDS.max })),
  audio_config: opt(obj({ channel: opt(oneOf(["mono", "stereo"])), codec: opt(oneOf(["MP3", "AAC"])), export_file: opt(bool()) })),
  video_config: opt(
    obj({
      codec: opt(oneOf(["H264", "VP8", "VP9"])),
      width: opt(pixels),
      height: opt(pixels),
      export_file: opt(bool()),
      watermark: opt(
        obj({
          url: opt(str({ format: "uri" })),
          position: opt(oneOf(["left top", "right top", "left bottom", "right bottom"])),
          size: opt(obj({ width: opt(watermarkPixels), height: opt(watermarkPixels) })),
        }),
      ),
    }),
  ),
  live_streaming_config: opt(obj({ rtmp_url: opt(str({ format: "uri" })) })),
  realtimekit_bucket_config: opt(obj({ enabled: req(bool()) })),
  storage_config: opt(storageConfigSchema),
});

const keepAlive = num({ integer: true, min: KEEP_ALIVE.minSecs, max: KEEP_ALIVE.maxSecs });

const sharedFields = {
  persist_chat: opt(bool()),
  summarize_on_end: opt(bool()),
  transcribe_on_end: opt(bool()),
  session_keep_alive_time_in_secs: opt(keepAlive),
  ai_config: opt(aiConfigSchema),
  recording_config: opt(recordingConfigSchema),
};

/** POST and PUT body. */
export const meetingBodySchema: Schema = obj({
  title: opt(nullable(str())),
  record_on_start: opt(nullable(bool())),
  live_stream_on_start: opt(nullable(bool())),
  ...sharedFields,
});

/** PATCH body. */
export const meetingPatchSchema: Schema = obj({
  title: opt(str()),
  record_on_start: opt(bool()),
  live_stream_on_start: opt(bool()),
  status: opt(oneOf(MEETING_STATUSES)),
  ...sharedFields,
});

/** A validated meeting body (snake_case, as on the wire). */
export interface MeetingBody {
  readonly title?: string | null;
  readonly record_on_start?: boolean | null;
  readonly live_stream_on_start?: boolean | null;
  readonly persist_chat?: boolean;
  readonly summarize_on_end?: boolean;
  readonly transcribe_on_end?: boolean;
  readonly session_keep_alive_time_in_secs?: number;
  readonly ai_config?: Record<string, unknown>;
  readonly recording_config?: Record<string, unknown>;
  readonly status?: MeetingStatus;
}

/** Validates a POST or PUT body. */
export function validateMeetingBody(body: unknown): MeetingBody {
  return checkStorage(validate<MeetingBody>(meetingBodySchema, body));
}

/** Validates a PATCH body. */
export function validateMeetingPatch(body: unknown): MeetingBody {
  return checkStorage(validate<MeetingBody>(meetingPatchSchema, body));
}

/** The union rules of `storage_config`: keyed clouds need `access_key` + `region`; `auth_method` needs its secret. */
function checkStorage(body: MeetingBody): MeetingBody {
  const storage = body.recording_config?.storage_config as Record<string, unknown> | null | undefined;
  if (storage === null || storage === undefined) {
    return body;
  }
  const path = "recording_config.storage_config";
  const type = storage.type as string | undefined;
  if (type !== undefined && KEYED_STORAGE_TYPES.includes(type)) {
    for (const key of ["access_key", "region"]) {
      if (storage[key] === undefined) {
        throw badRequest(`${path}.${key} is required when type is ${type}`);
      }
    }
  }
  const needed = storage.auth_method === "KEY" ? "private_key" : storage.auth_method === "PASSWORD" ? "password" : undefined;
  if (needed !== undefined && storage[needed] === undefined) {
    throw badRequest(`${path}.${needed} is required when auth_method is ${String(storage.auth_method)}`);
  }
  return body;
}
