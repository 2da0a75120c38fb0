/**
 * The documented defaults of a preset tree (an ordinary participant in a group call), the deep
 * merge of user input onto them, and its inverse: the smallest input that reproduces a tree.
 */
import { isPlainObject, isUnknown } from "../../shared/check";
import { isEqual } from "../../shared/diff";
import { cloneJson, setOwn } from "./json";
import type { DeepReadonly, PresetConfig, PresetPermissions, PresetTree, PresetTreeInput, PresetUi } from "./types";

// ---------------------------------------------------------------------------------------------
// Defaults: an ordinary participant in a group call
// ---------------------------------------------------------------------------------------------

function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (typeof value === "object" && value !== null) {
    for (const item of Object.values(value)) {
      deepFreeze(item);
    }
    Object.freeze(value);
  }
  return value as DeepReadonly<T>;
}

/**
 * Default `config`: a group call with one screen share at a time, 6 tiles on desktop and 4 on
 * mobile, HD video at 30 fps and HD screen share at 5 fps. Optional fields (`simulcast`, `audio`,
 * `livestreamViewerQualities`) are left to the server. Frozen.
 */
export const DEFAULT_PRESET_CONFIG: DeepReadonly<PresetConfig> = deepFreeze<PresetConfig>({
  viewType: "GROUP_CALL",
  maxScreenshareCount: 1,
  maxVideoStreams: { desktop: 6, mobile: 4 },
  media: {
    video: { quality: "hd", frameRate: 30 },
    screenshare: { quality: "hd", frameRate: 5 },
  },
});

/**
 * Default `permissions`: an ordinary participant. They may publish audio, video and screen share,
 * chat (public and private, text and files), see the participant list, and view and vote in polls.
 * Every moderation, recording, livestream, plugin and connected-meeting permission is off,
 * including `kickParticipant`; waiting room `SKIP`, recorder type `NONE`, no plugin settings.
 * Optional stage and transcription fields are left to the server. Frozen.
 */
export const DEFAULT_PRESET_PERMISSIONS: DeepReadonly<PresetPermissions> = deepFreeze<PresetPermissions>({
  acceptWaitingRequests: false,
  canAcceptProductionRequests: false,
  canChangeParticipantPermissions: false,
  canEditDisplayName: false,
  canLivestream: false,
  canRecord: false,
  canSpotlight: false,
  disableParticipantAudio: false,
  disableParticipantScreensharing: false,
  disableParticipantVideo: false,
  hiddenParticipant: false,
  kickParticipant: false,
  pinParticipant: false,
  showParticipantList: true,
  recorderType: "NONE",
  waitingRoomType: "SKIP",
  chat: {
    public: { canSend: true, text: true, files: true },
    private: { canSend: true, canReceive: true, text: true, files: true },
  },
  connectedMeetings: {
    canAlterConnectedMeetings: false,
    canSwitchConnectedMeetings: false,
    canSwitchToParentMeeting: false,
  },
  media: {
    audio: { canProduce: "ALLOWED" },
    video: { canProduce: "ALLOWED" },
    screenshare: { canProduce: "ALLOWED" },
  },
  plugins: { canStart: false, canClose: false, canEditConfig: false, config: {} },
  polls: { canCreate: false, canView: true, canVote: true },
});

/**
 * Default `ui`: the `darkest` theme, `rounded` corners, `thin` borders, a 4 px spacing base, a
 * neutral dark background scale and an orange brand scale, and an empty `configDiff` (which
 * third-party code reports the live API requires). The palette is plausible, not copied from the
 * dashboard. Frozen.
 */
export const DEFAULT_PRESET_UI: DeepReadonly<PresetUi> = deepFreeze<PresetUi>({
  designTokens: {
    theme: "darkest",
    borderRadius: "rounded",
    borderWidth: "thin",
    spacingBase: 4,
    colors: {
      background: { "600": "#2c2c2c", "700": "#242424", "800": "#1c1c1c", "900": "#141414", "1000": "#0c0c0c" },
      brand: { "300": "#844d1c", "400": "#b5672a", "500": "#f38020", "600": "#f59a4d", "700": "#f8b57c" },
      danger: "#ff2d2d",
      success: "#62a504",
      text: "#eeeeee",
      textOnBrand: "#eeeeee",
      videoBg: "#191919",
      warning: "#ffcd07",
    },
  },
  configDiff: {},
});

// ---------------------------------------------------------------------------------------------
// Merge
// ---------------------------------------------------------------------------------------------

/**
 * Deep-merges `override` onto `base` into a new value: plain objects merge key by key; arrays,
 * `null`, scalars and unknown-at-preview values replace; `undefined` keeps the base.
 * @internal
 */
export function mergeDeep(base: unknown, override: unknown): unknown {
  if (override === undefined) {
    return cloneJson(base);
  }
  if (isUnknown(override) || !isPlainObject(base) || !isPlainObject(override)) {
    return cloneJson(override);
  }
  const result = cloneJson(base) as Record<string, unknown>;
  for (const [key, item] of Object.entries(override)) {
    if (item !== undefined) {
      setOwn(result, key, mergeDeep(Object.hasOwn(base, key) ? base[key] : undefined, item));
    }
  }
  return result;
}

/**
 * Fills a user's deep-partial preset tree with the defaults. Objects merge; arrays, `null` and
 * scalars replace; `permissions.plugins.config` merges by plugin id. Values unknown at preview are
 * kept where they are (so the result type is exact only once inputs are known). Pure: neither the
 * input nor the defaults are changed, and the result shares no objects with them.
 * @internal
 */
export function mergePresetDefaults(input: PresetTreeInput): PresetTree {
  return {
    config: mergeDeep(DEFAULT_PRESET_CONFIG, input.config) as PresetConfig,
    permissions: mergeDeep(DEFAULT_PRESET_PERMISSIONS, input.permissions) as PresetPermissions,
    ui: mergeDeep(DEFAULT_PRESET_UI, input.ui) as PresetUi,
  };
}

/**
 * Leaves the API adds to a preset created without them (`config.media.video.simulcast: false`).
 * A preset that holds exactly these values needs no input to reproduce them.
 * @internal
 */
export const SERVER_ADDED_PRESET_LEAVES: DeepReadonly<PresetTreeInput> = deepFreeze<PresetTreeInput>({
  config: { media: { video: { simulcast: false } } },
});

/** The leaves of `live` that differ from `baseline`, as a deep-partial (undefined when none). */
function leavesDifferingFrom(live: unknown, baseline: unknown): unknown {
  if (isPlainObject(live) && isPlainObject(baseline)) {
    const kept: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(live)) {
      const child = leavesDifferingFrom(item, Object.hasOwn(baseline, key) ? baseline[key] : undefined);
      if (child !== undefined) {
        setOwn(kept, key, child);
      }
    }
    return Object.keys(kept).length > 0 ? kept : undefined;
  }
  return isEqual(live, baseline) ? undefined : cloneJson(live);
}

/**
 * The smallest deep-partial input that reproduces a preset tree as the API holds it: only the
 * leaves that differ from the defaults (and from what the server adds by itself). Merged onto the
 * defaults with {@link mergePresetDefaults} it gives `live` back, apart from server-added leaves.
 *
 * @param live - the preset's `config`, `permissions` and `ui` in camelCase ({@link presetTreeFromWire}).
 * @internal
 */
export function minimalPresetInput(live: PresetTreeInput): PresetTreeInput {
  const baseline = mergeDeep(mergePresetDefaults({}), SERVER_ADDED_PRESET_LEAVES) as Record<string, unknown>;
  const input: PresetTreeInput = {};
  for (const key of ["config", "permissions", "ui"] as const) {
    const partial = live[key] === undefined ? undefined : leavesDifferingFrom(live[key], baseline[key]);
    if (partial !== undefined) {
      (input as Record<string, unknown>)[key] = partial;
    }
  }
  return input;
}
