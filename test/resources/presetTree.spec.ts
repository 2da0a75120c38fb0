import assert from "node:assert/strict";
import type { PresetCreateParams } from "cloudflare/resources/realtime-kit/presets";

import { CheckFailure, FailureCollector, UNKNOWN_VALUE } from "../../provider/shared/check";
import {
  DEFAULT_PRESET_CONFIG,
  DEFAULT_PRESET_PERMISSIONS,
  DEFAULT_PRESET_UI,
  PresetConfig,
  PresetPermissions,
  PresetTree,
  PresetTreeInput,
  PresetTreeWire,
  PresetUi,
  mergeDeep,
  mergePresetDefaults,
  presetTreeFromWire,
  presetTreeToWire,
  validatePresetTree,
} from "../../provider/resources/presetTree";
import { PRESET_REQUIRED_WIRE_LEAVES, missingPresetWireLeaves } from "./presetRequiredLeaves";

// Compile-time check (enforced by `tsc --noEmit`): our camelCase types, with keys converted the way
// toSnakeCase converts them, are mutually assignable with the SDK 7.3.0 create body. A missing,
// extra-required or misspelled field, or a wrong enum member, fails the type check.
type Snake<S extends string> = S extends `${infer H}${infer T}` ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${Snake<T>}` : S;
type Wire<T> = T extends readonly (infer U)[]
  ? Wire<U>[]
  : T extends object
    ? { [K in keyof T as K extends string ? Snake<K> : K]: Wire<T[K]> }
    : T;
type Assignable<A, B> = [A] extends [B] ? true : false;
const typeChecks: [
  Assignable<Wire<PresetConfig>, PresetCreateParams.Config>,
  Assignable<PresetCreateParams.Config, Wire<PresetConfig>>,
  Assignable<Wire<PresetPermissions>, PresetCreateParams.Permissions>,
  Assignable<PresetCreateParams.Permissions, Wire<PresetPermissions>>,
  Assignable<Wire<PresetUi>, PresetCreateParams.UI>,
  Assignable<PresetCreateParams.UI, Wire<PresetUi>>,
] = [true, true, true, true, true, true];
void typeChecks;

const PLUGIN_A = "3f1c9a52-6b8e-4d7a-9c21-5e0f4b7d8a13";
const PLUGIN_B = "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d";

function defaults(): PresetTree {
  return JSON.parse(
    JSON.stringify({ config: DEFAULT_PRESET_CONFIG, permissions: DEFAULT_PRESET_PERMISSIONS, ui: DEFAULT_PRESET_UI }),
  ) as PresetTree;
}

function validate(input: unknown): CheckFailure[] {
  const out = new FailureCollector();
  validatePresetTree(input, out);
  return out.failures;
}

/** The complete wire body the defaults produce, written out by hand. */
const DEFAULT_WIRE = {
  config: {
    view_type: "GROUP_CALL",
    max_screenshare_count: 1,
    max_video_streams: { desktop: 6, mobile: 4 },
    media: { video: { quality: "hd", frame_rate: 30 }, screenshare: { quality: "hd", frame_rate: 5 } },
  },
  permissions: {
    accept_waiting_requests: false,
    can_accept_production_requests: false,
    can_change_participant_permissions: false,
    can_edit_display_name: false,
    can_livestream: false,
    can_record: false,
    can_spotlight: false,
    disable_participant_audio: false,
    disable_participant_screensharing: false,
    disable_participant_video: false,
    hidden_participant: false,
    kick_participant: false,
    pin_participant: false,
    show_participant_list: true,
    recorder_type: "NONE",
    waiting_room_type: "SKIP",
    chat: {
      public: { can_send: true, text: true, files: true },
      private: { can_send: true, can_receive: true, text: true, files: true },
    },
    connected_meetings: {
      can_alter_connected_meetings: false,
      can_switch_connected_meetings: false,
      can_switch_to_parent_meeting: false,
    },
    media: {
      audio: { can_produce: "ALLOWED" },
      video: { can_produce: "ALLOWED" },
      screenshare: { can_produce: "ALLOWED" },
    },
    plugins: { can_start: false, can_close: false, can_edit_config: false, config: {} },
    polls: { can_create: false, can_view: true, can_vote: true },
  },
  ui: {
    design_tokens: {
      theme: "darkest",
      border_radius: "rounded",
      border_width: "thin",
      spacing_base: 4,
      colors: {
        background: { "600": "#2c2c2c", "700": "#242424", "800": "#1c1c1c", "900": "#141414", "1000": "#0c0c0c" },
        brand: { "300": "#844d1c", "400": "#b5672a", "500": "#f38020", "600": "#f59a4d", "700": "#f8b57c" },
        danger: "#ff2d2d",
        success: "#62a504",
        text: "#eeeeee",
        text_on_brand: "#eeeeee",
        video_bg: "#191919",
        warning: "#ffcd07",
      },
    },
    config_diff: {},
  },
};

/** A tree that sets every optional field as well. */
function fullTree(): PresetTree {
  const tree = defaults();
  tree.config.livestreamViewerQualities = [360, 720, 1080];
  tree.config.media.video.simulcast = true;
  tree.config.media.audio = { enableHighBitrate: true, enableStereo: false };
  Object.assign(tree.permissions, {
    acceptStageRequests: true,
    isRecorder: false,
    stageEnabled: true,
    transcriptionEnabled: true,
    stageAccess: "CAN_REQUEST",
  });
  tree.permissions.plugins.config = {
    [PLUGIN_A]: { accessControl: "FULL_ACCESS", handlesViewOnly: false, maxUsers: 10 },
    [PLUGIN_B.toUpperCase()]: { accessControl: "VIEW_ONLY" },
  };
  Object.assign(tree.ui.designTokens, {
    fontFamily: "Inter, sans-serif",
    googleFont: "Inter",
    logo: "https://example.com/logo.png",
  });
  tree.ui.configDiff = { sidebar: { default_section: "chat" }, showSetupScreen: false, tiles: [1, 2] };
  return tree;
}

describe("presetTree", () => {
  describe("defaults", () => {
    it("are deeply frozen", () => {
      assert.equal(Object.isFrozen(DEFAULT_PRESET_CONFIG), true);
      assert.equal(Object.isFrozen(DEFAULT_PRESET_CONFIG.media.video), true);
      assert.equal(Object.isFrozen(DEFAULT_PRESET_PERMISSIONS.plugins.config), true);
      assert.equal(Object.isFrozen(DEFAULT_PRESET_UI.designTokens.colors.brand), true);
    });

    it("pass validation", () => {
      assert.deepEqual(validate(defaults()), []);
    });

    it("map to the documented wire body", () => {
      assert.deepEqual(presetTreeToWire(mergePresetDefaults({})), DEFAULT_WIRE);
    });
  });

  describe("mergePresetDefaults", () => {
    it("returns the defaults for an empty input", () => {
      assert.deepEqual(mergePresetDefaults({}), defaults());
    });

    it("changes only kickParticipant and leaves a complete tree", () => {
      const merged = mergePresetDefaults({ permissions: { kickParticipant: true } });
      const expected = defaults();
      expected.permissions.kickParticipant = true;
      assert.deepEqual(merged, expected);
      assert.deepEqual(missingPresetWireLeaves(presetTreeToWire(merged)), []);
    });

    it("merges nested objects key by key", () => {
      const merged = mergePresetDefaults({
        config: { media: { screenshare: { frameRate: 15 } } },
        permissions: { media: { screenshare: { canProduce: "NOT_ALLOWED" } }, chat: { private: { files: false } } },
        ui: { designTokens: { colors: { brand: { "500": "#0055ff" } } } },
      });
      const expected = defaults();
      expected.config.media.screenshare.frameRate = 15;
      expected.permissions.media.screenshare.canProduce = "NOT_ALLOWED";
      expected.permissions.chat.private.files = false;
      expected.ui.designTokens.colors.brand["500"] = "#0055ff";
      assert.deepEqual(merged, expected);
    });

    it("keeps the default where the input is undefined", () => {
      const merged = mergePresetDefaults({ config: { viewType: undefined, maxScreenshareCount: 2 } });
      assert.equal(merged.config.viewType, "GROUP_CALL");
      assert.equal(merged.config.maxScreenshareCount, 2);
    });

    it("replaces arrays instead of merging them", () => {
      assert.deepEqual(mergeDeep({ qualities: [360, 720, 1080], keep: 1 }, { qualities: [480] }), {
        qualities: [480],
        keep: 1,
      });
      const merged = mergePresetDefaults({ config: { livestreamViewerQualities: [360, 720] } });
      assert.deepEqual(merged.config.livestreamViewerQualities, [360, 720]);
    });

    it("keeps an explicit null livestreamViewerQualities", () => {
      const merged = mergePresetDefaults({ config: { livestreamViewerQualities: null } });
      assert.equal(merged.config.livestreamViewerQualities, null);
      assert.equal((presetTreeToWire(merged).config as Record<string, unknown>).livestream_viewer_qualities, null);
    });

    it("lets null and scalars replace objects", () => {
      assert.deepEqual(mergeDeep({ a: { b: 1 }, c: 2 }, { a: null }), { a: null, c: 2 });
      assert.deepEqual(mergeDeep({ a: { b: 1 } }, { a: "x" }), { a: "x" });
    });

    it("merges the plugin config map by plugin id", () => {
      const first = mergePresetDefaults({
        permissions: { plugins: { config: { [PLUGIN_A]: { accessControl: "FULL_ACCESS" } } } },
      });
      const second = mergeDeep(first.permissions, {
        plugins: { canStart: true, config: { [PLUGIN_A]: { handlesViewOnly: true }, [PLUGIN_B]: { accessControl: "VIEW_ONLY" } } },
      }) as PresetPermissions;
      assert.deepEqual(second.plugins, {
        canStart: true,
        canClose: false,
        canEditConfig: false,
        config: {
          [PLUGIN_A]: { accessControl: "FULL_ACCESS", handlesViewOnly: true },
          [PLUGIN_B]: { accessControl: "VIEW_ONLY" },
        },
      });
    });

    it("keeps values unknown at preview where they are", () => {
      const merged = mergePresetDefaults({
        config: UNKNOWN_VALUE as never,
        permissions: { chat: UNKNOWN_VALUE as never, kickParticipant: UNKNOWN_VALUE as never },
      });
      const expected = defaults() as unknown as Record<string, Record<string, unknown>>;
      expected.config = UNKNOWN_VALUE as never;
      expected.permissions.chat = UNKNOWN_VALUE;
      expected.permissions.kickParticipant = UNKNOWN_VALUE;
      assert.deepEqual(merged, expected);
    });

    it("mutates neither the defaults nor the input, and shares no objects with them", () => {
      const before = JSON.stringify([DEFAULT_PRESET_CONFIG, DEFAULT_PRESET_PERMISSIONS, DEFAULT_PRESET_UI]);
      const input: PresetTreeInput = {
        config: { livestreamViewerQualities: [360] },
        permissions: { plugins: { config: { [PLUGIN_A]: { accessControl: "VIEW_ONLY" } } } },
      };
      const inputBefore = JSON.stringify(input);
      const merged = mergePresetDefaults(input);
      merged.config.media.video.quality = "uhd";
      merged.config.livestreamViewerQualities?.push(720);
      merged.permissions.plugins.config[PLUGIN_A].handlesViewOnly = true;
      merged.permissions.plugins.config[PLUGIN_B] = {};
      merged.ui.designTokens.colors.background["600"] = "#000";
      (merged.ui.configDiff as Record<string, unknown>).x = 1;
      assert.equal(JSON.stringify([DEFAULT_PRESET_CONFIG, DEFAULT_PRESET_PERMISSIONS, DEFAULT_PRESET_UI]), before);
      assert.equal(JSON.stringify(input), inputBefore);
      assert.deepEqual(mergePresetDefaults({}), defaults());
    });

    it("treats a __proto__ key as data", () => {
      const merged = mergeDeep({ a: 1 }, JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
      assert.equal(Object.getPrototypeOf(merged), Object.prototype);
      assert.deepEqual(Object.getOwnPropertyDescriptor(merged, "__proto__")?.value, { polluted: true });
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  });

  describe("validatePresetTree", () => {
    const cases: Array<{ name: string; input: Record<string, unknown>; failures: CheckFailure[] }> = [
      {
        name: "an unknown view type",
        input: { config: { viewType: "MEETING" } },
        failures: [
          {
            property: "config.viewType",
            reason: 'must be one of "GROUP_CALL", "WEBINAR", "AUDIO_ROOM", "LIVESTREAM"; got "MEETING"',
          },
        ],
      },
      {
        name: "a negative screen share count",
        input: { config: { maxScreenshareCount: -1 } },
        failures: [{ property: "config.maxScreenshareCount", reason: "must be at least 0; got -1" }],
      },
      {
        name: "a fractional screen share count",
        input: { config: { maxScreenshareCount: 1.5 } },
        failures: [{ property: "config.maxScreenshareCount", reason: "must be an integer; got 1.5" }],
      },
      {
        name: "a string stream count",
        input: { config: { maxVideoStreams: { desktop: "6", mobile: -4 } } },
        failures: [
          { property: "config.maxVideoStreams.desktop", reason: 'must be a number; got "6"' },
          { property: "config.maxVideoStreams.mobile", reason: "must be at least 0; got -4" },
        ],
      },
      {
        name: "an unknown video quality",
        input: { config: { media: { video: { quality: "4k" } } } },
        failures: [{ property: "config.media.video.quality", reason: 'must be one of "hd", "vga", "qvga", "fhd", "uhd"; got "4k"' }],
      },
      {
        name: "frame rates outside 1..30 (camera, the API's maximum) and 1..60 (screen share)",
        input: { config: { media: { video: { frameRate: 31 }, screenshare: { frameRate: 61 } } } },
        failures: [
          { property: "config.media.video.frameRate", reason: "must be between 1 and 30; got 31" },
          { property: "config.media.screenshare.frameRate", reason: "must be between 1 and 60; got 61" },
        ],
      },
      {
        name: "a non-boolean audio switch",
        input: { config: { media: { audio: { enableStereo: "yes" } } } },
        failures: [{ property: "config.media.audio.enableStereo", reason: 'must be a boolean; got "yes"' }],
      },
      {
        name: "an unknown key in config.media.video",
        input: { config: { media: { video: { codec: "vp9" } } } },
        failures: [{ property: "config.media.video.codec", reason: "unknown property; expected one of quality, frameRate, simulcast" }],
      },
      {
        name: "a snake_case key at the top of config",
        input: { config: { view_type: "GROUP_CALL" } },
        failures: [
          {
            property: "config.view_type",
            reason: "unknown property; expected one of viewType, maxScreenshareCount, maxVideoStreams, media, livestreamViewerQualities",
          },
        ],
      },
      {
        name: "a zero livestream quality",
        input: { config: { livestreamViewerQualities: [720, 0] } },
        failures: [{ property: "config.livestreamViewerQualities[1]", reason: "must be at least 1; got 0" }],
      },
      {
        name: "livestream qualities that are not a list",
        input: { config: { livestreamViewerQualities: "720" } },
        failures: [{ property: "config.livestreamViewerQualities", reason: 'must be a list; got "720"' }],
      },
      {
        name: "config that is not an object",
        input: { config: [] },
        failures: [{ property: "config", reason: "must be an object; got []" }],
      },
      {
        name: "a string kickParticipant",
        input: { permissions: { kickParticipant: "true" } },
        failures: [{ property: "permissions.kickParticipant", reason: 'must be a boolean; got "true"' }],
      },
      {
        name: "unknown recorder and waiting room types",
        input: { permissions: { recorderType: "BOT", waitingRoomType: "ALWAYS" } },
        failures: [
          { property: "permissions.recorderType", reason: 'must be one of "RECORDER", "LIVESTREAMER", "NONE"; got "BOT"' },
          {
            property: "permissions.waitingRoomType",
            reason: 'must be one of "SKIP", "ON_PRIVILEGED_USER_ENTRY", "SKIP_ON_ACCEPT"; got "ALWAYS"',
          },
        ],
      },
      {
        name: "an unknown produce access",
        input: { permissions: { media: { audio: { canProduce: "YES" } } } },
        failures: [
          {
            property: "permissions.media.audio.canProduce",
            reason: 'must be one of "ALLOWED", "NOT_ALLOWED", "CAN_REQUEST"; got "YES"',
          },
        ],
      },
      {
        name: "an unknown stage access",
        input: { permissions: { stageAccess: "MAYBE" } },
        failures: [{ property: "permissions.stageAccess", reason: 'must be one of "ALLOWED", "NOT_ALLOWED", "CAN_REQUEST"; got "MAYBE"' }],
      },
      {
        name: "a misspelled key in permissions.chat.public",
        input: { permissions: { chat: { public: { canSned: true } } } },
        failures: [{ property: "permissions.chat.public.canSned", reason: "unknown property; expected one of canSend, text, files" }],
      },
      {
        name: "an Object.prototype member name as a key",
        input: { permissions: { polls: { constructor: true } } },
        failures: [{ property: "permissions.polls.constructor", reason: "unknown property; expected one of canCreate, canView, canVote" }],
      },
      {
        name: "null polls",
        input: { permissions: { polls: null } },
        failures: [{ property: "permissions.polls", reason: "must be an object; got null" }],
      },
      {
        name: "a plugin id that is not a UUID",
        input: { permissions: { plugins: { config: { whiteboard: {} } } } },
        failures: [{ property: "permissions.plugins.config.whiteboard", reason: 'key must be a plugin UUID; got "whiteboard"' }],
      },
      {
        name: "an unknown plugin access control and a string handlesViewOnly",
        input: { permissions: { plugins: { config: { [PLUGIN_A]: { accessControl: "EDIT", handlesViewOnly: "no" } } } } },
        failures: [
          {
            property: `permissions.plugins.config.${PLUGIN_A}.accessControl`,
            reason: 'must be one of "FULL_ACCESS", "VIEW_ONLY"; got "EDIT"',
          },
          { property: `permissions.plugins.config.${PLUGIN_A}.handlesViewOnly`, reason: 'must be a boolean; got "no"' },
        ],
      },
      {
        name: "a plugin entry that is not an object",
        input: { permissions: { plugins: { config: { [PLUGIN_A]: "FULL_ACCESS" } } } },
        failures: [{ property: `permissions.plugins.config.${PLUGIN_A}`, reason: 'must be an object; got "FULL_ACCESS"' }],
      },
      {
        name: "a plugin config given as a plain UUID string (older SDK shape)",
        input: { permissions: { plugins: { config: PLUGIN_A } } },
        failures: [{ property: "permissions.plugins.config", reason: `must be an object; got "${PLUGIN_A}"` }],
      },
      {
        name: "unknown theme and border radius",
        input: { ui: { designTokens: { theme: "dim", borderRadius: "round" } } },
        failures: [
          { property: "ui.designTokens.theme", reason: 'must be one of "darkest", "dark", "light"; got "dim"' },
          {
            property: "ui.designTokens.borderRadius",
            reason: 'must be one of "sharp", "rounded", "extra-rounded", "circular"; got "round"',
          },
        ],
      },
      {
        name: "a negative spacing base",
        input: { ui: { designTokens: { spacingBase: -2 } } },
        failures: [{ property: "ui.designTokens.spacingBase", reason: "must be at least 0; got -2" }],
      },
      {
        name: "colors that are not hex",
        input: { ui: { designTokens: { colors: { brand: { "500": "orange" }, textOnBrand: "#12345" } } } },
        failures: [
          {
            property: "ui.designTokens.colors.brand.500",
            reason: 'must be a hex color (#rgb, #rgba, #rrggbb or #rrggbbaa); got "orange"',
          },
          {
            property: "ui.designTokens.colors.textOnBrand",
            reason: 'must be a hex color (#rgb, #rgba, #rrggbb or #rrggbbaa); got "#12345"',
          },
        ],
      },
      {
        name: "an unknown background shade",
        input: { ui: { designTokens: { colors: { background: { "1100": "#000000" } } } } },
        failures: [
          { property: "ui.designTokens.colors.background.1100", reason: "unknown property; expected one of 600, 700, 800, 900, 1000" },
        ],
      },
      {
        name: "a wrongly cased color key",
        input: { ui: { designTokens: { colors: { videoBG: "#000000" } } } },
        failures: [
          {
            property: "ui.designTokens.colors.videoBG",
            reason: "unknown property; expected one of background, brand, danger, success, text, textOnBrand, videoBg, warning",
          },
        ],
      },
      {
        name: "a non-http logo",
        input: { ui: { designTokens: { logo: "ftp://example.com/logo.png" } } },
        failures: [{ property: "ui.designTokens.logo", reason: 'must be an http(s) URL; got "ftp://example.com/logo.png"' }],
      },
      {
        name: "a relative logo",
        input: { ui: { designTokens: { logo: "logo.png" } } },
        failures: [{ property: "ui.designTokens.logo", reason: 'must be an http(s) URL; got "logo.png"' }],
      },
      {
        name: "an empty font family",
        input: { ui: { designTokens: { fontFamily: "" } } },
        failures: [{ property: "ui.designTokens.fontFamily", reason: "must not be empty" }],
      },
      {
        name: "a snake_case key at the top of ui",
        input: { ui: { design_tokens: {} } },
        failures: [{ property: "ui.design_tokens", reason: "unknown property; expected one of designTokens, configDiff" }],
      },
    ];

    for (const { name, input, failures } of cases) {
      it(`reports ${name}`, () => {
        assert.deepEqual(validate(input), failures);
      });
    }

    it("accepts a tree that sets every field, optional ones included", () => {
      assert.deepEqual(validate(fullTree()), []);
    });

    it("accepts an empty input, short hex colors and an http logo", () => {
      assert.deepEqual(validate({}), []);
      assert.deepEqual(
        validate({ ui: { designTokens: { logo: "http://localhost:8080/a.svg", colors: { danger: "#F00", warning: "#ffcc0080" } } } }),
        [],
      );
    });

    it("ignores other properties and non-object inputs", () => {
      assert.deepEqual(validate({ name: 42, config: { viewType: "WEBINAR" } }), []);
      assert.deepEqual(validate(UNKNOWN_VALUE), []);
      assert.deepEqual(validate(null), []);
    });

    it("lets values unknown at preview pass at every depth", () => {
      assert.deepEqual(validate({ config: UNKNOWN_VALUE, permissions: UNKNOWN_VALUE, ui: UNKNOWN_VALUE }), []);
      assert.deepEqual(
        validate({
          config: { viewType: UNKNOWN_VALUE, livestreamViewerQualities: [UNKNOWN_VALUE, 720] },
          permissions: {
            kickParticipant: UNKNOWN_VALUE,
            plugins: { config: { [PLUGIN_A]: UNKNOWN_VALUE, [PLUGIN_B]: { accessControl: UNKNOWN_VALUE } } },
          },
          ui: { designTokens: { colors: { brand: { "300": UNKNOWN_VALUE } }, logo: UNKNOWN_VALUE } },
        }),
        [],
      );
    });
  });

  describe("presetTreeToWire", () => {
    it("converts keys to snake_case and keeps color shades and plugin ids", () => {
      const wire = presetTreeToWire(fullTree());
      const expected = JSON.parse(JSON.stringify(DEFAULT_WIRE)) as Record<string, Record<string, Record<string, unknown>>>;
      Object.assign(expected.config, { livestream_viewer_qualities: [360, 720, 1080] });
      expected.config.media = {
        video: { quality: "hd", frame_rate: 30, simulcast: true },
        screenshare: { quality: "hd", frame_rate: 5 },
        audio: { enable_high_bitrate: true, enable_stereo: false },
      };
      Object.assign(expected.permissions, {
        accept_stage_requests: true,
        is_recorder: false,
        stage_enabled: true,
        transcription_enabled: true,
        stage_access: "CAN_REQUEST",
      });
      (expected.permissions.plugins as Record<string, unknown>).config = {
        [PLUGIN_A]: { access_control: "FULL_ACCESS", handles_view_only: false, max_users: 10 },
        [PLUGIN_B.toUpperCase()]: { access_control: "VIEW_ONLY" },
      };
      Object.assign(expected.ui.design_tokens, {
        font_family: "Inter, sans-serif",
        google_font: "Inter",
        logo: "https://example.com/logo.png",
      });
      expected.ui.config_diff = { sidebar: { default_section: "chat" }, showSetupScreen: false, tiles: [1, 2] };
      assert.deepEqual(wire, expected);
    });

    it("converts only what is set in a partial tree and passes unknown values through", () => {
      assert.deepEqual(
        presetTreeToWire({ permissions: { kickParticipant: true, chat: UNKNOWN_VALUE as never }, ui: UNKNOWN_VALUE as never }),
        { permissions: { kick_participant: true, chat: UNKNOWN_VALUE }, ui: UNKNOWN_VALUE },
      );
    });
  });

  describe("presetTreeFromWire", () => {
    it("round-trips a complete camelCase tree losslessly", () => {
      const tree = fullTree();
      assert.deepEqual(presetTreeFromWire(presetTreeToWire(tree)), tree);
    });

    it("round-trips a server response losslessly and keeps server-added fields", () => {
      const response: PresetTreeWire = JSON.parse(JSON.stringify(DEFAULT_WIRE));
      const config = response.config as Record<string, Record<string, Record<string, unknown>>>;
      config.media.video.simulcast = false;
      (response.permissions as Record<string, unknown>).some_new_flag = true;
      (response.ui as Record<string, unknown>).config_diff = { snake_key: { camelKey: 1 } };
      const camel = presetTreeFromWire(response);
      assert.equal(camel.config?.media?.video?.simulcast, false);
      assert.equal((camel.permissions as Record<string, unknown>).someNewFlag, true);
      assert.equal(camel.ui?.designTokens?.colors?.textOnBrand, "#eeeeee");
      assert.equal(camel.ui?.designTokens?.colors?.videoBg, "#191919");
      assert.equal(camel.ui?.designTokens?.colors?.background?.["1000"], "#0c0c0c");
      assert.equal(camel.config?.maxScreenshareCount, 1);
      assert.deepEqual(camel.ui?.configDiff, { snake_key: { camelKey: 1 } });
      assert.deepEqual(presetTreeToWire(camel), response);
    });

    it("keeps plugin ids and converts their settings", () => {
      const camel = presetTreeFromWire({
        permissions: { plugins: { config: { [PLUGIN_A]: { access_control: "VIEW_ONLY", handles_view_only: true } } } },
      });
      assert.deepEqual(camel, {
        permissions: { plugins: { config: { [PLUGIN_A]: { accessControl: "VIEW_ONLY", handlesViewOnly: true } } } },
      });
    });
  });

  describe("PRESET_REQUIRED_WIRE_LEAVES", () => {
    it("lists 64 distinct snake_case paths", () => {
      assert.equal(PRESET_REQUIRED_WIRE_LEAVES.length, 64);
      assert.equal(new Set(PRESET_REQUIRED_WIRE_LEAVES).size, 64);
      for (const path of PRESET_REQUIRED_WIRE_LEAVES) {
        assert.match(path, /^(config|permissions|ui)(\.[a-z0-9_]+)+$/);
      }
      assert.ok(PRESET_REQUIRED_WIRE_LEAVES.includes("permissions.kick_participant"));
    });

    it("are all present in the wire body of the defaults", () => {
      assert.deepEqual(missingPresetWireLeaves(presetTreeToWire(mergePresetDefaults({}))), []);
    });

    it("reports the leaves a body lacks, in list order", () => {
      const wire = JSON.parse(JSON.stringify(DEFAULT_WIRE));
      delete wire.permissions.kick_participant;
      wire.ui.design_tokens.colors.background["1000"] = null;
      delete wire.config.media;
      assert.deepEqual(missingPresetWireLeaves(wire), [
        "config.media.video.quality",
        "config.media.video.frame_rate",
        "config.media.screenshare.quality",
        "config.media.screenshare.frame_rate",
        "permissions.kick_participant",
        "ui.design_tokens.colors.background.1000",
      ]);
    });
  });
});
