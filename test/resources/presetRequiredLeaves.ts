/** What the API requires of a preset body, to check that the provider always sends it. */
import { isPlainObject } from "../../provider/shared/check";
import type { PresetTreeWire } from "../../provider/resources/presetTree";

// ---------------------------------------------------------------------------------------------
// Required wire leaves
// ---------------------------------------------------------------------------------------------

/**
 * Every snake_case path that create and PUT require (from the SDK's
 * `PresetCreateParams`), dotted; color shades appear as numeric segments
 * (`ui.design_tokens.colors.background.600`). `ui.config_diff` is not listed (the current SDK
 * types lack it), though the defaults always send it.
 * @internal
 */
export const PRESET_REQUIRED_WIRE_LEAVES: readonly string[] = Object.freeze([
  "config.view_type",
  "config.max_screenshare_count",
  "config.max_video_streams.desktop",
  "config.max_video_streams.mobile",
  "config.media.video.quality",
  "config.media.video.frame_rate",
  "config.media.screenshare.quality",
  "config.media.screenshare.frame_rate",
  "permissions.accept_waiting_requests",
  "permissions.can_accept_production_requests",
  "permissions.can_change_participant_permissions",
  "permissions.can_edit_display_name",
  "permissions.can_livestream",
  "permissions.can_record",
  "permissions.can_spotlight",
  "permissions.disable_participant_audio",
  "permissions.disable_participant_screensharing",
  "permissions.disable_participant_video",
  "permissions.hidden_participant",
  "permissions.kick_participant",
  "permissions.pin_participant",
  "permissions.show_participant_list",
  "permissions.recorder_type",
  "permissions.waiting_room_type",
  "permissions.chat.public.can_send",
  "permissions.chat.public.text",
  "permissions.chat.public.files",
  "permissions.chat.private.can_send",
  "permissions.chat.private.can_receive",
  "permissions.chat.private.text",
  "permissions.chat.private.files",
  "permissions.connected_meetings.can_alter_connected_meetings",
  "permissions.connected_meetings.can_switch_connected_meetings",
  "permissions.connected_meetings.can_switch_to_parent_meeting",
  "permissions.media.audio.can_produce",
  "permissions.media.video.can_produce",
  "permissions.media.screenshare.can_produce",
  "permissions.plugins.can_start",
  "permissions.plugins.can_close",
  "permissions.plugins.can_edit_config",
  "permissions.plugins.config",
  "permissions.polls.can_create",
  "permissions.polls.can_view",
  "permissions.polls.can_vote",
  "ui.design_tokens.theme",
  "ui.design_tokens.border_radius",
  "ui.design_tokens.border_width",
  "ui.design_tokens.spacing_base",
  "ui.design_tokens.colors.background.600",
  "ui.design_tokens.colors.background.700",
  "ui.design_tokens.colors.background.800",
  "ui.design_tokens.colors.background.900",
  "ui.design_tokens.colors.background.1000",
  "ui.design_tokens.colors.brand.300",
  "ui.design_tokens.colors.brand.400",
  "ui.design_tokens.colors.brand.500",
  "ui.design_tokens.colors.brand.600",
  "ui.design_tokens.colors.brand.700",
  "ui.design_tokens.colors.danger",
  "ui.design_tokens.colors.success",
  "ui.design_tokens.colors.text",
  "ui.design_tokens.colors.text_on_brand",
  "ui.design_tokens.colors.video_bg",
  "ui.design_tokens.colors.warning",
]);

/**
 * The entries of {@link PRESET_REQUIRED_WIRE_LEAVES} that `wire` lacks (absent, `undefined` or
 * `null`), in list order; empty for a complete create/PUT body.
 * @internal
 */
export function missingPresetWireLeaves(wire: PresetTreeWire): string[] {
  return PRESET_REQUIRED_WIRE_LEAVES.filter((path) => {
    let node: unknown = wire;
    for (const segment of path.split(".")) {
      if (!isPlainObject(node) || !Object.hasOwn(node, segment)) {
        return true;
      }
      node = node[segment];
    }
    return node === undefined || node === null;
  });
}
