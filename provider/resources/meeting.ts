/**
 * The RealtimeKit meeting: a reusable room. Meetings cannot be deleted through the API, so
 * destroying one ends its live session and sets it INACTIVE.
 */
import * as pulumi from "@pulumi/pulumi";
import { RealtimeKitError } from "../client/errors";
import { CheckFailure, FailureCollector, Schema, isPlainObject, validateSchema } from "../shared/check";
import { withSpecConstraints } from "../shared/specCheck";
import { DiffOutcome, DiffSpec, Fields, changedKeys } from "../shared/diff";
import { convertKeys, toCamelCase, toSnakeCase } from "../shared/naming";
import { Target, stackConfigValue } from "../runtime";
import meetingProvider = require("../stubs/meeting");
import { claimMeeting, createMeetingExactlyOnce } from "./meetingCreates";
import type { WireMeeting } from "../client/wire";
import { ListedKind, forgetListed, readListed } from "./bulkReads";
import { DEFAULT_PAGE_SIZE } from "../client/client";
import {
  CONFIG_KEY_PATTERN,
  INPUT_ONLY_STORAGE_KEYS,
  STORAGE_CREDENTIAL_FIELDS,
  isGiven,
  resolveStorageCredentials,
  validateCredentialSources,
  withCredentialsDigest,
} from "./storageCredentials";
import {
  GONE,
  ResourceImplementation,
  ResourceInitError,
  WithOptional,
  checkInputs,
  propertiesOf,
  unlessNotFound,
  validateInputs,
  withProvider,
} from "./implementation";
import {
  PLACEMENT_SCHEMA_FIELDS,
  PlacementInputs,
  desiredTarget,
  diffWithPlacement,
  existingTarget,
  placementOf,
  refreshedInputs,
} from "./placement";
import { AppResource, CommonOutputs, DeepInput, secretWhen } from "./appResource";
import { compact, pickKeys } from "../shared/objects";
import { reportAdoption } from "./adoption";
import { SessionEnding, endLiveSession, foreseeSessionEnd, onLiveSessionFor } from "./liveSession";
import { ON_LIVE_SESSION_MODES, OnLiveSession } from "../config";

// ---------------------------------------------------------------------------------------------
// Public types

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

/** AI features of a meeting. Maps to `ai_config`. */
export interface MeetingAiConfig {
  /** Summaries of the transcript. Maps to `ai_config.summarization`. */
  summarization?: {
    /** The kind of summary. Maps to `summary_type`. */
    summaryType?: SummaryType;
    /** `plain_text` or `markdown`. Maps to `text_format`. */
    textFormat?: "plain_text" | "markdown";
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
  type: "aws" | "azure" | "digitalocean" | "gcs" | "sftp";
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
  authMethod?: "KEY" | "PASSWORD";
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
    channel?: "mono" | "stereo";
    /** `MP3` or `AAC` (the API forces Vorbis with VP8/VP9 video). Maps to `codec`. */
    codec?: "MP3" | "AAC";
    /** Also export an audio-only file. Maps to `export_file`. */
    exportFile?: boolean;
  };
  /** Video track settings. Maps to `video_config`. */
  videoConfig?: {
    /** `H264`, `VP8` or `VP9`. Maps to `codec`. */
    codec?: "H264" | "VP8" | "VP9";
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
      position?: "left top" | "right top" | "left bottom" | "right bottom";
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

/** The meeting settings that have a documented default. */
type MeetingDefaulted =
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

/** A field of a meeting that maps one to one to the API. */
type MeetingField = (typeof MEETING_FIELDS)[number];

/**
 * The settings a create sends that a meeting list item shows as plain values: not `status` (a
 * create cannot set it), nor the nested configs (lists leave `ai_config` out, and
 * `recording_config` holds write-only credentials). `recover-pending` matches meetings on these. @internal
 */
export const MEETING_LISTED_SCALARS = MEETING_FIELDS.filter(
  (key): key is Exclude<MeetingField, "status" | "aiConfig" | "recordingConfig"> =>
    key !== "status" && key !== "aiConfig" && key !== "recordingConfig",
);

const STORAGE_PATH = "recordingConfig.storageConfig";

/** The recording config as the API takes it: credentials named in config replaced by their values. */
function recordingConfigForApi(recordingConfig: unknown): unknown {
  if (!isPlainObject(recordingConfig) || !isPlainObject(recordingConfig.storageConfig)) {
    return recordingConfig;
  }
  return { ...recordingConfig, storageConfig: resolveStorageCredentials(recordingConfig.storageConfig, stackConfigValue, STORAGE_PATH) };
}

function meetingBody(inputs: Partial<MeetingInputs>, keys: readonly MeetingField[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const key of keys) {
    let value: unknown = inputs[key];
    if (key === "recordingConfig") {
      value = recordingConfigForApi(value);
    }
    if (value !== undefined) {
      body[toSnakeCase(key)] = convertKeys(value, toSnakeCase);
    }
  }
  return body;
}

/** Puts what only the program knows of the storage config (credentials, their config keys and digest) back into what the API returned. */
function withInputOnlyStorageKeys(recordingConfig: unknown, declared: MeetingRecordingConfig | undefined): unknown {
  const declaredStorage = declared?.storageConfig as Record<string, unknown> | null | undefined;
  if (!isPlainObject(recordingConfig) || !isPlainObject(recordingConfig.storageConfig) || !declaredStorage) {
    return recordingConfig;
  }
  const storage: Record<string, unknown> = { ...recordingConfig.storageConfig };
  for (const key of INPUT_ONLY_STORAGE_KEYS) {
    if (declaredStorage[key] !== undefined) {
      storage[key] = declaredStorage[key];
    }
  }
  return { ...recordingConfig, storageConfig: storage };
}

function meetingOutputs(wire: WireMeeting, declared: Partial<MeetingInputs>, target: Target): MeetingOutputs {
  const fields = convertKeys(wire, toCamelCase) as Record<string, unknown>;
  return compact({
    title: fields.title as string | undefined,
    status: (fields.status as MeetingStatus | undefined) ?? "ACTIVE",
    recordOnStart: fields.recordOnStart as boolean,
    liveStreamOnStart: fields.liveStreamOnStart as boolean,
    persistChat: fields.persistChat as boolean,
    summarizeOnEnd: fields.summarizeOnEnd as boolean,
    transcribeOnEnd: fields.transcribeOnEnd as boolean,
    sessionKeepAliveTimeInSecs: fields.sessionKeepAliveTimeInSecs as number,
    // The nested configs are reported only when the program manages them, so a refresh never
    // turns server defaults into inputs that the next preview would show as removed.
    aiConfig: declared.aiConfig === undefined ? undefined : ((fields.aiConfig ?? declared.aiConfig) as MeetingAiConfig),
    recordingConfig:
      declared.recordingConfig === undefined
        ? undefined
        : (withInputOnlyStorageKeys(
            fields.recordingConfig ?? declared.recordingConfig,
            declared.recordingConfig,
          ) as MeetingRecordingConfig),
    adoptMeetingId: declared.adoptMeetingId,
    onLiveSession: declared.onLiveSession,
    createdAt: wire.created_at,
    updatedAt: wire.updated_at,
    ...placementOf(target),
  });
}

// ---------------------------------------------------------------------------------------------
// Validation

const httpUrl = /^https?:\/\/[^\s/?#]+[^\s]*$/i;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The same schema for each credential field. */
function credentialFields(schema: Schema): Record<string, Schema> {
  return Object.fromEntries(STORAGE_CREDENTIAL_FIELDS.map((field) => [field, schema]));
}

/** The fields of a storage config; {@link storageConfigSchema} adds the rules between them. */
const storageConfigFields: Schema = {
  kind: "object",
  required: ["type"],
  fields: {
    type: { kind: "enum", values: ["aws", "azure", "digitalocean", "gcs", "sftp"] },
    bucket: { kind: "string", minLength: 1 },
    region: { kind: "string", minLength: 1 },
    path: { kind: "string" },
    host: { kind: "string", minLength: 1 },
    port: { kind: "number", integer: true, min: 1, max: 65535 },
    username: { kind: "string", minLength: 1 },
    authMethod: { kind: "enum", values: ["KEY", "PASSWORD"] },
    ...credentialFields({ kind: "string", minLength: 1 }),
    credentialsFromConfig: {
      kind: "object",
      fields: credentialFields({
        kind: "string",
        pattern: CONFIG_KEY_PATTERN,
        patternHint: 'must be a full stack config key such as "recordings:secretKey"',
      }),
    },
  },
};

const storageConfigSchema: Schema = {
  kind: "custom",
  shape: storageConfigFields,
  validate(value, path, out) {
    if (value === null) {
      return;
    }
    validateSchema(value, storageConfigFields, path, out);
    if (!isPlainObject(value)) {
      return;
    }
    validateCredentialSources(value, path, out);
    const requires = (field: string, why: string) => {
      if (!isGiven(value, field)) {
        out.add(`${path}.${field}`, `is required ${why}`);
      }
    };
    if (["aws", "azure", "digitalocean"].includes(value.type as string)) {
      requires("accessKey", `for storage type "${value.type}"`);
      requires("region", `for storage type "${value.type}"`);
    }
    if (value.authMethod === "KEY") {
      requires("privateKey", 'with authMethod "KEY"');
    }
    if (value.authMethod === "PASSWORD") {
      requires("password", 'with authMethod "PASSWORD"');
    }
  },
};

/**
 * The schema of a meeting's inputs (camelCase). Ranges, enums and formats the API spec states
 * (keep-alive 60 to 600, word limit 150 to 1,000, video 1 to 1,920 pixels, ...) come from it via
 * {@link withSpecConstraints}; the literal below holds the types and this provider's own rules.
 * @internal
 */
export const meetingSchema: Schema = withSpecConstraints("meeting", {
  kind: "object",
  fields: {
    title: { kind: "string", minLength: 1 },
    status: { kind: "enum", values: MEETING_STATUSES },
    onLiveSession: { kind: "enum", values: ON_LIVE_SESSION_MODES },
    recordOnStart: { kind: "boolean" },
    liveStreamOnStart: { kind: "boolean" },
    persistChat: { kind: "boolean" },
    summarizeOnEnd: { kind: "boolean" },
    transcribeOnEnd: { kind: "boolean" },
    sessionKeepAliveTimeInSecs: { kind: "number", integer: true },
    aiConfig: {
      kind: "object",
      fields: {
        summarization: {
          kind: "object",
          fields: {
            summaryType: { kind: "enum", values: SUMMARY_TYPES },
            textFormat: { kind: "enum", values: ["plain_text", "markdown"] },
            wordLimit: { kind: "number", integer: true },
          },
        },
        transcription: {
          kind: "object",
          fields: {
            keywords: { kind: "array", items: { kind: "string", minLength: 1 } },
            language: { kind: "enum", values: TRANSCRIPTION_LANGUAGES },
            profanityFilter: { kind: "boolean" },
          },
        },
      },
    },
    recordingConfig: {
      kind: "object",
      fields: {
        fileNamePrefix: { kind: "string" },
        maxSeconds: { kind: "number", integer: true, min: 60, max: 86_400 },
        audioConfig: {
          kind: "object",
          fields: {
            channel: { kind: "enum", values: ["mono", "stereo"] },
            codec: { kind: "enum", values: ["MP3", "AAC"] },
            exportFile: { kind: "boolean" },
          },
        },
        videoConfig: {
          kind: "object",
          fields: {
            codec: { kind: "enum", values: ["H264", "VP8", "VP9"] },
            width: { kind: "number", integer: true, min: 1 },
            height: { kind: "number", integer: true, min: 1 },
            exportFile: { kind: "boolean" },
            watermark: {
              kind: "object",
              fields: {
                url: { kind: "string", pattern: httpUrl, patternHint: "must be an absolute http(s) URL" },
                position: { kind: "enum", values: ["left top", "right top", "left bottom", "right bottom"] },
                size: {
                  kind: "object",
                  fields: {
                    width: { kind: "number", integer: true, min: 1 },
                    height: { kind: "number", integer: true, min: 1 },
                  },
                },
              },
            },
          },
        },
        liveStreamingConfig: {
          kind: "object",
          fields: {
            rtmpUrl: { kind: "string", pattern: /^rtmps?:\/\/\S+$/i, patternHint: "must be an rtmp:// or rtmps:// URL" },
          },
        },
        realtimekitBucketConfig: { kind: "object", required: ["enabled"], fields: { enabled: { kind: "boolean" } } },
        storageConfig: storageConfigSchema,
      },
    },
    adoptMeetingId: { kind: "string", pattern: uuid, patternHint: "must be a meeting id (a UUID)" },
    ...PLACEMENT_SCHEMA_FIELDS,
  },
});

/** Validates a meeting's inputs; returns failures with camelCase property paths. @internal */
export function validateMeeting(news: Record<string, unknown>): CheckFailure[] {
  return validateInputs(news, meetingSchema);
}

/** Fills in the documented defaults of a meeting. @internal */
export function applyMeetingDefaults<Given extends Partial<MeetingInputs>>(given: Given): Given & Pick<MeetingInputs, MeetingDefaulted> {
  return {
    ...given,
    status: given.status ?? "ACTIVE",
    recordOnStart: given.recordOnStart ?? false,
    liveStreamOnStart: given.liveStreamOnStart ?? false,
    persistChat: given.persistChat ?? false,
    summarizeOnEnd: given.summarizeOnEnd ?? false,
    transcribeOnEnd: given.transcribeOnEnd ?? false,
    sessionKeepAliveTimeInSecs: given.sessionKeepAliveTimeInSecs ?? 60,
  };
}

/**
 * Records the digest of the storage credentials named in `credentialsFromConfig` (so a changed
 * value is a diff), reusing the salt of the old inputs; unset config keys are failures.
 */
function withStorageCredentialsDigest(inputs: MeetingInputs, olds: Record<string, unknown>, out: FailureCollector): MeetingInputs {
  const recordingConfig = inputs.recordingConfig;
  if (recordingConfig?.storageConfig == null) {
    return inputs;
  }
  const previous = isPlainObject(olds.recordingConfig) ? olds.recordingConfig.storageConfig : undefined;
  const storageConfig = withCredentialsDigest(recordingConfig.storageConfig, previous, stackConfigValue, STORAGE_PATH, out);
  return { ...inputs, recordingConfig: { ...recordingConfig, storageConfig } };
}

/** The fields a meeting's PATCH sends when they changed. */
const meetingWireSpec: DiffSpec<MeetingField> = { inputKeys: MEETING_FIELDS };

/**
 * How meetings are diffed: every field updates in place (`onLiveSession` too, without a request,
 * so that a later destroy sees the new mode); only a move to another app replaces. @internal
 */
export const meetingDiffSpec: DiffSpec<MeetingField | "onLiveSession"> = { inputKeys: [...MEETING_FIELDS, "onLiveSession"] };

// ---------------------------------------------------------------------------------------------
// Provider implementation

function meetingPath(target: Target, id?: string, ...rest: string[]): string[] {
  return id === undefined ? [target.appId, "meetings"] : [target.appId, "meetings", id, ...rest];
}

async function getMeeting(target: Target, id: string): Promise<WireMeeting> {
  return target.client.request<WireMeeting>({ method: "GET", path: meetingPath(target, id), context: "Meeting read" });
}

/** Meetings for bulk reads: list items carry every field but `ai_config` (see {@link readMeeting}). */
const listedMeetings: ListedKind<WireMeeting> = {
  kind: "meetings",
  async page(target, pageNo) {
    const page = await target.client.requestPage<WireMeeting>({
      method: "GET",
      path: meetingPath(target),
      query: { page_no: pageNo, per_page: DEFAULT_PAGE_SIZE },
      context: "Meeting read (list)",
    });
    const seen = (pageNo - 1) * DEFAULT_PAGE_SIZE + page.data.length;
    return { items: page.data, last: !page.paging || page.data.length < DEFAULT_PAGE_SIZE || seen >= page.paging.total_count };
  },
  get: (target, id) => unlessNotFound(() => getMeeting(target, id)),
};

/**
 * The meeting as the API has it now, `undefined` when it is gone. From the app's meeting list when
 * many are read (a refresh), except a meeting whose program manages `aiConfig`, which list items
 * leave out: that one is always a GET.
 */
async function readMeeting(target: Target, id: string, declared: Partial<MeetingInputs>): Promise<WireMeeting | undefined> {
  if (declared.aiConfig !== undefined) {
    return listedMeetings.get(target, id);
  }
  return readListed(target, listedMeetings, id);
}

/**
 * Brings an existing meeting to the desired state with the fewest calls: one PATCH with every
 * changed field, preceded by kick-all when a meeting that may be live goes INACTIVE (an INACTIVE
 * meeting blocks new joins but does not end a running session by itself). `current` is camelCase
 * and carries the storage credentials last sent, since the API never returns them.
 */
async function converge(
  target: Target,
  id: string,
  current: Fields<MeetingField>,
  desired: MeetingInputs,
  mayBeLive: boolean,
): Promise<WireMeeting | undefined> {
  const changed = changedKeys(current, desired, meetingWireSpec);
  if (changed.length === 0) {
    return undefined;
  }
  if (mayBeLive && changed.includes("status") && desired.status === "INACTIVE") {
    await endLiveSession(
      target,
      { id, title: desired.title ?? (current.title as string | undefined) },
      onLiveSessionFor(desired),
      "deactivate",
    );
  }
  forgetListed(target, listedMeetings.kind, id);
  return target.client.request<WireMeeting>({
    method: "PATCH",
    path: meetingPath(target, id),
    body: meetingBody(desired, changed),
    context: "Meeting update",
  });
}

function camelFields(wire: WireMeeting): Record<string, unknown> {
  return convertKeys(wire, toCamelCase) as Record<string, unknown>;
}

async function createMeeting(target: Target, inputs: MeetingInputs): Promise<WireMeeting> {
  const body = meetingBody(
    inputs,
    MEETING_FIELDS.filter((key) => key !== "status"),
  );
  return createMeetingExactlyOnce(target, meetingPath(target), body);
}

/** The dynamic-provider methods of {@link Meeting}, run in the provider process. @internal */
export const meetingImplementation: ResourceImplementation<MeetingInputs, MeetingOutputs> = {
  async check(olds, news) {
    const checked = checkInputs<MeetingGiven>(propertiesOf(news), validateMeeting);
    if (!checked.ok) {
      return { failures: checked.failures };
    }
    const out = new FailureCollector();
    const inputs = withStorageCredentialsDigest(applyMeetingDefaults(checked.given), propertiesOf(olds), out);
    return out.failures.length === 0 ? { inputs, failures: [] } : { failures: out.failures };
  },

  async diff(id, olds, news) {
    const outcome = diffWithPlacement(olds, news, meetingDiffSpec);
    const ending = sessionEndingChange(olds, news, outcome);
    if (ending !== undefined) {
      await foreseeSessionEnd(existingTarget(olds), { id, title: olds.title }, onLiveSessionFor(news), ending);
    }
    return outcome;
  },

  async create(inputs) {
    const target = desiredTarget(inputs);
    const adoptId = inputs.adoptMeetingId;
    if (adoptId !== undefined) {
      const existing = await unlessNotFound(() => getMeeting(target, adoptId));
      if (existing === undefined) {
        throw new RealtimeKitError(`Meeting adopt failed: adoptMeetingId "${adoptId}" does not exist in app ${target.appId}`);
      }
      claimMeeting(existing.id);
      reportAdoption("meeting", existing.id, "adoptMeetingId");
      const converged = await converge(target, existing.id, camelFields(existing), inputs, true);
      return { id: existing.id, outs: meetingOutputs(converged ?? existing, inputs, target) };
    }
    const created = await createMeeting(target, inputs);
    if (inputs.status !== "INACTIVE") {
      return { id: created.id, outs: meetingOutputs(created, inputs, target) };
    }
    try {
      const sent = { ...camelFields(created), recordingConfig: inputs.recordingConfig };
      const deactivated = await converge(target, created.id, sent, inputs, false);
      return { id: created.id, outs: meetingOutputs(deactivated ?? created, inputs, target) };
    } catch (error) {
      const outs = meetingOutputs(created, inputs, target);
      throw new ResourceInitError(
        `Meeting ${created.id} was created but could not be set INACTIVE: ${(error as Error).message}`,
        created.id,
        withProvider(outs, inputs),
      );
    }
  },

  async read(id, olds = {}) {
    const target = existingTarget(olds);
    const current = await readMeeting(target, id, olds);
    if (current === undefined) {
      return GONE;
    }
    const outs = meetingOutputs(current, olds, target);
    return { id, props: outs, inputs: refreshedInputs(pickKeys(outs, MEETING_FIELDS), olds, ["adoptMeetingId"]) };
  },

  async update(id, olds, news) {
    const target = existingTarget(olds);
    const updated = await converge(target, id, olds, news, true);
    return { outs: meetingOutputs(updated ?? meetingWireFromOutputs(id, olds), news, target) };
  },

  async delete(id, olds) {
    const target = existingTarget(olds);
    await endLiveSession(target, { id, title: olds.title }, onLiveSessionFor(olds), "delete");
    if (olds.status === "INACTIVE") {
      return;
    }
    forgetListed(target, listedMeetings.kind, id);
    await unlessNotFound(() =>
      target.client.request({
        method: "PATCH",
        path: meetingPath(target, id),
        body: { status: "INACTIVE" },
        context: "Meeting delete (deactivate)",
      }),
    );
  },
};

/**
 * Whether a planned change ends the meeting's live session, and how: a replacement (the old meeting
 * is set INACTIVE, after kick-all) or a move from ACTIVE to INACTIVE. Not knowable while the new
 * status is still unknown at preview.
 */
function sessionEndingChange(olds: MeetingOutputs, news: MeetingInputs, outcome: DiffOutcome): SessionEnding | undefined {
  if (outcome.replaces.length > 0) {
    return "replace";
  }
  const deactivates = (olds.status ?? "ACTIVE") !== "INACTIVE" && news.status === "INACTIVE";
  return outcome.changes && deactivates ? "deactivate" : undefined;
}

/** Rebuilds the wire shape of a meeting from stored outputs, for an update that changed nothing remotely. */
function meetingWireFromOutputs(id: string, outputs: MeetingOutputs): WireMeeting {
  const fields: Record<string, unknown> = {};
  for (const key of MEETING_FIELDS) {
    fields[key] = outputs[key];
  }
  return {
    ...(convertKeys(fields, toSnakeCase) as Record<string, unknown>),
    id,
    created_at: outputs.createdAt,
    updated_at: outputs.updatedAt,
  };
}

// ---------------------------------------------------------------------------------------------
// Resource

/** Whether the recording config holds credentials, or names them (their digest is stored too). */
function hasStorageCredentials(config: MeetingRecordingConfig | undefined): boolean {
  const storage = config?.storageConfig as Record<string, unknown> | null | undefined;
  return !!storage && INPUT_ONLY_STORAGE_KEYS.some((key) => storage[key] !== undefined);
}

/**
 * A RealtimeKit meeting.
 *
 * - Create: POST, then PATCH `status` when `INACTIVE` is asked for (POST cannot set it).
 * - Update: one PATCH with only the changed fields. Switching to `INACTIVE` first ends the live
 *   session (kick-all), then PATCHes: an INACTIVE meeting blocks new joins but does not end a
 *   running session by itself.
 * - Delete: the API cannot delete meetings, so destroy ends the live session and sets the meeting
 *   `INACTIVE`; nobody can join a meeting that left the stack. The record stays in the app.
 * - Adopt an existing meeting with `adoptMeetingId` (`pulumi import` does not work for dynamic resources).
 *
 * @example
 * ```ts
 * const standup = new Meeting("standup", { title: "Daily standup", persistChat: true });
 * export const meetingId = standup.id;
 * ```
 */
export class Meeting extends AppResource {
  /** The meeting's title. */
  declare readonly title: pulumi.Output<string | undefined>;
  /** `ACTIVE` or `INACTIVE`. */
  declare readonly status: pulumi.Output<MeetingStatus>;
  /** Whether recording starts with the session. */
  declare readonly recordOnStart: pulumi.Output<boolean>;
  /** Whether live streaming starts with the session. */
  declare readonly liveStreamOnStart: pulumi.Output<boolean>;
  /** Whether chat is kept after the session. */
  declare readonly persistChat: pulumi.Output<boolean>;
  /** Whether a summary is produced at the end. */
  declare readonly summarizeOnEnd: pulumi.Output<boolean>;
  /** Whether a transcript is produced at the end. */
  declare readonly transcribeOnEnd: pulumi.Output<boolean>;
  /** Seconds a session stays alive after the last participant leaves. */
  declare readonly sessionKeepAliveTimeInSecs: pulumi.Output<number>;
  /** AI settings as the API reports them. */
  declare readonly aiConfig: pulumi.Output<MeetingAiConfig | undefined>;
  /** Recording settings (secret when they hold storage credentials). */
  declare readonly recordingConfig: pulumi.Output<MeetingRecordingConfig | undefined>;

  constructor(name: string, args: MeetingArgs = {}, opts?: pulumi.CustomResourceOptions) {
    const inputs = {
      ...args,
      recordingConfig: secretWhen(args.recordingConfig as pulumi.Input<MeetingRecordingConfig> | undefined, hasStorageCredentials),
    };
    super(meetingProvider, "Meeting", name, MEETING_FIELDS, inputs, opts);
  }
}
