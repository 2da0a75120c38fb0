import assert from "node:assert/strict";
import { UNKNOWN_VALUE } from "../../provider/shared/check";
import { applyMeetingDefaults, validateMeeting } from "../../provider/resources/meetingSchema";
import { applyWebhookDefaults, validateWebhook } from "../../provider/resources/webhook";
import { applyPresetDefaults, validatePreset } from "../../provider/resources/preset";

type Row = [description: string, input: Record<string, unknown>, expected: Array<{ property: string; reason: string }>];

function runTable(validate: (news: Record<string, unknown>) => unknown, rows: Row[]): void {
  for (const [description, input, expected] of rows) {
    it(description, () => {
      assert.deepEqual(validate(input), expected);
    });
  }
}

describe("validateMeeting", () => {
  runTable(validateMeeting, [
    ["accepts an empty meeting", {}, []],
    [
      "accepts a full meeting",
      {
        title: "Standup",
        status: "INACTIVE",
        recordOnStart: true,
        liveStreamOnStart: false,
        persistChat: true,
        summarizeOnEnd: true,
        transcribeOnEnd: true,
        sessionKeepAliveTimeInSecs: 600,
        aiConfig: {
          summarization: { summaryType: "daily_standup", textFormat: "markdown", wordLimit: 300 },
          transcription: { keywords: ["Pulumi"], language: "en-US", profanityFilter: true },
        },
        recordingConfig: {
          fileNamePrefix: "standup",
          maxSeconds: 3600,
          audioConfig: { channel: "stereo", codec: "AAC", exportFile: true },
          videoConfig: {
            codec: "H264",
            width: 1280,
            height: 720,
            exportFile: true,
            watermark: { url: "https://example.com/w.png", position: "left top", size: { width: 64, height: 64 } },
          },
          liveStreamingConfig: { rtmpUrl: "rtmps://live.example.com/app" },
          realtimekitBucketConfig: { enabled: false },
          storageConfig: { type: "aws", bucket: "b", region: "us-east-1", accessKey: "AKIA", secret: "s" },
        },
      },
      [],
    ],
    ["ignores the serialized provider", { __provider: "exports.handler = 1" }, []],
    ["lets unknown values through", { title: UNKNOWN_VALUE, status: UNKNOWN_VALUE, aiConfig: UNKNOWN_VALUE }, []],
    [
      "rejects an unknown status",
      { status: "PAUSED" },
      [{ property: "status", reason: 'must be one of "ACTIVE", "INACTIVE"; got "PAUSED"' }],
    ],
    [
      "rejects a lower-case status",
      { status: "active" },
      [{ property: "status", reason: 'must be one of "ACTIVE", "INACTIVE"; got "active"' }],
    ],
    ["rejects an empty title", { title: "" }, [{ property: "title", reason: "must not be empty" }]],
    ["rejects a non-string title", { title: 42 }, [{ property: "title", reason: "must be a string; got 42" }]],
    ["rejects a string boolean", { recordOnStart: "true" }, [{ property: "recordOnStart", reason: 'must be a boolean; got "true"' }]],
    [
      "rejects a keep-alive above 600",
      { sessionKeepAliveTimeInSecs: 601 },
      [{ property: "sessionKeepAliveTimeInSecs", reason: "must be between 60 and 600; got 601" }],
    ],
    [
      "rejects a keep-alive under the API's minimum of 60",
      { sessionKeepAliveTimeInSecs: 0 },
      [{ property: "sessionKeepAliveTimeInSecs", reason: "must be between 60 and 600; got 0" }],
    ],
    [
      "rejects a summary word limit outside 150..1000",
      { aiConfig: { summarization: { wordLimit: 100 } } },
      [{ property: "aiConfig.summarization.wordLimit", reason: "must be between 150 and 1000; got 100" }],
    ],
    [
      "rejects a recording wider than 1920",
      { recordingConfig: { videoConfig: { width: 3840, height: 1920 } } },
      [{ property: "recordingConfig.videoConfig.width", reason: "must be between 1 and 1920; got 3840" }],
    ],
    [
      "rejects a fractional keep-alive",
      { sessionKeepAliveTimeInSecs: 1.5 },
      [{ property: "sessionKeepAliveTimeInSecs", reason: "must be an integer; got 1.5" }],
    ],
    [
      "rejects an unknown top-level key",
      { titel: "x" },
      [
        {
          property: "titel",
          reason:
            "unknown property; expected one of title, status, onLiveSession, recordOnStart, liveStreamOnStart, persistChat, summarizeOnEnd, transcribeOnEnd, sessionKeepAliveTimeInSecs, aiConfig, recordingConfig, adoptMeetingId, accountId, appId",
        },
      ],
    ],
    [
      "rejects a snake_case key",
      { record_on_start: true },
      [
        {
          property: "record_on_start",
          reason:
            "unknown property; expected one of title, status, onLiveSession, recordOnStart, liveStreamOnStart, persistChat, summarizeOnEnd, transcribeOnEnd, sessionKeepAliveTimeInSecs, aiConfig, recordingConfig, adoptMeetingId, accountId, appId",
        },
      ],
    ],
    [
      "rejects an unknown summary type",
      { aiConfig: { summarization: { summaryType: "haiku" } } },
      [
        {
          property: "aiConfig.summarization.summaryType",
          reason:
            'must be one of "general", "team_meeting", "sales_call", "client_check_in", "interview", "daily_standup", "one_on_one_meeting", "lecture", "code_review"; got "haiku"',
        },
      ],
    ],
    [
      "rejects an unknown language",
      { aiConfig: { transcription: { language: "xx" } } },
      [
        {
          property: "aiConfig.transcription.language",
          reason: 'must be one of "en-US", "en-IN", "de", "hi", "sv", "ru", "pl", "el", "fr", "nl"; got "xx"',
        },
      ],
    ],
    [
      "rejects keywords that are not a list",
      { aiConfig: { transcription: { keywords: "a,b" } } },
      [{ property: "aiConfig.transcription.keywords", reason: 'must be a list; got "a,b"' }],
    ],
    [
      "rejects a short max recording",
      { recordingConfig: { maxSeconds: 10 } },
      [{ property: "recordingConfig.maxSeconds", reason: "must be between 60 and 86400; got 10" }],
    ],
    [
      "rejects an unknown video codec",
      { recordingConfig: { videoConfig: { codec: "AV1" } } },
      [{ property: "recordingConfig.videoConfig.codec", reason: 'must be one of "H264", "VP8", "VP9"; got "AV1"' }],
    ],
    [
      "rejects a non-http watermark",
      { recordingConfig: { videoConfig: { watermark: { url: "ftp://x/y.png" } } } },
      [{ property: "recordingConfig.videoConfig.watermark.url", reason: 'must be an absolute http(s) URL; got "ftp://x/y.png"' }],
    ],
    [
      "rejects a non-rtmp stream url",
      { recordingConfig: { liveStreamingConfig: { rtmpUrl: "https://x" } } },
      [{ property: "recordingConfig.liveStreamingConfig.rtmpUrl", reason: 'must be an rtmp:// or rtmps:// URL; got "https://x"' }],
    ],
    [
      "requires enabled in the bucket config",
      { recordingConfig: { realtimekitBucketConfig: {} } },
      [{ property: "recordingConfig.realtimekitBucketConfig.enabled", reason: "is required" }],
    ],
    [
      "requires credentials for aws storage",
      { recordingConfig: { storageConfig: { type: "aws", bucket: "b" } } },
      [
        { property: "recordingConfig.storageConfig.accessKey", reason: 'is required for storage type "aws"' },
        { property: "recordingConfig.storageConfig.region", reason: 'is required for storage type "aws"' },
      ],
    ],
    [
      "requires a password with PASSWORD auth",
      { recordingConfig: { storageConfig: { type: "sftp", authMethod: "PASSWORD" } } },
      [{ property: "recordingConfig.storageConfig.password", reason: 'is required with authMethod "PASSWORD"' }],
    ],
    [
      "rejects an unknown storage type",
      { recordingConfig: { storageConfig: { type: "s3" } } },
      [
        {
          property: "recordingConfig.storageConfig.type",
          reason: 'must be one of "aws", "azure", "digitalocean", "gcs", "sftp"; got "s3"',
        },
      ],
    ],
    [
      "rejects an out-of-range port",
      { recordingConfig: { storageConfig: { type: "sftp", port: 70000 } } },
      [{ property: "recordingConfig.storageConfig.port", reason: "must be between 1 and 65535; got 70000" }],
    ],
    ["accepts a null storage config", { recordingConfig: { storageConfig: null } }, []],
    [
      "accepts credentials named by stack config key",
      {
        recordingConfig: {
          storageConfig: { type: "aws", region: "eu", credentialsFromConfig: { accessKey: "rec:accessKey", secret: "rec:secret" } },
        },
      },
      [],
    ],
    [
      "rejects a credential given both literally and from config",
      {
        recordingConfig: {
          storageConfig: { type: "sftp", authMethod: "PASSWORD", password: "p", credentialsFromConfig: { password: "rec:password" } },
        },
      },
      [
        {
          property: "recordingConfig.storageConfig.credentialsFromConfig.password",
          reason:
            "conflicts with recordingConfig.storageConfig.password: give the credential either literally or from stack config, not both",
        },
      ],
    ],
    [
      "rejects a config key without a namespace",
      { recordingConfig: { storageConfig: { type: "gcs", credentialsFromConfig: { secret: "secret" } } } },
      [
        {
          property: "recordingConfig.storageConfig.credentialsFromConfig.secret",
          reason: 'must be a full stack config key such as "recordings:secretKey"; got "secret"',
        },
      ],
    ],
    [
      "rejects an unknown credential in credentialsFromConfig",
      { recordingConfig: { storageConfig: { type: "gcs", credentialsFromConfig: { token: "rec:token" } } } },
      [
        {
          property: "recordingConfig.storageConfig.credentialsFromConfig.token",
          reason: "unknown property; expected one of accessKey, secret, password, privateKey",
        },
      ],
    ],
    [
      "rejects a digest set by the program",
      { recordingConfig: { storageConfig: { type: "gcs", credentialsDigest: "hmac-sha256:x:y" } } },
      [
        {
          property: "recordingConfig.storageConfig.credentialsDigest",
          reason:
            "unknown property; expected one of type, bucket, region, path, host, port, username, authMethod, accessKey, secret, password, privateKey, credentialsFromConfig",
        },
      ],
    ],
    [
      "rejects an adopt id that is not a UUID",
      { adoptMeetingId: "abc" },
      [{ property: "adoptMeetingId", reason: 'must be a meeting id (a UUID); got "abc"' }],
    ],
    [
      "rejects a malformed account id",
      { accountId: "acc" },
      [{ property: "accountId", reason: 'must be a 32-character hex account id; got "acc"' }],
    ],
  ]);

  it("fills in the documented defaults", () => {
    assert.deepEqual(applyMeetingDefaults({ title: "x" }), {
      title: "x",
      status: "ACTIVE",
      recordOnStart: false,
      liveStreamOnStart: false,
      persistChat: false,
      summarizeOnEnd: false,
      transcribeOnEnd: false,
      sessionKeepAliveTimeInSecs: 60,
    });
  });
});

describe("validateWebhook", () => {
  const valid = { name: "ended", url: "https://example.com/hook", events: ["meeting.ended"] };
  runTable(validateWebhook, [
    ["accepts a valid webhook", valid, []],
    ["accepts a local http receiver", { ...valid, url: "http://127.0.0.1:8080/hook" }, []],
    [
      "requires name and url",
      {},
      [
        { property: "name", reason: "is required" },
        { property: "url", reason: "is required" },
      ],
    ],
    ["rejects an empty name", { ...valid, name: "" }, [{ property: "name", reason: "must not be empty" }]],
    ["rejects a relative url", { ...valid, url: "/hook" }, [{ property: "url", reason: 'must be an absolute http(s) URL; got "/hook"' }]],
    [
      "rejects a non-http url",
      { ...valid, url: "ftp://example.com/hook" },
      [{ property: "url", reason: 'must use https (or http for local receivers); got "ftp"' }],
    ],
    [
      "rejects credentials in the url",
      { ...valid, url: "https://user:pw@example.com/hook" },
      [{ property: "url", reason: "must not contain credentials; use a secret path segment or verify the rtk-signature header instead" }],
    ],
    ["rejects a non-string url", { ...valid, url: 7 }, [{ property: "url", reason: "must be a string; got 7" }]],
    ["rejects no events", { ...valid, events: [] }, [{ property: "events", reason: "must not be empty" }]],
    [
      "rejects an unknown event",
      { ...valid, events: ["meeting.ended", "meeting.foo"] },
      [
        {
          property: "events[1]",
          reason:
            'must be one of "meeting.started", "meeting.ended", "meeting.participantJoined", "meeting.participantLeft", "meeting.chatSynced", "recording.statusUpdate", "livestreaming.statusUpdate", "meeting.transcript", "meeting.summary"; got "meeting.foo"',
        },
      ],
    ],
    [
      "rejects a duplicate event",
      { ...valid, events: ["meeting.ended", "meeting.ended"] },
      [{ property: "events[1]", reason: 'duplicate value "meeting.ended"' }],
    ],
    [
      "rejects events given as a string",
      { ...valid, events: "meeting.ended" },
      [{ property: "events", reason: 'must be a list; got "meeting.ended"' }],
    ],
    ["rejects a non-boolean enabled", { ...valid, enabled: "yes" }, [{ property: "enabled", reason: 'must be a boolean; got "yes"' }]],
    [
      "rejects an unknown key",
      { ...valid, secret: "x" },
      [{ property: "secret", reason: "unknown property; expected one of name, url, events, enabled, adoptExisting, accountId, appId" }],
    ],
    ["lets an unknown url through", { ...valid, url: UNKNOWN_VALUE }, []],
  ]);

  it("defaults events to meeting.ended and enabled to true", () => {
    assert.deepEqual(applyWebhookDefaults({ name: "n", url: "https://x" }), {
      name: "n",
      url: "https://x",
      events: ["meeting.ended"],
      enabled: true,
    });
  });
});

describe("validatePreset", () => {
  runTable(validatePreset, [
    ["accepts a host preset", { name: "host", permissions: { kickParticipant: true } }, []],
    ["requires a name", { permissions: {} }, [{ property: "name", reason: "is required" }]],
    ["rejects an empty name", { name: "" }, [{ property: "name", reason: "must not be empty" }]],
    [
      "rejects a non-boolean permission",
      { name: "host", permissions: { kickParticipant: "yes" } },
      [{ property: "permissions.kickParticipant", reason: 'must be a boolean; got "yes"' }],
    ],
    [
      "rejects an unknown top-level key",
      { name: "host", permission: {} },
      [
        {
          property: "permission",
          reason: "unknown property; expected one of name, config, permissions, ui, adoptExisting, accountId, appId",
        },
      ],
    ],
  ]);

  it("merges a deep-partial tree onto the defaults", () => {
    const merged = applyPresetDefaults({ name: "host", permissions: { kickParticipant: true } }) as Record<string, any>;
    assert.equal(merged.permissions.kickParticipant, true);
    assert.equal(merged.permissions.pinParticipant, false);
    assert.equal(merged.config.viewType, "GROUP_CALL");
    assert.equal(merged.ui.designTokens.theme, "darkest");
  });
});
