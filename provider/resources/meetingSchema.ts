/**
 * The validation of a meeting's inputs (camelCase), with its documented defaults. Enum values come
 * from the tuples of `meetingTypes.ts`, the same the types are derived from.
 */
import { CheckFailure, Schema, isPlainObject, validateSchema } from "../shared/check";
import { withSpecConstraints } from "../shared/specCheck";
import { validateInputs } from "./implementation";
import { PLACEMENT_SCHEMA_FIELDS } from "./placement";
import { CONFIG_KEY_PATTERN, STORAGE_CREDENTIAL_FIELDS, isGiven, validateCredentialSources } from "./storageCredentials";
import {
  AUDIO_CHANNELS,
  AUDIO_CODECS,
  MEETING_STATUSES,
  MeetingDefaulted,
  MeetingInputs,
  STORAGE_AUTH_METHODS,
  STORAGE_TYPES,
  SUMMARY_TEXT_FORMATS,
  SUMMARY_TYPES,
  TRANSCRIPTION_LANGUAGES,
  VIDEO_CODECS,
  WATERMARK_POSITIONS,
} from "./meetingTypes";
import { ON_LIVE_SESSION_MODES } from "../config";

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
    type: { kind: "enum", values: STORAGE_TYPES },
    bucket: { kind: "string", minLength: 1 },
    region: { kind: "string", minLength: 1 },
    path: { kind: "string" },
    host: { kind: "string", minLength: 1 },
    port: { kind: "number", integer: true, min: 1, max: 65535 },
    username: { kind: "string", minLength: 1 },
    authMethod: { kind: "enum", values: STORAGE_AUTH_METHODS },
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
            textFormat: { kind: "enum", values: SUMMARY_TEXT_FORMATS },
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
            channel: { kind: "enum", values: AUDIO_CHANNELS },
            codec: { kind: "enum", values: AUDIO_CODECS },
            exportFile: { kind: "boolean" },
          },
        },
        videoConfig: {
          kind: "object",
          fields: {
            codec: { kind: "enum", values: VIDEO_CODECS },
            width: { kind: "number", integer: true, min: 1 },
            height: { kind: "number", integer: true, min: 1 },
            exportFile: { kind: "boolean" },
            watermark: {
              kind: "object",
              fields: {
                url: { kind: "string", pattern: httpUrl, patternHint: "must be an absolute http(s) URL" },
                position: { kind: "enum", values: WATERMARK_POSITIONS },
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
