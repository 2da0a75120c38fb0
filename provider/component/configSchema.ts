/**
 * The schema of `realtimekit.yaml`, composed from the schemas the resources validate with
 * (`meetingSchema`, `webhookSchema`, `presetSchema` with the preset tree schemas, `appSchema`), so
 * that a config file is checked exactly as the resources' `check()` would check the same values.
 * The published JSON Schema (`schema/realtimekit.schema.json`) is generated from it.
 * @internal
 */
import { FailureCollector, Schema, describeValue, isPlainObject, joinPath, validateSchema } from "../shared/check";
import { appSchema } from "../resources/app";
import { meetingSchema } from "../resources/meetingSchema";
import { presetSchema } from "../resources/preset";
import { PLUGIN_ACCESS_CONTROLS, presetConfigSchema, presetPermissionsSchema, presetUiSchema } from "../resources/presetTree";
import { CONFIG_KEY_PATTERN, STORAGE_CREDENTIAL_FIELDS } from "../resources/storageCredentials";
import { webhookSchema } from "../resources/webhook";
import { DocumentedCustom, JsonSchema, toJsonSchema } from "./jsonSchema";

type ObjectSchema = Extract<Schema, { kind: "object" }>;

function asObject(schema: Schema, what: string): ObjectSchema {
  if (schema.kind !== "object") {
    throw new Error(`${what} must be an object schema`);
  }
  return schema;
}

/** A copy of an object schema without some fields (they are also dropped from `required`). */
export function withoutFields(schema: ObjectSchema, keys: readonly string[]): ObjectSchema {
  const fields = Object.fromEntries(Object.entries(schema.fields).filter(([key]) => !keys.includes(key)));
  return { ...schema, fields, required: (schema.required ?? []).filter((key) => !keys.includes(key)) };
}

/** A copy of an object schema with some fields added or replaced. */
export function withFields(schema: ObjectSchema, fields: Record<string, Schema>): ObjectSchema {
  return { ...schema, fields: { ...schema.fields, ...fields } };
}

/** A copy of an object schema whose listed fields are optional. */
export function withOptional(schema: ObjectSchema, keys: readonly string[]): ObjectSchema {
  return { ...schema, required: (schema.required ?? []).filter((key) => !keys.includes(key)) };
}

/** The placement inputs: in a config file, the component decides where everything lives. */
const PLACEMENT = ["accountId", "appId"];

/** Entry keys: used in resource names and `${kind.<key>.field}` references. */
export const ENTRY_KEY_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

/**
 * A map of named entries (`presets`, `webhooks`, `meetings`): keys must match
 * {@link ENTRY_KEY_PATTERN}; `null` or absent means no entries.
 */
function namedMap(values: Schema, definition: string): DocumentedCustom {
  return {
    kind: "custom",
    validate(value, path, out) {
      if (value === null) {
        return;
      }
      if (!isPlainObject(value)) {
        out.add(path, `must be a map of names to entries; got ${describeValue(value)}`);
        return;
      }
      for (const [key, item] of Object.entries(value)) {
        if (!ENTRY_KEY_PATTERN.test(key)) {
          out.add(
            joinPath(path, key),
            `name must start with a letter, digit or "_" and contain only letters, digits, "_" and "-"; got ${describeValue(key)}`,
          );
          continue;
        }
        if (item === null || item === undefined) {
          out.add(
            joinPath(path, key),
            "must be an object; got null (use {} for an entry with only defaults; null removes an entry only in an overlay)",
          );
          continue;
        }
        validateSchema(item, values, joinPath(path, key), out);
      }
    },
    jsonSchema: () => ({
      type: ["object", "null"],
      propertyNames: { pattern: ENTRY_KEY_PATTERN.source },
      additionalProperties: { $ref: `#/definitions/${definition}` },
    }),
  };
}

/** `presets.<key>`: a preset without placement; `name` defaults to the key; the tree is validated in full. */
export const presetEntrySchema: ObjectSchema = withFields(
  withOptional(withoutFields(asObject(presetSchema, "presetSchema"), PLACEMENT), ["name"]),
  { config: presetConfigSchema, permissions: presetPermissionsSchema, ui: presetUiSchema },
);

/** `webhooks.<key>`: a webhook without placement; `name` defaults to the key. */
export const webhookEntrySchema: ObjectSchema = withOptional(withoutFields(asObject(webhookSchema, "webhookSchema"), PLACEMENT), ["name"]);

/** `meetings.<key>`: a meeting without placement; `title` defaults to the key. */
export const meetingEntrySchema: ObjectSchema = withoutFields(asObject(meetingSchema, "meetingSchema"), PLACEMENT);

const appFields = asObject(appSchema, "appSchema").fields;

/** `app`: the app to create or adopt (`id` is the App resource's `appId`). */
export const appEntrySchema: ObjectSchema = {
  kind: "object",
  fields: { name: appFields.name, id: appFields.appId, adoptExisting: appFields.adoptExisting },
};

/** The whole file (after overlays are merged). */
export const configFileSchema: ObjectSchema = {
  kind: "object",
  fields: {
    $schema: { kind: "string" },
    app: appEntrySchema,
    presets: namedMap(presetEntrySchema, "preset"),
    webhooks: namedMap(webhookEntrySchema, "webhook"),
    meetings: namedMap(meetingEntrySchema, "meeting"),
    onLiveSession: meetingEntrySchema.fields.onLiveSession,
  },
};

/** The storage credentials of a meeting's recording config: never literal in a config file. */
export { STORAGE_CREDENTIAL_FIELDS };

/** Validates a merged config document (references already replaced by unknowns). */
export function validateConfigDocument(document: unknown, out: FailureCollector): void {
  validateSchema(document, configFileSchema, "", out);
}

// ---------------------------------------------------------------------------------------------
// JSON Schema

/** Where the published schema lives (the npm package ships `schema/`). */
export const CONFIG_SCHEMA_ID = "https://unpkg.com/pulumi-realtimekit/schema/realtimekit.schema.json";

const REFERENCE_DESCRIPTION =
  "A string with ${...} references: ${presets.<name>.<field>}, ${webhooks.<name>.<field>}, " +
  "${meetings.<name>.<field>}, ${app.<field>} or ${values.<name>}.";

const reference: JsonSchema = { $ref: "#/definitions/reference" };
const httpUrlFragment: JsonSchema = { type: "string", format: "uri", pattern: "^[hH][tT][tT][pP][sS]?://" };

/** A credential field given literally or by config key (`credentialsFromConfig`). */
function givenEitherWay(field: string): JsonSchema {
  return {
    anyOf: [{ required: [field] }, { required: ["credentialsFromConfig"], properties: { credentialsFromConfig: { required: [field] } } }],
  };
}

/** Hand-written JSON Schema for the resources' custom validators, by path. */
const FRAGMENTS: Record<string, JsonSchema> = {
  "webhooks.*.url": { ...httpUrlFragment, pattern: "^[hH][tT][tT][pP][sS]?://[^\\s/?#@]+" },
  "presets.*.ui.designTokens.logo": httpUrlFragment,
  "presets.*.permissions.plugins.config": {
    type: "object",
    propertyNames: { pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" },
    additionalProperties: {
      type: "object",
      properties: {
        accessControl: { type: "string", enum: [...PLUGIN_ACCESS_CONTROLS] },
        handlesViewOnly: { type: "boolean" },
      },
    },
  },
  "meetings.*.recordingConfig.storageConfig": {
    oneOf: [
      { type: "null" },
      {
        type: "object",
        additionalProperties: false,
        required: ["type"],
        properties: {
          type: { type: "string", enum: ["aws", "azure", "digitalocean", "gcs", "sftp"] },
          bucket: { type: "string", minLength: 1 },
          region: { type: "string", minLength: 1 },
          path: { type: "string" },
          host: { type: "string", minLength: 1 },
          port: { anyOf: [{ type: "integer", minimum: 1, maximum: 65535 }, reference] },
          username: { type: "string", minLength: 1 },
          authMethod: { type: "string", enum: ["KEY", "PASSWORD"] },
          accessKey: {
            ...reference,
            description: "Access key id; a ${values.<name>} reference, never a literal (or use credentialsFromConfig).",
          },
          secret: {
            ...reference,
            description: "Secret access key; a ${values.<name>} reference, never a literal (or use credentialsFromConfig).",
          },
          password: {
            ...reference,
            description: "Password (authMethod PASSWORD); a ${values.<name>} reference, never a literal (or use credentialsFromConfig).",
          },
          privateKey: {
            ...reference,
            description: "Private key (authMethod KEY); a ${values.<name>} reference, never a literal (or use credentialsFromConfig).",
          },
          credentialsFromConfig: {
            type: "object",
            additionalProperties: false,
            description:
              "Stack config keys the provider reads the credentials from (pulumi config set --secret <key> <value>); " +
              "the values then appear nowhere but the encrypted stack config. A field is given here or literally, not both.",
            properties: Object.fromEntries(
              STORAGE_CREDENTIAL_FIELDS.map((field) => [
                field,
                {
                  type: "string",
                  pattern: CONFIG_KEY_PATTERN.source,
                  description: `Full stack config key holding ${field}, e.g. "recordings:${field}".`,
                },
              ]),
            ),
          },
        },
        allOf: [
          {
            if: { properties: { type: { enum: ["aws", "azure", "digitalocean"] } }, required: ["type"] },
            then: { allOf: [{ required: ["region"] }, givenEitherWay("accessKey")] },
          },
          { if: { properties: { authMethod: { const: "KEY" } }, required: ["authMethod"] }, then: givenEitherWay("privateKey") },
          { if: { properties: { authMethod: { const: "PASSWORD" } }, required: ["authMethod"] }, then: givenEitherWay("password") },
          ...STORAGE_CREDENTIAL_FIELDS.map((field) => ({
            if: { required: ["credentialsFromConfig"], properties: { credentialsFromConfig: { required: [field] } } },
            then: { not: { required: [field] } },
          })),
        ],
      },
    ],
  },
};

/** Descriptions shown by editors, by path. */
export const CONFIG_DESCRIPTIONS: Record<string, string> = {
  $schema: "The JSON Schema of this file (editors use it for validation and completion).",
  app: "The RealtimeKit app everything is placed in: created, or adopted by name or id. Leave it out to use the stack's realtimekit:appId.",
  "app.name":
    "The app's name. Adopted when exactly one app has it (unless adoptExisting is false), created when none does; several matches fail, listing their ids. A change replaces the app.",
  "app.id": "Adopt the existing app with this id instead of looking the name up.",
  "app.adoptExisting": "Adopt the one existing app named name instead of creating another. Default true.",
  presets: "Presets by name. The map key is the preset name unless name is given.",
  "presets.*.name": "The preset's name, unique in the app. Default: the map key.",
  "presets.*.config": "Room type, video stream limits and media quality; merged onto the documented defaults.",
  "presets.*.permissions":
    "What a participant may do (kickParticipant, pinParticipant, chat, media, polls, ...); merged onto the defaults.",
  "presets.*.ui": "Theme and colours of the prebuilt UI; merged onto the defaults.",
  "presets.*.adoptExisting": "Take over an existing preset with the same name instead of failing with a conflict. Default false.",
  webhooks: "Webhooks by key.",
  "webhooks.*.name": "A name for people; need not be unique. Default: the map key.",
  "webhooks.*.url": "The absolute https:// (or http:// for local receivers) URL that receives the events; unique in the app.",
  "webhooks.*.events": "The events to deliver; order does not matter. Default [meeting.ended].",
  "webhooks.*.enabled": "Whether events are delivered. Default true.",
  "webhooks.*.adoptExisting": "Take over an existing webhook with the same url instead of failing with a conflict. Default false.",
  meetings: "Meetings by key.",
  "meetings.*.title": "The meeting's title, shown to participants. Default: the map key.",
  "meetings.*.status": "ACTIVE (people can join) or INACTIVE (no new joins; the live session is ended first). Default ACTIVE.",
  "meetings.*.recordOnStart": "Start recording when the session starts. Default false.",
  "meetings.*.liveStreamOnStart": "Start live streaming when the session starts. Default false.",
  "meetings.*.persistChat": "Keep the chat after the session. Default false.",
  "meetings.*.summarizeOnEnd": "Summarise the transcript when the session ends (needs transcribeOnEnd). Default false.",
  "meetings.*.transcribeOnEnd": "Transcribe the session when it ends. Default false.",
  "meetings.*.sessionKeepAliveTimeInSecs": "Seconds a session stays alive after the last participant leaves (60 to 600). Default 60.",
  "meetings.*.aiConfig": "AI features: summarization and transcription settings.",
  "meetings.*.recordingConfig":
    "Recording settings. Storage credentials must be ${values.<name>} references or stack config keys in storageConfig.credentialsFromConfig.",
  "meetings.*.adoptMeetingId": "Adopt the existing meeting with this id instead of creating one.",
  "meetings.*.onLiveSession":
    'What a change that would end the meeting\'s live session does: "end" ends it (kick-all), "fail" changes nothing and fails naming the meeting. Default: the file\'s onLiveSession, else the stack\'s realtimekit:onLiveSession, else "end".',
  onLiveSession:
    'The default onLiveSession of every meeting in the file that does not set its own: "end" or "fail". Default: the stack\'s realtimekit:onLiveSession, else "end".',
};

/**
 * The JSON Schema (draft-07) of `realtimekit.yaml`, generated from {@link configFileSchema}.
 *
 * With `overlay: true`, the schema of an overlay (`realtimekit.<stack>.yaml`): the same properties,
 * but nothing is required (an overlay states only what differs) and an entry may be `null`
 * (removes it).
 */
export function configJsonSchema(options: { overlay?: boolean } = {}): JsonSchema {
  const convert = { fragments: FRAGMENTS, descriptions: CONFIG_DESCRIPTIONS, scalarAlternative: reference };
  const root = toJsonSchema(configFileSchema, convert);
  const schema: JsonSchema = {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: options.overlay ? CONFIG_OVERLAY_SCHEMA_ID : CONFIG_SCHEMA_ID,
    title: options.overlay ? "realtimekit.<stack>.yaml" : "realtimekit.yaml",
    description: options.overlay
      ? "A per-stack overlay of realtimekit.yaml for the pulumi-realtimekit RealtimeKitStack component: maps merge " +
        "key by key, scalars and lists replace, and <key>: null under presets, webhooks or meetings removes an entry."
      : "Desired state of Cloudflare RealtimeKit (app, presets, webhooks, meetings) for the pulumi-realtimekit " +
        "RealtimeKitStack component. Per-stack overlays (realtimekit.<stack>.yaml) merge onto it.",
    ...root,
    definitions: {
      reference: { type: "string", pattern: "\\$\\{[^}]+\\}", description: REFERENCE_DESCRIPTION },
      preset: toJsonSchema(presetEntrySchema, convert, "presets.*"),
      webhook: toJsonSchema(webhookEntrySchema, convert, "webhooks.*"),
      meeting: toJsonSchema(meetingEntrySchema, convert, "meetings.*"),
    },
  };
  return options.overlay ? (relaxForOverlay(schema) as JsonSchema) : schema;
}

/** Where the published overlay schema lives. */
export const CONFIG_OVERLAY_SCHEMA_ID = "https://unpkg.com/pulumi-realtimekit/schema/realtimekit.overlay.schema.json";

/** Drops `required` and conditional requirements everywhere, and lets map entries be `null`. */
function relaxForOverlay(node: unknown, key?: string): unknown {
  if (Array.isArray(node)) {
    return node.map((item) => relaxForOverlay(item));
  }
  if (typeof node !== "object" || node === null) {
    return node;
  }
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(node)) {
    if (
      (name === "required" && Array.isArray(value)) ||
      (name === "allOf" && Array.isArray(value) && value.every((item) => "if" in item))
    ) {
      continue;
    }
    // properties.<name> are property schemas, not keywords: keep their names whatever they are.
    out[name] = relaxForOverlay(value, name);
  }
  if (key !== undefined && (ENTRY_MAP_NAMES as readonly string[]).includes(key) && typeof out.additionalProperties === "object") {
    out.additionalProperties = { anyOf: [out.additionalProperties, { type: "null", description: "null removes the entry" }] };
  }
  return out;
}

const ENTRY_MAP_NAMES = ["presets", "webhooks", "meetings"] as const;
