/**
 * pulumi-realtimekit: Cloudflare RealtimeKit meetings, webhooks and presets as Pulumi resources.
 * @packageDocumentation
 */
export { Meeting } from "./resources/meeting";
export type {
  MeetingArgs,
  MeetingStatus,
  MeetingAiConfig,
  MeetingRecordingConfig,
  MeetingStorageConfig,
  MeetingStorageCredentialKeys,
  SummaryType,
  TranscriptionLanguage,
} from "./resources/meetingTypes";
export { Webhook, WEBHOOK_EVENTS } from "./resources/webhook";
export type { WebhookArgs, WebhookEvent } from "./resources/webhook";
export { Preset } from "./resources/preset";
export type { PresetArgs } from "./resources/preset";
export type {
  PresetConfig,
  PresetConfigInput,
  PresetPermissions,
  PresetPermissionsInput,
  PresetUi,
  PresetUiInput,
  ViewType,
  VideoQuality,
  ProduceAccess,
  RecorderType,
  WaitingRoomType,
  StageAccess,
  Theme,
  BorderRadius,
  BorderWidth,
  PluginAccessControl,
} from "./resources/presetTree";
export {
  RealtimeKitError,
  ApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  RateLimitError,
  ServerError,
  NetworkError,
  TimeoutError,
  ConfigError,
  AmbiguousCreateError,
  isRealtimeKitError,
  isApiError,
  isNotFound,
  isConflict,
  isRateLimited,
} from "./client/errors";
export { App } from "./resources/app";
export type { AppArgs } from "./resources/app";
export { RealtimeKitStack } from "./component/stack";
export type { RealtimeKitStackArgs } from "./component/stack";
export { ConfigFileError, loadRealtimeKitConfig, parseRealtimeKitConfig, formatIssue } from "./component/loader";
export type {
  ConfigFileIssue,
  LoadRealtimeKitConfigOptions,
  LoadedRealtimeKitConfig,
  RealtimeKitConfig,
  AppEntry,
  PresetEntry,
  WebhookEntry,
  MeetingEntry,
  EntryRef,
  ConfigSourceText,
} from "./component/loader";
export type { DocumentContext } from "./component/documentChecks";
export { configJsonSchema } from "./component/configSchema";
export {
  DEFAULT_WEBHOOK_PUBLIC_KEY_URL,
  WEBHOOK_SIGNATURE_HEADER,
  createWebhookVerifier,
  verifyWebhookSignature,
  verifyWebhookSignatureAsync,
} from "./webhooks";
export type { WebhookVerifier, WebhookVerifierOptions } from "./webhooks";
