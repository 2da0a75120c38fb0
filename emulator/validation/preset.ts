/**
 * The preset body schema: the full `config` / `permissions` / `ui` tree of SDK 7.3.0
 * (`PresetCreateParams`), with the required leaves, enums and types the API enforces. Create and
 * PUT use it as is; PATCH uses it as a deep partial.
 */
import { PRESET_VIDEO_MAX_FRAME_RATE } from "../limits";
import { any, arr, bool, map, nullable, num, obj, oneOf, opt, req, type Schema, str, validate } from "./schema";

/** Video / screenshare quality values. */
export const MEDIA_QUALITIES = ["hd", "vga", "qvga", "fhd", "uhd"] as const;
/** `config.view_type` values. */
export const VIEW_TYPES = ["GROUP_CALL", "WEBINAR", "AUDIO_ROOM", "LIVESTREAM"] as const;
/** `can_produce` / `stage_access` values. */
export const PRODUCE_ACCESS = ["ALLOWED", "NOT_ALLOWED", "CAN_REQUEST"] as const;
/** `permissions.recorder_type` values. */
export const RECORDER_TYPES = ["RECORDER", "LIVESTREAMER", "NONE"] as const;
/** `permissions.waiting_room_type` values. */
export const WAITING_ROOM_TYPES = ["SKIP", "ON_PRIVILEGED_USER_ENTRY", "SKIP_ON_ACCEPT"] as const;
/** `permissions.plugins.config.<id>.access_control` values. */
export const PLUGIN_ACCESS = ["FULL_ACCESS", "VIEW_ONLY"] as const;
/** `ui.design_tokens.theme` values. */
export const THEMES = ["darkest", "dark", "light"] as const;
/** `ui.design_tokens.border_radius` values. */
export const BORDER_RADII = ["sharp", "rounded", "extra-rounded", "circular"] as const;
/** `ui.design_tokens.border_width` values. */
export const BORDER_WIDTHS = ["none", "thin", "fat"] as const;

const count = num({ integer: true, min: 0 });
const frameRate = num({ min: 0 });
/** The spec caps the camera's frame rate at 30 (`config.media.video.frame_rate`, `maximum: 30`). */
const videoFrameRate = num({ min: 0, max: PRESET_VIDEO_MAX_FRAME_RATE });
const produce = obj({ can_produce: req(oneOf(PRODUCE_ACCESS)) });

const configSchema = obj({
  view_type: req(oneOf(VIEW_TYPES)),
  max_screenshare_count: req(count),
  max_video_streams: req(obj({ desktop: req(count), mobile: req(count) })),
  media: req(
    obj({
      video: req(obj({ quality: req(oneOf(MEDIA_QUALITIES)), frame_rate: req(videoFrameRate), simulcast: opt(bool()) })),
      screenshare: req(obj({ quality: req(oneOf(MEDIA_QUALITIES)), frame_rate: req(frameRate) })),
      audio: opt(obj({ enable_high_bitrate: opt(bool()), enable_stereo: opt(bool()) })),
    }),
  ),
  livestream_viewer_qualities: opt(nullable(arr(num()))),
});

const pluginConfigSchema = obj({ access_control: opt(oneOf(PLUGIN_ACCESS)), handles_view_only: opt(bool()) }, any());

const permissionsSchema = obj({
  accept_waiting_requests: req(bool()),
  can_accept_production_requests: req(bool()),
  can_change_participant_permissions: req(bool()),
  can_edit_display_name: req(bool()),
  can_livestream: req(bool()),
  can_record: req(bool()),
  can_spotlight: req(bool()),
  disable_participant_audio: req(bool()),
  disable_participant_screensharing: req(bool()),
  disable_participant_video: req(bool()),
  hidden_participant: req(bool()),
  kick_participant: req(bool()),
  pin_participant: req(bool()),
  show_participant_list: req(bool()),
  recorder_type: req(oneOf(RECORDER_TYPES)),
  waiting_room_type: req(oneOf(WAITING_ROOM_TYPES)),
  chat: req(
    obj({
      public: req(obj({ can_send: req(bool()), text: req(bool()), files: req(bool()) })),
      private: req(obj({ can_send: req(bool()), can_receive: req(bool()), text: req(bool()), files: req(bool()) })),
    }),
  ),
  connected_meetings: req(
    obj({
      can_alter_connected_meetings: req(bool()),
      can_switch_connected_meetings: req(bool()),
      can_switch_to_parent_meeting: req(bool()),
    }),
  ),
  media: req(obj({ audio: req(produce), video: req(produce), screenshare: req(produce) })),
  plugins: req(
    obj({
      can_start: req(bool()),
      can_close: req(bool()),
      can_edit_config: req(bool()),
      config: req(map(pluginConfigSchema, "uuid")),
    }),
  ),
  polls: req(obj({ can_create: req(bool()), can_view: req(bool()), can_vote: req(bool()) })),
  accept_stage_requests: opt(bool()),
  is_recorder: opt(bool()),
  stage_enabled: opt(bool()),
  transcription_enabled: opt(bool()),
  stage_access: opt(oneOf(PRODUCE_ACCESS)),
});

const color = str();

const uiSchema = obj({
  design_tokens: req(
    obj({
      theme: req(oneOf(THEMES)),
      border_radius: req(oneOf(BORDER_RADII)),
      border_width: req(oneOf(BORDER_WIDTHS)),
      spacing_base: req(num({ min: 0 })),
      colors: req(
        obj({
          background: req(obj({ "600": req(color), "700": req(color), "800": req(color), "900": req(color), "1000": req(color) })),
          brand: req(obj({ "300": req(color), "400": req(color), "500": req(color), "600": req(color), "700": req(color) })),
          danger: req(color),
          success: req(color),
          text: req(color),
          text_on_brand: req(color),
          video_bg: req(color),
          warning: req(color),
        }),
      ),
      font_family: opt(str()),
      google_font: opt(str()),
      logo: opt(str()),
    }),
  ),
  // Not in SDK 7.3.0; older SDKs had it and alchemy sends {}. Accepted, stored and echoed; optional (assumed).
  config_diff: opt(any()),
});

/** Create / PUT body of a preset. */
export const presetBodySchema: Schema = obj({
  name: req(str({ nonEmpty: true })),
  config: req(configSchema),
  permissions: req(permissionsSchema),
  ui: req(uiSchema),
});

/** A preset body after validation (snake_case, as on the wire). */
export interface PresetBody {
  readonly name: string;
  readonly config: Record<string, unknown>;
  readonly permissions: Record<string, unknown>;
  readonly ui: Record<string, unknown>;
}

/** Validates a create or PUT body (every required leaf present). */
export function validatePresetBody(body: unknown): PresetBody {
  return validate<PresetBody>(presetBodySchema, body);
}

/** Validates a PATCH body: the same tree, every field optional at every depth. */
export function validatePresetPatch(body: unknown): Partial<PresetBody> {
  return validate<Partial<PresetBody>>(presetBodySchema, body, { partial: true });
}
