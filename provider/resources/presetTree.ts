/**
 * The preset tree: the `config`, `permissions` and `ui` objects of a RealtimeKit preset
 * (`realtimekit-api.md` §2.5), as camelCase types for Pulumi users, with documented defaults, a
 * deep merge of user input onto those defaults, `check()` validation schemas and the mapping to and
 * from the snake_case wire format.
 *
 * Sections: enums → full types → deep-partial input types → defaults → merge → validation → wire
 * mapping → required wire leaves.
 */
import {
  FailureCollector,
  Schema,
  describeValue,
  isPlainObject,
  isUnknown,
  joinPath,
  validateSchema,
} from "../shared/check";
import { isEqual } from "../shared/diff";
import { convertKeys, toCamelCase, toSnakeCase } from "../shared/naming";
import { withSpecConstraints } from "../shared/specCheck";

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
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

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

/** Sets an own enumerable property, even for keys such as `__proto__`. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A fresh deep copy of a JSON-like value (plain objects and arrays are copied, the rest shared). */
function cloneJson(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(cloneJson);
  }
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      setOwn(copy, key, cloneJson(item));
    }
    return copy;
  }
  return value;
}

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
export const presetConfigSchema: Schema = withSpecConstraints("preset", object({
  viewType: oneOf(VIEW_TYPES),
  maxScreenshareCount: count,
  maxVideoStreams: object({ desktop: count, mobile: count }),
  media: object({
    video: object({ quality: oneOf(VIDEO_QUALITIES), frameRate, simulcast: boolean }),
    screenshare: object({ quality: oneOf(VIDEO_QUALITIES), frameRate }),
    audio: object({ enableHighBitrate: boolean, enableStereo: boolean }),
  }),
  livestreamViewerQualities: { kind: "array", items: { kind: "number", integer: true, min: 1 }, nullable: true },
}), "config");

/**
 * Validation schema for {@link PresetPermissionsInput} (camelCase). Nothing is required.
 * `plugins.config` keys must be UUIDs; each entry is an object whose `accessControl` and
 * `handlesViewOnly` are checked and whose other keys are free.
 * @internal
 */
export const presetPermissionsSchema: Schema = withSpecConstraints("preset", object({
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
}), "permissions");

/**
 * Validation schema for {@link PresetUiInput} (camelCase). Nothing is required. Colors are hex
 * strings, `spacingBase` a number ≥ 0, `logo` an http(s) URL, font names non-empty, `configDiff`
 * anything.
 * @internal
 */
export const presetUiSchema: Schema = withSpecConstraints("preset", object({
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
}), "ui");

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

// ---------------------------------------------------------------------------------------------
// Wire mapping
// ---------------------------------------------------------------------------------------------

/** A preset tree in the API's snake_case shape (`config`, `permissions`, `ui`); untyped below the top. */
export interface PresetTreeWire {
  /** The `config` object. */
  config?: unknown;
  /** The `permissions` object. */
  permissions?: unknown;
  /** The `ui` object. */
  ui?: unknown;
  /** Anything else the tree held, converted the same way. */
  [key: string]: unknown;
}

/** The plugin map: its keys are plugin UUIDs (same spelling in both namings). */
const PLUGIN_CONFIG_PATH = "permissions.plugins.config";

function convertPresetTree(
  tree: object,
  convert: (key: string) => string,
  verbatimFrom: string,
  verbatimTo: string,
): PresetTreeWire {
  const source = tree as Record<string, unknown>;
  let ui = source.ui;
  let verbatim: unknown;
  if (isPlainObject(ui) && Object.hasOwn(ui, verbatimFrom)) {
    const { [verbatimFrom]: held, ...rest } = ui;
    verbatim = held;
    ui = rest;
  }
  const converted = convertKeys({ ...source, ui }, convert, [PLUGIN_CONFIG_PATH]) as PresetTreeWire;
  if (verbatim !== undefined && isPlainObject(converted.ui)) {
    setOwn(converted.ui, verbatimTo, cloneJson(verbatim));
  }
  return converted;
}

/**
 * Converts a camelCase preset tree to the API's snake_case. Plugin ids under
 * `permissions.plugins.config` keep their spelling (their entries' keys are converted), and
 * `ui.configDiff` is sent verbatim as `ui.config_diff`. Nothing is dropped except `undefined`.
 * @internal
 */
export function presetTreeToWire(tree: PresetTreeInput): PresetTreeWire {
  return convertPresetTree(tree, toSnakeCase, "configDiff", "config_diff");
}

/**
 * Converts an API preset tree (snake_case) to camelCase, the inverse of {@link presetTreeToWire}.
 * Server-added fields are converted and kept, not dropped.
 * @internal
 */
export function presetTreeFromWire(wire: PresetTreeWire): PresetTreeInput {
  return convertPresetTree(wire, toCamelCase, "config_diff", "configDiff") as PresetTreeInput;
}

// ---------------------------------------------------------------------------------------------
// Required wire leaves
// ---------------------------------------------------------------------------------------------

/**
 * Every snake_case path that create and PUT require (`realtimekit-api.md` §2.5, from the SDK's
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
