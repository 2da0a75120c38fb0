/**
 * Objects made outside Pulumi, as a dashboard would make them: what adoption and `pulumi import`
 * tests take over.
 */

/** A complete preset as a dashboard would create it (every field the create body requires). */
export function handMadePresetBody(name: string): Record<string, unknown> {
  const can = (value: boolean) => value;
  return {
    name,
    config: {
      view_type: "GROUP_CALL",
      max_screenshare_count: 1,
      max_video_streams: { desktop: 9, mobile: 4 },
      media: {
        video: { quality: "hd", frame_rate: 30 },
        screenshare: { quality: "hd", frame_rate: 5 },
      },
    },
    permissions: {
      accept_waiting_requests: can(false),
      can_accept_production_requests: can(false),
      can_change_participant_permissions: can(false),
      can_edit_display_name: can(true),
      can_livestream: can(false),
      can_record: can(false),
      can_spotlight: can(false),
      disable_participant_audio: can(false),
      disable_participant_screensharing: can(false),
      disable_participant_video: can(false),
      hidden_participant: can(false),
      kick_participant: can(false),
      pin_participant: can(false),
      show_participant_list: can(true),
      recorder_type: "NONE",
      waiting_room_type: "SKIP",
      chat: {
        public: { can_send: true, text: true, files: false },
        private: { can_send: false, can_receive: true, text: true, files: false },
      },
      connected_meetings: {
        can_alter_connected_meetings: false,
        can_switch_connected_meetings: false,
        can_switch_to_parent_meeting: false,
      },
      media: {
        audio: { can_produce: "ALLOWED" },
        video: { can_produce: "ALLOWED" },
        screenshare: { can_produce: "NOT_ALLOWED" },
      },
      plugins: { can_start: false, can_close: false, can_edit_config: false, config: {} },
      polls: { can_create: false, can_view: true, can_vote: true },
    },
    ui: {
      design_tokens: {
        theme: "dark",
        border_radius: "rounded",
        border_width: "thin",
        spacing_base: 4,
        colors: {
          background: { 600: "#222222", 700: "#1f1f1f", 800: "#1b1b1b", 900: "#181818", 1000: "#141414" },
          brand: { 300: "#844d1c", 400: "#9d5b22", 500: "#b56927", 600: "#d37c30", 700: "#d9904f" },
          danger: "#FF2D2D",
          success: "#62A504",
          text: "#EEEEEE",
          text_on_brand: "#EEEEEE",
          video_bg: "#191919",
          warning: "#FFCD07",
        },
      },
    },
  };
}
