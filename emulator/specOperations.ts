/**
 * Every RealtimeKit operation of Cloudflare's published API spec, as emulator route patterns (relative to `/accounts/:account_id/realtime/kit`).
 * Generated from spec/realtimekit-openapi.json by scripts/generate-spec-modules.ts: do not edit by hand.
 * @internal
 */

/** One operation of the spec. */
export interface SpecOperationRoute {
  readonly operationId: string;
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly pattern: string;
}

/** All 62 operations, in the spec's order. */
export const SPEC_OPERATIONS: readonly SpecOperationRoute[] = [
  { operationId: "get-org-analytics", method: "GET", pattern: "/:app_id/analytics/daywise" },
  { operationId: "get-livestream-analytics-daywise", method: "GET", pattern: "/:app_id/analytics/livestreams/daywise" },
  { operationId: "get-livestream-analytics-complete", method: "GET", pattern: "/:app_id/analytics/livestreams/overall" },
  { operationId: "get-v2-active-livestream-session-details", method: "GET", pattern: "/:app_id/livestreams/:livestream_id/active-livestream-session" },
  { operationId: "get-v2-livestream-session-livestream-id", method: "GET", pattern: "/:app_id/livestreams/:livestream_id" },
  { operationId: "get-v2-livestreams-livestream-session-id", method: "GET", pattern: "/:app_id/livestreams/sessions/:livestream_session_id" },
  { operationId: "fetch_all_livestreams", method: "GET", pattern: "/:app_id/livestreams" },
  { operationId: "post_accounts_account_id_realtime_kit_app_id_livestreams", method: "POST", pattern: "/:app_id/livestreams" },
  { operationId: "stop_livestreaming", method: "POST", pattern: "/:app_id/meetings/:meeting_id/active-livestream/stop" },
  { operationId: "get-v2-meetings-meetingId-active-livestream", method: "GET", pattern: "/:app_id/meetings/:meeting_id/active-livestream" },
  { operationId: "KickAllParticipants", method: "POST", pattern: "/:app_id/meetings/:meeting_id/active-session/kick-all" },
  { operationId: "KickPartcipants", method: "POST", pattern: "/:app_id/meetings/:meeting_id/active-session/kick" },
  { operationId: "MuteAllParticipants", method: "POST", pattern: "/:app_id/meetings/:meeting_id/active-session/mute-all" },
  { operationId: "MuteParticipants", method: "POST", pattern: "/:app_id/meetings/:meeting_id/active-session/mute" },
  { operationId: "CreatePoll", method: "POST", pattern: "/:app_id/meetings/:meeting_id/active-session/poll" },
  { operationId: "GetActiveSession", method: "GET", pattern: "/:app_id/meetings/:meeting_id/active-session" },
  { operationId: "livestream-session-details", method: "GET", pattern: "/:app_id/meetings/:meeting_id/livestream" },
  { operationId: "start-livestreaming", method: "POST", pattern: "/:app_id/meetings/:meeting_id/livestreams" },
  { operationId: "regenerate_token", method: "POST", pattern: "/:app_id/meetings/:meeting_id/participants/:participant_id/token" },
  { operationId: "delete_meeting_participant", method: "DELETE", pattern: "/:app_id/meetings/:meeting_id/participants/:participant_id" },
  { operationId: "get_meeting_participant", method: "GET", pattern: "/:app_id/meetings/:meeting_id/participants/:participant_id" },
  { operationId: "edit_participant", method: "PATCH", pattern: "/:app_id/meetings/:meeting_id/participants/:participant_id" },
  { operationId: "replace_participant", method: "PUT", pattern: "/:app_id/meetings/:meeting_id/participants/:participant_id" },
  { operationId: "get_meeting_participants", method: "GET", pattern: "/:app_id/meetings/:meeting_id/participants" },
  { operationId: "add_participant", method: "POST", pattern: "/:app_id/meetings/:meeting_id/participants" },
  { operationId: "get_meeting", method: "GET", pattern: "/:app_id/meetings/:meeting_id" },
  { operationId: "update_meeting", method: "PATCH", pattern: "/:app_id/meetings/:meeting_id" },
  { operationId: "replace_meeting", method: "PUT", pattern: "/:app_id/meetings/:meeting_id" },
  { operationId: "get_all_meetings", method: "GET", pattern: "/:app_id/meetings" },
  { operationId: "create_meeting", method: "POST", pattern: "/:app_id/meetings" },
  { operationId: "delete-presets-preset_id", method: "DELETE", pattern: "/:app_id/presets/:preset_id" },
  { operationId: "get-presets-preset_id", method: "GET", pattern: "/:app_id/presets/:preset_id" },
  { operationId: "patch-presets-preset_id", method: "PATCH", pattern: "/:app_id/presets/:preset_id" },
  { operationId: "put-presets-preset_id", method: "PUT", pattern: "/:app_id/presets/:preset_id" },
  { operationId: "get-presets", method: "GET", pattern: "/:app_id/presets" },
  { operationId: "post-presets", method: "POST", pattern: "/:app_id/presets" },
  { operationId: "get_one_recording", method: "GET", pattern: "/:app_id/recordings/:recording_id" },
  { operationId: "pause_resume_stop_recording", method: "PUT", pattern: "/:app_id/recordings/:recording_id" },
  { operationId: "get_active_recording", method: "GET", pattern: "/:app_id/recordings/active-recording/:meeting_id" },
  { operationId: "startTrackRecordingForAMeeting", method: "POST", pattern: "/:app_id/recordings/track" },
  { operationId: "get_all_recordings", method: "GET", pattern: "/:app_id/recordings" },
  { operationId: "start_recording", method: "POST", pattern: "/:app_id/recordings" },
  { operationId: "GetSessionChat", method: "GET", pattern: "/:app_id/sessions/:session_id/chat" },
  { operationId: "get-v2-livestreamsession-session-meetingId-active-livestream", method: "GET", pattern: "/:app_id/sessions/:session_id/livestream-sessions" },
  { operationId: "GetParticipantDetails", method: "GET", pattern: "/:app_id/sessions/:session_id/participants/:participant_id" },
  { operationId: "GetSessionParticipants", method: "GET", pattern: "/:app_id/sessions/:session_id/participants" },
  { operationId: "GetSessionSummary", method: "GET", pattern: "/:app_id/sessions/:session_id/summary" },
  { operationId: "post-sessions-session_id-summary", method: "POST", pattern: "/:app_id/sessions/:session_id/summary" },
  { operationId: "GetSessionTranscript", method: "GET", pattern: "/:app_id/sessions/:session_id/transcript" },
  { operationId: "GetSessionDetails", method: "GET", pattern: "/:app_id/sessions/:session_id" },
  { operationId: "GetParticipantDataFromPeerId", method: "GET", pattern: "/:app_id/sessions/peer-report/:peer_id" },
  { operationId: "GetSessions", method: "GET", pattern: "/:app_id/sessions" },
  { operationId: "deleteWebhook", method: "DELETE", pattern: "/:app_id/webhooks/:webhook_id" },
  { operationId: "getWebhook", method: "GET", pattern: "/:app_id/webhooks/:webhook_id" },
  { operationId: "editWebhook", method: "PATCH", pattern: "/:app_id/webhooks/:webhook_id" },
  { operationId: "replaceWebhook", method: "PUT", pattern: "/:app_id/webhooks/:webhook_id" },
  { operationId: "getAllWebhookEvents", method: "GET", pattern: "/:app_id/webhooks/all" },
  { operationId: "getAllWebhooks", method: "GET", pattern: "/:app_id/webhooks" },
  { operationId: "addWebhook", method: "POST", pattern: "/:app_id/webhooks" },
  { operationId: "get_app", method: "GET", pattern: "/apps/:app_id" },
  { operationId: "get_apps", method: "GET", pattern: "/apps" },
  { operationId: "create_app", method: "POST", pattern: "/apps" },
];
