/**
 * The preset tree's types: the enums, the complete `config` / `permissions` / `ui` objects as the
 * API stores them (camelCase), and the deep-partial forms users pass.
 */

// ---------------------------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------------------------

/** Lists the members of a string-literal union; the `Record` makes the list exhaustive at compile time. */
function enumValues<T extends string>(members: Record<T, true>): readonly T[] {
  return Object.freeze(Object.keys(members) as T[]);
}

/**
 * The kind of meeting a preset is made for: `GROUP_CALL` (everyone can be on the grid),
 * `WEBINAR` (hosts on stage, the audience joins the stage on request), `AUDIO_ROOM` (audio only)
 * or `LIVESTREAM` (hosts stream to viewers). `LIVESTREAM` is missing from older API versions.
 */
export type ViewType = "GROUP_CALL" | "WEBINAR" | "AUDIO_ROOM" | "LIVESTREAM";
/** Every {@link ViewType}, in API order. */
export const VIEW_TYPES = enumValues<ViewType>({ GROUP_CALL: true, WEBINAR: true, AUDIO_ROOM: true, LIVESTREAM: true });

/**
 * Capture quality for video or screen share: `qvga` (320×240), `vga` (640×480), `hd` (1280×720),
 * `fhd` (1920×1080) or `uhd` (3840×2160). `fhd` and `uhd` are missing from older API versions.
 */
export type VideoQuality = "hd" | "vga" | "qvga" | "fhd" | "uhd";
/** Every {@link VideoQuality}, in API order. */
export const VIDEO_QUALITIES = enumValues<VideoQuality>({ hd: true, vga: true, qvga: true, fhd: true, uhd: true });

/**
 * Whether a participant may publish a kind of media: `ALLOWED`, `NOT_ALLOWED`, or `CAN_REQUEST`
 * (must ask, and someone with `canAcceptProductionRequests` grants it).
 */
export type ProduceAccess = "ALLOWED" | "NOT_ALLOWED" | "CAN_REQUEST";
/** Every {@link ProduceAccess}, in API order. */
export const PRODUCE_ACCESS_VALUES = enumValues<ProduceAccess>({ ALLOWED: true, NOT_ALLOWED: true, CAN_REQUEST: true });

/**
 * The kind of peer that uses the preset: `RECORDER` (the recording bot), `LIVESTREAMER` (the
 * livestream bot) or `NONE` (a person).
 */
export type RecorderType = "RECORDER" | "LIVESTREAMER" | "NONE";
/** Every {@link RecorderType}, in API order. */
export const RECORDER_TYPES = enumValues<RecorderType>({ RECORDER: true, LIVESTREAMER: true, NONE: true });

/**
 * How a participant with this preset passes the waiting room: `SKIP` (joins directly),
 * `ON_PRIVILEGED_USER_ENTRY` (waits until admitted by a participant with
 * `acceptWaitingRequests`) or `SKIP_ON_ACCEPT`. The API reference lists the values without
 * describing them.
 */
export type WaitingRoomType = "SKIP" | "ON_PRIVILEGED_USER_ENTRY" | "SKIP_ON_ACCEPT";
/** Every {@link WaitingRoomType}, in API order. */
export const WAITING_ROOM_TYPES = enumValues<WaitingRoomType>({ SKIP: true, ON_PRIVILEGED_USER_ENTRY: true, SKIP_ON_ACCEPT: true });

/** Whether a participant may join the stage (webinars, livestreams): same values as {@link ProduceAccess}. */
export type StageAccess = "ALLOWED" | "NOT_ALLOWED" | "CAN_REQUEST";
/** Every {@link StageAccess}, in API order. */
export const STAGE_ACCESS_VALUES = enumValues<StageAccess>({ ALLOWED: true, NOT_ALLOWED: true, CAN_REQUEST: true });

/** Background palette of the UI Kit: `darkest`, `dark` or `light`. */
export type Theme = "darkest" | "dark" | "light";
/** Every {@link Theme}, in API order. */
export const THEMES = enumValues<Theme>({ darkest: true, dark: true, light: true });

/** Corner style of UI Kit elements: `sharp`, `rounded`, `extra-rounded` or `circular`. */
export type BorderRadius = "sharp" | "rounded" | "extra-rounded" | "circular";
/** Every {@link BorderRadius}, in API order. */
export const BORDER_RADII = enumValues<BorderRadius>({ sharp: true, rounded: true, "extra-rounded": true, circular: true });

/** Border thickness of UI Kit elements: `none`, `thin` or `fat`. */
export type BorderWidth = "none" | "thin" | "fat";
/** Every {@link BorderWidth}, in API order. */
export const BORDER_WIDTHS = enumValues<BorderWidth>({ none: true, thin: true, fat: true });

/** What a participant may do with a plugin: `FULL_ACCESS` (interact) or `VIEW_ONLY` (watch). */
export type PluginAccessControl = "FULL_ACCESS" | "VIEW_ONLY";
/** Every {@link PluginAccessControl}, in API order. */
export const PLUGIN_ACCESS_CONTROLS = enumValues<PluginAccessControl>({ FULL_ACCESS: true, VIEW_ONLY: true });

// ---------------------------------------------------------------------------------------------
// Full types (what the API stores; what mergePresetDefaults returns)
// ---------------------------------------------------------------------------------------------

/** Meeting-level settings of a preset: layout, stream limits and media quality. Maps to `config`. */
export interface PresetConfig {
  /**
   * The kind of meeting: one of {@link ViewType}. Required by the API.
   * Maps to `config.view_type`.
   * @default "GROUP_CALL"
   */
  viewType: ViewType;
  /**
   * How many screen shares may be active at the same time. An integer ≥ 0. Required by the API.
   * Maps to `config.max_screenshare_count`.
   * @default 1
   */
  maxScreenshareCount: number;
  /** How many video streams a device shows at once. Maps to `config.max_video_streams`. */
  maxVideoStreams: PresetMaxVideoStreams;
  /** Capture settings for video, screen share and audio. Maps to `config.media`. */
  media: PresetMediaConfig;
  /**
   * Quality levels offered to livestream viewers: positive integers, or `null` to send an explicit
   * null. The API documents only `number[] | null`, not the unit. Optional.
   * Maps to `config.livestream_viewer_qualities`.
   * @default not sent (the server decides)
   */
  livestreamViewerQualities?: number[] | null;
}

/** How many video streams are visible on a device at once. Maps to `config.max_video_streams`. */
export interface PresetMaxVideoStreams {
  /**
   * Streams visible on desktop devices. An integer ≥ 0. Required by the API.
   * Maps to `config.max_video_streams.desktop`.
   * @default 6
   */
  desktop: number;
  /**
   * Streams visible on mobile devices. An integer ≥ 0. Required by the API.
   * Maps to `config.max_video_streams.mobile`.
   * @default 4
   */
  mobile: number;
}

/** Capture settings for the media a participant publishes. Maps to `config.media`. */
export interface PresetMediaConfig {
  /** Camera video settings. Maps to `config.media.video`. */
  video: PresetVideoConfig;
  /** Screen share settings. Maps to `config.media.screenshare`. */
  screenshare: PresetScreenshareConfig;
  /**
   * Audio quality switches. Optional as a whole.
   * Maps to `config.media.audio`.
   * @default not sent (the server decides)
   */
  audio?: PresetAudioConfig;
}

/** Camera video settings. Maps to `config.media.video`. */
export interface PresetVideoConfig {
  /**
   * Capture quality: one of {@link VideoQuality}. Required by the API.
   * Maps to `config.media.video.quality`.
   * @default "hd"
   */
  quality: VideoQuality;
  /**
   * Frames per second: an integer from 1 to 30 (the API's maximum is 30; the minimum of 1 is this
   * provider's choice). Required by the API.
   * Maps to `config.media.video.frame_rate`.
   * @default 30
   */
  frameRate: number;
  /**
   * Whether participants publish several qualities at once (simulcast). Optional; the server adds
   * it to responses when not sent.
   * Maps to `config.media.video.simulcast`.
   * @default not sent (the server decides)
   */
  simulcast?: boolean;
}

/** Screen share settings. Maps to `config.media.screenshare`. */
export interface PresetScreenshareConfig {
  /**
   * Capture quality: one of {@link VideoQuality}. Required by the API.
   * Maps to `config.media.screenshare.quality`.
   * @default "hd"
   */
  quality: VideoQuality;
  /**
   * Frames per second: an integer from 1 to 60. The API spec states no range here; the bounds are this
   * provider's choice. Required by the API.
   * Maps to `config.media.screenshare.frame_rate`.
   * @default 5
   */
  frameRate: number;
}

/** Audio quality switches. Maps to `config.media.audio`. */
export interface PresetAudioConfig {
  /**
   * Whether to use high-bitrate ("high quality") audio. Optional.
   * Maps to `config.media.audio.enable_high_bitrate`.
   * @default not sent (the server decides)
   */
  enableHighBitrate?: boolean;
  /**
   * Whether to capture stereo audio. Optional.
   * Maps to `config.media.audio.enable_stereo`.
   * @default not sent (the server decides)
   */
  enableStereo?: boolean;
}

/**
 * What a participant with the preset may do. The API documents most of these only by name and
 * type. Maps to `permissions`.
 */
export interface PresetPermissions {
  /**
   * Whether the participant may admit or reject people in the waiting room. Required by the API.
   * Maps to `permissions.accept_waiting_requests`.
   * @default false
   */
  acceptWaitingRequests: boolean;
  /**
   * Whether the participant may grant other participants' requests to publish media
   * (see `CAN_REQUEST` in {@link ProduceAccess}). Required by the API.
   * Maps to `permissions.can_accept_production_requests`.
   * @default false
   */
  canAcceptProductionRequests: boolean;
  /**
   * Whether the participant may change other participants' permissions during a meeting. Required
   * by the API.
   * Maps to `permissions.can_change_participant_permissions`.
   * @default false
   */
  canChangeParticipantPermissions: boolean;
  /**
   * Whether the participant may change their own display name in the meeting. Required by the API.
   * Maps to `permissions.can_edit_display_name`.
   * @default false (names come from the participant record created by your backend)
   */
  canEditDisplayName: boolean;
  /**
   * Whether the participant may start and stop livestreams. Required by the API.
   * Maps to `permissions.can_livestream`.
   * @default false
   */
  canLivestream: boolean;
  /**
   * Whether the participant may start and stop recordings. Required by the API.
   * Maps to `permissions.can_record`.
   * @default false
   */
  canRecord: boolean;
  /**
   * Whether the participant may spotlight participants for everyone. Required by the API.
   * Maps to `permissions.can_spotlight`.
   * @default false
   */
  canSpotlight: boolean;
  /**
   * Whether the participant may mute other participants. Required by the API.
   * Maps to `permissions.disable_participant_audio`.
   * @default false
   */
  disableParticipantAudio: boolean;
  /**
   * Whether the participant may stop other participants' screen shares. Required by the API.
   * Maps to `permissions.disable_participant_screensharing`.
   * @default false
   */
  disableParticipantScreensharing: boolean;
  /**
   * Whether the participant may turn off other participants' video. Required by the API.
   * Maps to `permissions.disable_participant_video`.
   * @default false
   */
  disableParticipantVideo: boolean;
  /**
   * Whether the participant is invisible to the others. Required by the API.
   * Maps to `permissions.hidden_participant`.
   * @default false
   */
  hiddenParticipant: boolean;
  /**
   * Whether the participant may remove participants, including ending the meeting for everyone
   * with `kickAll()` in the client SDK (`meeting.self.permissions.kickParticipant` on web). It
   * has no effect on the REST kick endpoints, which the API token authorises. Required by the API.
   * Maps to `permissions.kick_participant` (directly under `permissions`).
   * @default false
   */
  kickParticipant: boolean;
  /**
   * Whether the participant may pin participants for everyone. Required by the API.
   * Maps to `permissions.pin_participant`.
   * @default false
   */
  pinParticipant: boolean;
  /**
   * Whether the participant sees the participant list. Required by the API.
   * Maps to `permissions.show_participant_list`.
   * @default true
   */
  showParticipantList: boolean;
  /**
   * The kind of peer using the preset: one of {@link RecorderType}. Required by the API.
   * Maps to `permissions.recorder_type`.
   * @default "NONE"
   */
  recorderType: RecorderType;
  /**
   * How the participant passes the waiting room: one of {@link WaitingRoomType}. Required by the API.
   * Maps to `permissions.waiting_room_type`.
   * @default "SKIP"
   */
  waitingRoomType: WaitingRoomType;
  /** Chat permissions. Maps to `permissions.chat`. */
  chat: PresetChatPermissions;
  /** Permissions for connected meetings (breakout rooms). Maps to `permissions.connected_meetings`. */
  connectedMeetings: PresetConnectedMeetingsPermissions;
  /** Which media the participant may publish. Maps to `permissions.media`. */
  media: PresetMediaPermissions;
  /** Plugin permissions and per-plugin settings. Maps to `permissions.plugins`. */
  plugins: PresetPluginPermissions;
  /** Poll permissions. Maps to `permissions.polls`. */
  polls: PresetPollPermissions;
  /**
   * Whether the participant may grant requests to join the stage. Optional.
   * Maps to `permissions.accept_stage_requests`.
   * @default not sent (the server decides)
   */
  acceptStageRequests?: boolean;
  /**
   * Whether the preset belongs to a recording peer. Optional.
   * Maps to `permissions.is_recorder`.
   * @default not sent (the server decides)
   */
  isRecorder?: boolean;
  /**
   * Whether the stage is in use for this participant (webinars, livestreams). Optional.
   * Maps to `permissions.stage_enabled`.
   * @default not sent (the server decides)
   */
  stageEnabled?: boolean;
  /**
   * Whether the participant's speech is transcribed. Optional.
   * Maps to `permissions.transcription_enabled`.
   * @default not sent (the server decides)
   */
  transcriptionEnabled?: boolean;
  /**
   * Whether the participant may join the stage: one of {@link StageAccess}. Optional.
   * Maps to `permissions.stage_access`.
   * @default not sent (the server decides)
   */
  stageAccess?: StageAccess;
}

/** Chat permissions. Maps to `permissions.chat`. */
export interface PresetChatPermissions {
  /** Permissions in the meeting-wide chat. Maps to `permissions.chat.public`. */
  public: PresetPublicChatPermissions;
  /** Permissions in one-to-one chats. Maps to `permissions.chat.private`. */
  private: PresetPrivateChatPermissions;
}

/** Permissions in the meeting-wide chat. Maps to `permissions.chat.public`. */
export interface PresetPublicChatPermissions {
  /**
   * Whether the participant may send messages at all. Required by the API.
   * Maps to `permissions.chat.public.can_send`.
   * @default true
   */
  canSend: boolean;
  /**
   * Whether the participant may send text messages. Required by the API.
   * Maps to `permissions.chat.public.text`.
   * @default true
   */
  text: boolean;
  /**
   * Whether the participant may send files. Required by the API.
   * Maps to `permissions.chat.public.files`.
   * @default true
   */
  files: boolean;
}

/** Permissions in one-to-one chats. Maps to `permissions.chat.private`. */
export interface PresetPrivateChatPermissions {
  /**
   * Whether the participant may send private messages. Required by the API.
   * Maps to `permissions.chat.private.can_send`.
   * @default true
   */
  canSend: boolean;
  /**
   * Whether the participant may receive private messages. Required by the API.
   * Maps to `permissions.chat.private.can_receive`.
   * @default true
   */
  canReceive: boolean;
  /**
   * Whether the participant may send private text messages. Required by the API.
   * Maps to `permissions.chat.private.text`.
   * @default true
   */
  text: boolean;
  /**
   * Whether the participant may send private files. Required by the API.
   * Maps to `permissions.chat.private.files`.
   * @default true
   */
  files: boolean;
}

/** Permissions for connected meetings (breakout rooms). Maps to `permissions.connected_meetings`. */
export interface PresetConnectedMeetingsPermissions {
  /**
   * Whether the participant may create, change and close connected meetings. Required by the API.
   * Maps to `permissions.connected_meetings.can_alter_connected_meetings`.
   * @default false
   */
  canAlterConnectedMeetings: boolean;
  /**
   * Whether the participant may move between connected meetings. Required by the API.
   * Maps to `permissions.connected_meetings.can_switch_connected_meetings`.
   * @default false
   */
  canSwitchConnectedMeetings: boolean;
  /**
   * Whether the participant may go back to the parent meeting. Required by the API.
   * Maps to `permissions.connected_meetings.can_switch_to_parent_meeting`.
   * @default false
   */
  canSwitchToParentMeeting: boolean;
}

/** Which media the participant may publish. Maps to `permissions.media`. */
export interface PresetMediaPermissions {
  /** Microphone. Maps to `permissions.media.audio`. */
  audio: PresetMediaAccess;
  /** Camera. Maps to `permissions.media.video`. */
  video: PresetMediaAccess;
  /**
   * Screen share. `canProduce` defaults to `"ALLOWED"` here too: a group call lets anyone share,
   * and `config.maxScreenshareCount` (1) keeps it to one share at a time.
   * Maps to `permissions.media.screenshare`.
   */
  screenshare: PresetMediaAccess;
}

/** Whether one kind of media may be published. Maps to `permissions.media.{audio,video,screenshare}`. */
export interface PresetMediaAccess {
  /**
   * One of {@link ProduceAccess}. Required by the API.
   * Maps to `permissions.media.<kind>.can_produce`.
   * @default "ALLOWED" (audio, video and screenshare)
   */
  canProduce: ProduceAccess;
}

/** Plugin permissions and per-plugin settings. Maps to `permissions.plugins`. */
export interface PresetPluginPermissions {
  /**
   * Whether the participant may start plugins. Required by the API.
   * Maps to `permissions.plugins.can_start`.
   * @default false
   */
  canStart: boolean;
  /**
   * Whether the participant may close open plugins. Required by the API.
   * Maps to `permissions.plugins.can_close`.
   * @default false
   */
  canClose: boolean;
  /**
   * Whether the participant may edit plugin settings. Required by the API.
   * Maps to `permissions.plugins.can_edit_config`.
   * @default false
   */
  canEditConfig: boolean;
  /**
   * Per-plugin settings keyed by plugin UUID. The keys are sent as they are; the settings'
   * own keys are converted like every other key. Required by the API (`{}` when empty).
   * Entries merge with defaults by plugin id.
   * Maps to `permissions.plugins.config`.
   * @default `{}`
   */
  config: Record<string, PresetPluginConfig>;
}

/**
 * Settings for one plugin. Besides the two documented keys, any other key is passed on (write it
 * in camelCase; it is sent in snake_case). Maps to `permissions.plugins.config.<pluginId>`.
 */
export interface PresetPluginConfig {
  /**
   * What the participant may do with the plugin: one of {@link PluginAccessControl}. Optional.
   * Maps to `permissions.plugins.config.<pluginId>.access_control`.
   * @default not sent (the server decides)
   */
  accessControl?: PluginAccessControl;
  /**
   * Whether the plugin itself handles view-only participants. Optional.
   * Maps to `permissions.plugins.config.<pluginId>.handles_view_only`.
   * @default not sent (the server decides)
   */
  handlesViewOnly?: boolean;
  /** Other plugin-specific settings, passed on to the API. */
  [key: string]: unknown;
}

/** Poll permissions. Maps to `permissions.polls`. */
export interface PresetPollPermissions {
  /**
   * Whether the participant may create polls. Required by the API.
   * Maps to `permissions.polls.can_create`.
   * @default false
   */
  canCreate: boolean;
  /**
   * Whether the participant sees polls. Required by the API.
   * Maps to `permissions.polls.can_view`.
   * @default true
   */
  canView: boolean;
  /**
   * Whether the participant may vote in polls. Required by the API.
   * Maps to `permissions.polls.can_vote`.
   * @default true
   */
  canVote: boolean;
}

/** Look of the meeting UI (UI Kit design tokens). Maps to `ui`. */
export interface PresetUi {
  /** Theme, shapes, spacing, colors and fonts. Maps to `ui.design_tokens`. */
  designTokens: PresetDesignTokens;
  /**
   * Extra UI Kit configuration, any JSON value. It is sent **verbatim**: its keys are not
   * converted between camelCase and snake_case. Not in the API's current SDK types, but older
   * ones had it, and third-party code reports that the live API requires it on create.
   * Maps to `ui.config_diff`.
   * @default `{}`
   */
  configDiff?: unknown;
}

/** UI Kit design tokens. Maps to `ui.design_tokens`. */
export interface PresetDesignTokens {
  /**
   * Background palette: one of {@link Theme}. Required by the API.
   * Maps to `ui.design_tokens.theme`.
   * @default "darkest"
   */
  theme: Theme;
  /**
   * Corner style: one of {@link BorderRadius}. Required by the API.
   * Maps to `ui.design_tokens.border_radius`.
   * @default "rounded"
   */
  borderRadius: BorderRadius;
  /**
   * Border thickness: one of {@link BorderWidth}. Required by the API.
   * Maps to `ui.design_tokens.border_width`.
   * @default "thin"
   */
  borderWidth: BorderWidth;
  /**
   * Base unit of the UI Kit's spacing scale, in pixels. A number ≥ 0. Required by the API.
   * Maps to `ui.design_tokens.spacing_base`.
   * @default 4
   */
  spacingBase: number;
  /** Color palette. Maps to `ui.design_tokens.colors`. */
  colors: PresetColors;
  /**
   * CSS font family for the UI, e.g. `"Inter, sans-serif"`. Non-empty. Optional.
   * Maps to `ui.design_tokens.font_family`.
   * @default not sent (the UI Kit's font)
   */
  fontFamily?: string;
  /**
   * Name of a Google Font to load, e.g. `"Inter"`. Non-empty. Optional.
   * Maps to `ui.design_tokens.google_font`.
   * @default not sent
   */
  googleFont?: string;
  /**
   * URL of a logo shown in the meeting; must be an `http:` or `https:` URL. Optional.
   * Maps to `ui.design_tokens.logo`.
   * @default not sent (no logo)
   */
  logo?: string;
}

/**
 * Color palette. Every color is a hex string: `#rgb`, `#rgba`, `#rrggbb` or `#rrggbbaa`. The API
 * documents only "string"; the hex rule is this provider's, matching the UI Kit, which derives
 * shades from hex values. Maps to `ui.design_tokens.colors`.
 */
export interface PresetColors {
  /** Background shades, `"600"` (lightest) to `"1000"` (darkest). Maps to `ui.design_tokens.colors.background`. */
  background: PresetBackgroundColors;
  /** Brand shades `"300"` to `"700"`. Maps to `ui.design_tokens.colors.brand`. */
  brand: PresetBrandColors;
  /**
   * Color of errors and destructive actions. Required by the API.
   * Maps to `ui.design_tokens.colors.danger`.
   * @default "#ff2d2d"
   */
  danger: string;
  /**
   * Color of success states. Required by the API.
   * Maps to `ui.design_tokens.colors.success`.
   * @default "#62a504"
   */
  success: string;
  /**
   * Text color on backgrounds. Required by the API.
   * Maps to `ui.design_tokens.colors.text`.
   * @default "#eeeeee"
   */
  text: string;
  /**
   * Text color on brand-colored elements. Required by the API.
   * Maps to `ui.design_tokens.colors.text_on_brand`.
   * @default "#eeeeee"
   */
  textOnBrand: string;
  /**
   * Background of video tiles. Required by the API.
   * Maps to `ui.design_tokens.colors.video_bg`.
   * @default "#191919"
   */
  videoBg: string;
  /**
   * Color of warnings. Required by the API.
   * Maps to `ui.design_tokens.colors.warning`.
   * @default "#ffcd07"
   */
  warning: string;
}

/** Background shades (hex colors). All five are required by the API. Maps to `ui.design_tokens.colors.background`. */
export interface PresetBackgroundColors {
  /**
   * Lightest background shade.
   * Maps to `ui.design_tokens.colors.background.600`.
   * @default "#2c2c2c"
   */
  "600": string;
  /**
   * Background shade 700.
   * Maps to `ui.design_tokens.colors.background.700`.
   * @default "#242424"
   */
  "700": string;
  /**
   * Background shade 800.
   * Maps to `ui.design_tokens.colors.background.800`.
   * @default "#1c1c1c"
   */
  "800": string;
  /**
   * Background shade 900.
   * Maps to `ui.design_tokens.colors.background.900`.
   * @default "#141414"
   */
  "900": string;
  /**
   * Darkest background shade.
   * Maps to `ui.design_tokens.colors.background.1000`.
   * @default "#0c0c0c"
   */
  "1000": string;
}

/** Brand shades (hex colors). All five are required by the API. Maps to `ui.design_tokens.colors.brand`. */
export interface PresetBrandColors {
  /**
   * Brand shade 300.
   * Maps to `ui.design_tokens.colors.brand.300`.
   * @default "#844d1c"
   */
  "300": string;
  /**
   * Brand shade 400.
   * Maps to `ui.design_tokens.colors.brand.400`.
   * @default "#b5672a"
   */
  "400": string;
  /**
   * Brand shade 500, the main brand color.
   * Maps to `ui.design_tokens.colors.brand.500`.
   * @default "#f38020"
   */
  "500": string;
  /**
   * Brand shade 600.
   * Maps to `ui.design_tokens.colors.brand.600`.
   * @default "#f59a4d"
   */
  "600": string;
  /**
   * Brand shade 700.
   * Maps to `ui.design_tokens.colors.brand.700`.
   * @default "#f8b57c"
   */
  "700": string;
}

/** The three objects of a complete preset tree, as {@link mergePresetDefaults} returns them. */
export interface PresetTree {
  /** Meeting-level settings. Maps to `config`. */
  config: PresetConfig;
  /** Participant permissions. Maps to `permissions`. */
  permissions: PresetPermissions;
  /** UI design tokens. Maps to `ui`. */
  ui: PresetUi;
}

// ---------------------------------------------------------------------------------------------
// Deep-partial input types (what users pass)
// ---------------------------------------------------------------------------------------------

/**
 * `T` with every property optional at every depth. Arrays are not made partial: they replace the
 * default as a whole. The mapped type keeps each property's TSDoc.
 */
export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** `T` read-only at every depth; the type of the frozen defaults. */
export type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** {@link PresetConfig} with every field optional; omitted fields take {@link DEFAULT_PRESET_CONFIG}. */
export type PresetConfigInput = DeepPartial<PresetConfig>;
/** {@link PresetPermissions} with every field optional; omitted fields take {@link DEFAULT_PRESET_PERMISSIONS}. */
export type PresetPermissionsInput = DeepPartial<PresetPermissions>;
/** {@link PresetUi} with every field optional; omitted fields take {@link DEFAULT_PRESET_UI}. */
export type PresetUiInput = DeepPartial<PresetUi>;

/** The user-facing preset tree: each of the three parts optional and deep-partial. */
export interface PresetTreeInput {
  /** Meeting-level settings; merged onto {@link DEFAULT_PRESET_CONFIG}. Maps to `config`. */
  config?: PresetConfigInput;
  /** Participant permissions; merged onto {@link DEFAULT_PRESET_PERMISSIONS}. Maps to `permissions`. */
  permissions?: PresetPermissionsInput;
  /** UI design tokens; merged onto {@link DEFAULT_PRESET_UI}. Maps to `ui`. */
  ui?: PresetUiInput;
}
