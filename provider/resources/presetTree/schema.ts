/** The `check()` validation schemas of a preset tree, with the API's published constraints. */
import { FailureCollector, Schema, describeValue, isPlainObject, joinPath, validateSchema } from "../../shared/check";
import { withSpecConstraints } from "../../shared/specCheck";
import {
  BORDER_RADII,
  BORDER_WIDTHS,
  PLUGIN_ACCESS_CONTROLS,
  PRODUCE_ACCESS_VALUES,
  RECORDER_TYPES,
  STAGE_ACCESS_VALUES,
  THEMES,
  VIDEO_QUALITIES,
  VIEW_TYPES,
  WAITING_ROOM_TYPES,
} from "./types";

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/**
 * An `object` schema whose field table has no prototype, so that keys such as `constructor` or
 * `toString` are reported as unknown instead of matching `Object.prototype` members.
 */
function object(fields: Record<string, Schema>): Schema {
  return { kind: "object", fields: Object.freeze(Object.assign(Object.create(null) as Record<string, Schema>, fields)) };
}

function oneOf(values: readonly string[]): Schema {
  return { kind: "enum", values };
}

/**
 * A map whose keys must pass `isValidKey` (failure at the key's path: `key <keyHint>; got "<key>"`)
 * and whose values must match `values`.
 */
function keyedRecord(isValidKey: (key: string) => boolean, keyHint: string, values: Schema): Schema {
  return {
    kind: "custom",
    shape: { kind: "record", values },
    validate(value, path, out) {
      if (!isPlainObject(value)) {
        out.add(path, `must be an object; got ${describeValue(value)}`);
        return;
      }
      for (const [key, item] of Object.entries(value)) {
        if (!isValidKey(key)) {
          out.add(joinPath(path, key), `key ${keyHint}; got ${describeValue(key)}`);
        }
        validateSchema(item, values, joinPath(path, key), out);
      }
    },
  };
}

/** An object with some known, typed fields and any other keys allowed. */
function openObject(fields: Record<string, Schema>): Schema {
  return {
    kind: "custom",
    shape: { kind: "object", fields },
    validate(value, path, out) {
      if (!isPlainObject(value)) {
        out.add(path, `must be an object; got ${describeValue(value)}`);
        return;
      }
      for (const [key, schema] of Object.entries(fields)) {
        validateSchema(Object.hasOwn(value, key) ? value[key] : undefined, schema, joinPath(path, key), out);
      }
    },
  };
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const boolean: Schema = { kind: "boolean" };
/** Counts: integers ≥ 0 (the API documents no bounds). */
const count: Schema = { kind: "number", integer: true, min: 0 };
/** Frame rates: integers 1..60 (this provider's bounds; the spec caps the camera's at 30, applied by withSpecConstraints). */
const frameRate: Schema = { kind: "number", integer: true, min: 1, max: 60 };
const produceAccess = oneOf(PRODUCE_ACCESS_VALUES);
const color: Schema = {
  kind: "string",
  pattern: /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i,
  patternHint: "must be a hex color (#rgb, #rgba, #rrggbb or #rrggbbaa)",
};
const httpUrl: Schema = {
  kind: "custom",
  shape: { kind: "string" },
  validate(value, path, out) {
    if (typeof value !== "string") {
      out.add(path, `must be a string; got ${describeValue(value)}`);
      return;
    }
    let protocol: string | undefined;
    try {
      protocol = new URL(value).protocol;
    } catch {
      protocol = undefined;
    }
    if (protocol !== "http:" && protocol !== "https:") {
      out.add(path, `must be an http(s) URL; got ${describeValue(value)}`);
    }
  },
};

/**
 * Validation schema for {@link PresetConfigInput} (camelCase). Nothing is required: defaults fill
 * omitted fields. Counts are integers ≥ 0, frame rates integers 1..60 (the camera's at most 30,
 * as the API spec says), livestream qualities positive integers or `null`. Enums and ranges the
 * spec states are applied by {@link withSpecConstraints}.
 * @internal
 */
export const presetConfigSchema: Schema = withSpecConstraints(
  "preset",
  object({
    viewType: oneOf(VIEW_TYPES),
    maxScreenshareCount: count,
    maxVideoStreams: object({ desktop: count, mobile: count }),
    media: object({
      video: object({ quality: oneOf(VIDEO_QUALITIES), frameRate, simulcast: boolean }),
      screenshare: object({ quality: oneOf(VIDEO_QUALITIES), frameRate }),
      audio: object({ enableHighBitrate: boolean, enableStereo: boolean }),
    }),
    livestreamViewerQualities: { kind: "array", items: { kind: "number", integer: true, min: 1 }, nullable: true },
  }),
  "config",
);

/**
 * Validation schema for {@link PresetPermissionsInput} (camelCase). Nothing is required.
 * `plugins.config` keys must be UUIDs; each entry is an object whose `accessControl` and
 * `handlesViewOnly` are checked and whose other keys are free.
 * @internal
 */
export const presetPermissionsSchema: Schema = withSpecConstraints(
  "preset",
  object({
    acceptWaitingRequests: boolean,
    canAcceptProductionRequests: boolean,
    canChangeParticipantPermissions: boolean,
    canEditDisplayName: boolean,
    canLivestream: boolean,
    canRecord: boolean,
    canSpotlight: boolean,
    disableParticipantAudio: boolean,
    disableParticipantScreensharing: boolean,
    disableParticipantVideo: boolean,
    hiddenParticipant: boolean,
    kickParticipant: boolean,
    pinParticipant: boolean,
    showParticipantList: boolean,
    recorderType: oneOf(RECORDER_TYPES),
    waitingRoomType: oneOf(WAITING_ROOM_TYPES),
    chat: object({
      public: object({ canSend: boolean, text: boolean, files: boolean }),
      private: object({ canSend: boolean, canReceive: boolean, text: boolean, files: boolean }),
    }),
    connectedMeetings: object({
      canAlterConnectedMeetings: boolean,
      canSwitchConnectedMeetings: boolean,
      canSwitchToParentMeeting: boolean,
    }),
    media: object({
      audio: object({ canProduce: produceAccess }),
      video: object({ canProduce: produceAccess }),
      screenshare: object({ canProduce: produceAccess }),
    }),
    plugins: object({
      canStart: boolean,
      canClose: boolean,
      canEditConfig: boolean,
      config: keyedRecord(
        (key) => UUID_PATTERN.test(key),
        "must be a plugin UUID",
        openObject({ accessControl: oneOf(PLUGIN_ACCESS_CONTROLS), handlesViewOnly: boolean }),
      ),
    }),
    polls: object({ canCreate: boolean, canView: boolean, canVote: boolean }),
    acceptStageRequests: boolean,
    isRecorder: boolean,
    stageEnabled: boolean,
    transcriptionEnabled: boolean,
    stageAccess: oneOf(STAGE_ACCESS_VALUES),
  }),
  "permissions",
);

/**
 * Validation schema for {@link PresetUiInput} (camelCase). Nothing is required. Colors are hex
 * strings, `spacingBase` a number ≥ 0, `logo` an http(s) URL, font names non-empty, `configDiff`
 * anything.
 * @internal
 */
export const presetUiSchema: Schema = withSpecConstraints(
  "preset",
  object({
    designTokens: object({
      theme: oneOf(THEMES),
      borderRadius: oneOf(BORDER_RADII),
      borderWidth: oneOf(BORDER_WIDTHS),
      spacingBase: { kind: "number", min: 0 },
      colors: object({
        background: object({ "600": color, "700": color, "800": color, "900": color, "1000": color }),
        brand: object({ "300": color, "400": color, "500": color, "600": color, "700": color }),
        danger: color,
        success: color,
        text: color,
        textOnBrand: color,
        videoBg: color,
        warning: color,
      }),
      fontFamily: { kind: "string", minLength: 1 },
      googleFont: { kind: "string", minLength: 1 },
      logo: httpUrl,
    }),
    configDiff: { kind: "any" },
  }),
  "ui",
);

/**
 * Validates the `config`, `permissions` and `ui` properties of `input` (a resource's inputs, as
 * the user wrote them) and adds failures with camelCase paths such as
 * `permissions.media.audio.canProduce`. Other properties of `input` are ignored; a non-object
 * `input` is left to the caller. Values unknown at preview pass.
 * @internal
 */
export function validatePresetTree(input: unknown, out: FailureCollector): void {
  if (!isPlainObject(input)) {
    return;
  }
  validateSchema(input.config, presetConfigSchema, "config", out);
  validateSchema(input.permissions, presetPermissionsSchema, "permissions", out);
  validateSchema(input.ui, presetUiSchema, "ui", out);
}
