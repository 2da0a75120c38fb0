/**
 * Constraints Cloudflare's published API spec states on the request bodies each resource sends, by wire (snake_case) path; `[]` is an array item.
 * Generated from spec/realtimekit-openapi.json by scripts/generate-spec-modules.ts: do not edit by hand.
 * @internal
 */

/** What the spec states about one wire field. */
export interface SpecConstraint {
  readonly minimum?: number;
  readonly maximum?: number;
  readonly enum?: readonly string[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly minItems?: number;
  readonly maxItems?: number;
  /** The spec operations stating it. */
  readonly operations: readonly string[];
}

/** The resources whose request bodies are covered. */
export type SpecResource = "app" | "meeting" | "preset" | "webhook";

/** Constraints by resource, then wire path. */
export const SPEC_CONSTRAINTS: Readonly<Record<SpecResource, Readonly<Record<string, SpecConstraint>>>> = {
  "app": {},
  "meeting": {
    "ai_config.summarization.summary_type": {
      "operations": [
        "create_meeting",
        "update_meeting",
        "replace_meeting"
      ],
      "enum": [
        "general",
        "team_meeting",
        "sales_call",
        "client_check_in",
        "interview",
        "daily_standup",
        "one_on_one_meeting",
        "lecture",
        "code_review"
      ]
    },
    "ai_config.summarization.text_format": {
      "operations": [
        "create_meeting",
        "update_meeting",
        "replace_meeting"
      ],
      "enum": [
        "plain_text",
        "markdown"
      ]
    },
    "ai_config.summarization.word_limit": {
      "operations": [
        "create_meeting",
        "update_meeting",
        "replace_meeting"
      ],
      "minimum": 150,
      "maximum": 1000
    },
    "ai_config.transcription.language": {
      "operations": [
        "create_meeting",
        "update_meeting",
        "replace_meeting"
      ],
      "enum": [
        "en-US",
        "en-IN",
        "de",
        "hi",
        "sv",
        "ru",
        "pl",
        "el",
        "fr",
        "nl"
      ]
    },
    "recording_config.audio_config.channel": {
      "operations": [
        "create_meeting",
        "replace_meeting"
      ],
      "enum": [
        "mono",
        "stereo"
      ]
    },
    "recording_config.audio_config.codec": {
      "operations": [
        "create_meeting",
        "replace_meeting"
      ],
      "enum": [
        "MP3",
        "AAC"
      ]
    },
    "recording_config.live_streaming_config.rtmp_url": {
      "operations": [
        "create_meeting",
        "replace_meeting"
      ],
      "format": "uri"
    },
    "recording_config.max_seconds": {
      "operations": [
        "create_meeting",
        "replace_meeting"
      ],
      "minimum": 60,
      "maximum": 86400
    },
    "recording_config.storage_config.auth_method": {
      "operations": [
        "create_meeting",
        "replace_meeting"
      ],
      "enum": [
        "KEY",
        "PASSWORD"
      ]
    },
    "recording_config.storage_config.type": {
      "operations": [
        "create_meeting",
        "replace_meeting"
      ],
      "enum": [
        "aws",
        "azure",
        "digitalocean",
        "gcs",
        "sftp"
      ]
    },
    "recording_config.video_config.codec": {
      "operations": [
        "create_meeting",
        "replace_meeting"
      ],
      "enum": [
        "H264",
        "VP8"
      ]
    },
    "recording_config.video_config.height": {
      "operations": [
        "create_meeting",
        "replace_meeting"
      ],
      "minimum": 1,
      "maximum": 1920
    },
    "recording_config.video_config.watermark.position": {
      "operations": [
        "create_meeting",
        "replace_meeting"
      ],
      "enum": [
        "left top",
        "right top",
        "left bottom",
        "right bottom"
      ]
    },
    "recording_config.video_config.watermark.size.height": {
      "operations": [
        "create_meeting",
        "replace_meeting"
      ],
      "minimum": 1
    },
    "recording_config.video_config.watermark.size.width": {
      "operations": [
        "create_meeting",
        "replace_meeting"
      ],
      "minimum": 1
    },
    "recording_config.video_config.watermark.url": {
      "operations": [
        "create_meeting",
        "replace_meeting"
      ],
      "format": "uri"
    },
    "recording_config.video_config.width": {
      "operations": [
        "create_meeting",
        "replace_meeting"
      ],
      "minimum": 1,
      "maximum": 1920
    },
    "session_keep_alive_time_in_secs": {
      "operations": [
        "create_meeting",
        "update_meeting",
        "replace_meeting"
      ],
      "minimum": 60,
      "maximum": 600
    },
    "status": {
      "operations": [
        "update_meeting"
      ],
      "enum": [
        "ACTIVE",
        "INACTIVE"
      ]
    }
  },
  "preset": {
    "config.media.screenshare.quality": {
      "operations": [
        "post-presets",
        "patch-presets-preset_id",
        "put-presets-preset_id"
      ],
      "enum": [
        "hd",
        "vga",
        "qvga"
      ]
    },
    "config.media.video.frame_rate": {
      "operations": [
        "post-presets",
        "patch-presets-preset_id",
        "put-presets-preset_id"
      ],
      "maximum": 30
    },
    "config.media.video.quality": {
      "operations": [
        "post-presets",
        "patch-presets-preset_id",
        "put-presets-preset_id"
      ],
      "enum": [
        "hd",
        "vga",
        "qvga"
      ]
    },
    "config.view_type": {
      "operations": [
        "post-presets",
        "patch-presets-preset_id",
        "put-presets-preset_id"
      ],
      "enum": [
        "GROUP_CALL",
        "WEBINAR",
        "AUDIO_ROOM"
      ]
    },
    "permissions.media.audio.can_produce": {
      "operations": [
        "post-presets",
        "patch-presets-preset_id",
        "put-presets-preset_id"
      ],
      "enum": [
        "ALLOWED",
        "NOT_ALLOWED",
        "CAN_REQUEST"
      ]
    },
    "permissions.media.screenshare.can_produce": {
      "operations": [
        "post-presets",
        "patch-presets-preset_id",
        "put-presets-preset_id"
      ],
      "enum": [
        "ALLOWED",
        "NOT_ALLOWED",
        "CAN_REQUEST"
      ]
    },
    "permissions.media.video.can_produce": {
      "operations": [
        "post-presets",
        "patch-presets-preset_id",
        "put-presets-preset_id"
      ],
      "enum": [
        "ALLOWED",
        "NOT_ALLOWED",
        "CAN_REQUEST"
      ]
    },
    "permissions.plugins.config": {
      "operations": [
        "post-presets",
        "patch-presets-preset_id",
        "put-presets-preset_id"
      ],
      "format": "uuid"
    },
    "permissions.plugins.config.access_control": {
      "operations": [
        "post-presets",
        "patch-presets-preset_id",
        "put-presets-preset_id"
      ],
      "enum": [
        "FULL_ACCESS",
        "VIEW_ONLY"
      ]
    },
    "permissions.recorder_type": {
      "operations": [
        "post-presets",
        "patch-presets-preset_id",
        "put-presets-preset_id"
      ],
      "enum": [
        "RECORDER",
        "LIVESTREAMER",
        "NONE"
      ]
    },
    "permissions.waiting_room_type": {
      "operations": [
        "post-presets",
        "patch-presets-preset_id",
        "put-presets-preset_id"
      ],
      "enum": [
        "SKIP",
        "ON_PRIVILEGED_USER_ENTRY",
        "SKIP_ON_ACCEPT"
      ]
    },
    "ui.design_tokens.border_radius": {
      "operations": [
        "post-presets",
        "patch-presets-preset_id",
        "put-presets-preset_id"
      ],
      "enum": [
        "rounded"
      ]
    },
    "ui.design_tokens.border_width": {
      "operations": [
        "post-presets",
        "patch-presets-preset_id",
        "put-presets-preset_id"
      ],
      "enum": [
        "thin"
      ]
    },
    "ui.design_tokens.theme": {
      "operations": [
        "post-presets",
        "patch-presets-preset_id",
        "put-presets-preset_id"
      ],
      "enum": [
        "dark"
      ]
    }
  },
  "webhook": {
    "events[]": {
      "operations": [
        "addWebhook",
        "editWebhook",
        "replaceWebhook"
      ],
      "enum": [
        "meeting.started",
        "meeting.ended",
        "meeting.participantJoined",
        "meeting.participantLeft",
        "meeting.chatSynced",
        "recording.statusUpdate",
        "livestreaming.statusUpdate",
        "meeting.transcript",
        "meeting.summary"
      ]
    },
    "url": {
      "operations": [
        "addWebhook",
        "editWebhook",
        "replaceWebhook"
      ],
      "format": "uri"
    }
  }
};
