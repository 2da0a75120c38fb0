import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  ConfigFileError,
  ConfigSourceText,
  loadRealtimeKitConfig,
  overlayPath,
  parseRealtimeKitConfig,
} from "../../provider/component/loader";

const BASE = `# yaml-language-server: $schema=./node_modules/pulumi-realtimekit/schema/realtimekit.schema.json
presets:
  host:
    permissions:
      kickParticipant: true
webhooks:
  ended:
    url: https://hooks.example.com/rtk
    events: [meeting.ended]
meetings:
  standup:
    title: Daily standup
    persistChat: true
`;

const base = (text = BASE): ConfigSourceText => ({ file: "realtimekit.yaml", text });
const overlay = (text: string, stack = "dev"): ConfigSourceText => ({ file: `realtimekit.${stack}.yaml`, text });

/** The message lines of the ConfigFileError thrown by `run`. */
function messagesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ConfigFileError, `expected a ConfigFileError, got ${String(error)}`);
    return error.issues.map(
      (issue) =>
        `${issue.file}: ${issue.path === "" ? "" : `${issue.path}: `}${issue.reason}` +
        (issue.line === undefined ? "" : ` (line ${issue.line}, column ${issue.column})`),
    );
  }
  assert.fail("expected a ConfigFileError");
}

describe("parseRealtimeKitConfig", () => {
  describe("a valid file", () => {
    it("returns the entries, the files and a creation order", () => {
      const loaded = parseRealtimeKitConfig([base()]);
      assert.deepEqual(loaded.config, {
        presets: { host: { permissions: { kickParticipant: true } } },
        webhooks: { ended: { url: "https://hooks.example.com/rtk", events: ["meeting.ended"] } },
        meetings: { standup: { title: "Daily standup", persistChat: true } },
      });
      assert.deepEqual(loaded.files, ["realtimekit.yaml"]);
      assert.deepEqual(loaded.order, [
        { kind: "presets", key: "host" },
        { kind: "webhooks", key: "ended" },
        { kind: "meetings", key: "standup" },
      ]);
    });

    it("accepts an empty file, a $schema key and empty maps", () => {
      assert.deepEqual(parseRealtimeKitConfig([base("")]).config, { presets: {}, webhooks: {}, meetings: {} });
      const loaded = parseRealtimeKitConfig([base("$schema: ./schema.json\npresets:\nwebhooks: {}\n")]);
      assert.deepEqual(loaded.config, { presets: {}, webhooks: {}, meetings: {} });
    });

    it("accepts JSON, anchors and merge keys", () => {
      assert.deepEqual(parseRealtimeKitConfig([base('{"meetings": {"a": {"title": "A"}}}')]).config.meetings, { a: { title: "A" } });
      const yamlText = "meetings:\n  a: &defaults\n    persistChat: true\n    recordOnStart: true\n  b:\n    <<: *defaults\n    title: B\n";
      assert.deepEqual(parseRealtimeKitConfig([base(yamlText)]).config.meetings, {
        a: { persistChat: true, recordOnStart: true },
        b: { persistChat: true, recordOnStart: true, title: "B" },
      });
    });

    it("validates the preset tree with the preset's own schema", () => {
      const text =
        'presets:\n  host:\n    permissions:\n      media:\n        audio:\n          canProduce: SOMETIMES\n    ui:\n      designTokens:\n        colors:\n          brand:\n            "500": blue\n';
      assert.deepEqual(
        messagesOf(() => parseRealtimeKitConfig([base(text)])),
        [
          'realtimekit.yaml: presets.host.permissions.media.audio.canProduce: must be one of "ALLOWED", "NOT_ALLOWED", "CAN_REQUEST"; got "SOMETIMES" (line 6, column 23)',
          'realtimekit.yaml: presets.host.ui.designTokens.colors.brand.500: must be a hex color (#rgb, #rgba, #rrggbb or #rrggbbaa); got "blue" (line 11, column 20)',
        ],
      );
    });
  });

  describe("overlays", () => {
    it("merges maps by key, replaces scalars and lists, and removes entries set to null", () => {
      const loaded = parseRealtimeKitConfig([
        base(`${BASE}  sandbox:\n    title: Sandbox\n`),
        overlay(
          [
            "presets:",
            "  viewer: {}",
            "webhooks:",
            "  ended:",
            "    events: [meeting.started, meeting.ended]",
            "    enabled: false",
            "meetings:",
            "  standup:",
            "    status: INACTIVE",
            "  sandbox: null",
          ].join("\n"),
        ),
      ]);
      assert.deepEqual(loaded.config, {
        presets: { host: { permissions: { kickParticipant: true } }, viewer: {} },
        webhooks: { ended: { url: "https://hooks.example.com/rtk", events: ["meeting.started", "meeting.ended"], enabled: false } },
        meetings: { standup: { title: "Daily standup", persistChat: true, status: "INACTIVE" } },
      });
      assert.deepEqual(loaded.files, ["realtimekit.yaml", "realtimekit.dev.yaml"]);
    });

    it("names the overlay, the path and the reason for a bad overlay value", () => {
      const messages = messagesOf(() => parseRealtimeKitConfig([base(), overlay("meetings:\n  standup:\n    status: PAUSED\n")]));
      assert.deepEqual(messages, [
        'realtimekit.dev.yaml: meetings.standup.status: must be one of "ACTIVE", "INACTIVE"; got "PAUSED" (line 3, column 13)',
      ]);
    });

    it("formats the error message with one line per problem", () => {
      try {
        parseRealtimeKitConfig([base(), overlay("meetings:\n  standup:\n    status: PAUSED\n")]);
        assert.fail("expected an error");
      } catch (error) {
        assert.equal(
          (error as Error).message,
          'Invalid RealtimeKit config: realtimekit.dev.yaml: meetings.standup.status: must be one of "ACTIVE", "INACTIVE"; got "PAUSED" (line 3, column 13)',
        );
        assert.equal((error as Error).name, "ConfigFileError");
      }
      try {
        parseRealtimeKitConfig([base("meetings:\n  a:\n    status: X\n  b:\n    persistChat: 1\n")]);
        assert.fail("expected an error");
      } catch (error) {
        assert.equal(
          (error as Error).message,
          [
            "Invalid RealtimeKit config (2 problems):",
            '  realtimekit.yaml: meetings.a.status: must be one of "ACTIVE", "INACTIVE"; got "X" (line 3, column 13)',
            "  realtimekit.yaml: meetings.b.persistChat: must be a boolean; got 1 (line 5, column 18)",
          ].join("\n"),
        );
      }
    });

    it("blames the file that brought an entry for a missing required field", () => {
      const messages = messagesOf(() => parseRealtimeKitConfig([base(), overlay("webhooks:\n  audit:\n    events: [meeting.started]\n")]));
      assert.deepEqual(messages, ["realtimekit.dev.yaml: webhooks.audit.url: is required (line 3, column 5)"]);
    });

    it("blames the base file for a base value the overlay did not touch", () => {
      const messages = messagesOf(() =>
        parseRealtimeKitConfig([
          base("meetings:\n  standup:\n    sessionKeepAliveTimeInSecs: 900\n"),
          overlay("meetings:\n  standup:\n    title: Dev standup\n"),
        ]),
      );
      assert.deepEqual(messages, [
        "realtimekit.yaml: meetings.standup.sessionKeepAliveTimeInSecs: must be between 60 and 600; got 900 (line 3, column 33)",
      ]);
    });

    it("blames the overlay for a list it replaced", () => {
      const messages = messagesOf(() =>
        parseRealtimeKitConfig([base(), overlay("webhooks:\n  ended:\n    events: [meeting.ended, meeting.foo]\n")]),
      );
      assert.deepEqual(messages, [
        'realtimekit.dev.yaml: webhooks.ended.events[1]: must be one of "meeting.started", "meeting.ended", "meeting.participantJoined", ' +
          '"meeting.participantLeft", "meeting.chatSynced", "recording.statusUpdate", "livestreaming.statusUpdate", "meeting.transcript", ' +
          '"meeting.summary"; got "meeting.foo" (line 3, column 29)',
      ]);
    });
  });

  describe("syntax and shape errors", () => {
    it("reports YAML syntax errors with line and column", () => {
      assert.deepEqual(
        messagesOf(() => parseRealtimeKitConfig([base("meetings:\n  standup:\n    title: [unclosed\n")])),
        [
          "realtimekit.yaml: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ] (line 4, column 1)",
        ],
      );
    });

    it("reports duplicate keys", () => {
      assert.deepEqual(
        messagesOf(() => parseRealtimeKitConfig([base("meetings:\n  a: {}\n  a: {}\n")])),
        ["realtimekit.yaml: YAML syntax error: Map keys must be unique (line 3, column 3)"],
      );
    });

    it("reports syntax errors of every file before anything else", () => {
      assert.deepEqual(messagesOf(() => parseRealtimeKitConfig([base("a: [\n"), overlay("b: {\n")])).length, 2);
    });

    it("requires a mapping at the top level", () => {
      assert.deepEqual(
        messagesOf(() => parseRealtimeKitConfig([base("- a\n- b\n")])),
        ['realtimekit.yaml: must be a mapping with app, presets, webhooks and meetings at the top level; got ["a","b"]'],
      );
    });

    it("rejects unknown properties, listing the known ones", () => {
      assert.deepEqual(
        messagesOf(() => parseRealtimeKitConfig([base("meeting:\n  a: {}\nwebhooks:\n  w:\n    url: https://x.example\n    secret: s\n")])),
        [
          "realtimekit.yaml: meeting: unknown property; expected one of $schema, app, presets, webhooks, meetings, onLiveSession (line 2, column 3)",
          "realtimekit.yaml: webhooks.w.secret: unknown property; expected one of name, url, events, enabled, adoptExisting (line 6, column 13)",
        ],
      );
    });

    it("rejects placement inputs in entries", () => {
      assert.deepEqual(
        messagesOf(() => parseRealtimeKitConfig([base("meetings:\n  a:\n    appId: x\n")])),
        [
          "realtimekit.yaml: meetings.a.appId: unknown property; expected one of title, status, onLiveSession, recordOnStart, liveStreamOnStart, persistChat, " +
            "summarizeOnEnd, transcribeOnEnd, sessionKeepAliveTimeInSecs, aiConfig, recordingConfig, adoptMeetingId (line 3, column 12)",
        ],
      );
    });

    it("rejects bad entry names and null entries in the base file", () => {
      assert.deepEqual(
        messagesOf(() => parseRealtimeKitConfig([base('meetings:\n  "daily standup": {}\n  a.b: {}\n  empty:\n')])),
        [
          'realtimekit.yaml: meetings.daily standup: name must start with a letter, digit or "_" and contain only letters, digits, "_" and "-"; got "daily standup" (line 2, column 20)',
          'realtimekit.yaml: meetings.a.b: name must start with a letter, digit or "_" and contain only letters, digits, "_" and "-"; got "a.b" (line 2, column 3)',
          "realtimekit.yaml: meetings.empty: must be an object; got null (use {} for an entry with only defaults; null removes an entry only in an overlay) (line 4, column 9)",
        ],
      );
    });

    it("rejects duplicate preset names and webhook URLs", () => {
      const text =
        "presets:\n  host: {}\n  admin:\n    name: host\nwebhooks:\n  a:\n    url: https://x.example/h\n  b:\n    url: https://x.example/h\n";
      assert.deepEqual(
        messagesOf(() => parseRealtimeKitConfig([base(text)])),
        [
          'realtimekit.yaml: presets.admin.name: duplicate name "host", also used by presets.host; preset names are unique in an app (line 4, column 11)',
          'realtimekit.yaml: webhooks.b.url: duplicate url "https://x.example/h", also used by webhooks.a; webhook URLs are unique in an app (line 9, column 10)',
        ],
      );
    });
  });

  describe("app", () => {
    it("accepts a name, an id and adoptExisting", () => {
      const loaded = parseRealtimeKitConfig([base("app:\n  name: acme-dev\n  adoptExisting: false\n")]);
      assert.deepEqual(loaded.config.app, { name: "acme-dev", adoptExisting: false });
    });
    it("requires a name or an id", () => {
      assert.deepEqual(
        messagesOf(() => parseRealtimeKitConfig([base("app: {}\n")])),
        ["realtimekit.yaml: app: must have a name (create or adopt by name) or an id (adopt by id) (line 1, column 6)"],
      );
    });
    it("conflicts with an app passed to the component", () => {
      assert.deepEqual(
        messagesOf(() => parseRealtimeKitConfig([base("app:\n  name: x\n")], { appProvided: true })),
        [
          "realtimekit.yaml: app: the app is also passed to the component (app or appId argument); declare it in one place only (line 2, column 3)",
        ],
      );
    });
  });

  describe("references", () => {
    it("accepts references to entries, the app and values, and orders entries after what they reference", () => {
      const text = [
        "app:",
        "  name: ${values.appName}",
        "meetings:",
        "  standup:",
        '    title: "Standup (hooks to ${webhooks.ended.url})"',
        "webhooks:",
        "  ended:",
        "    name: ${app.name}-ended",
        "    url: ${values.receiverUrl}",
        "    enabled: ${values.enabled}",
      ].join("\n");
      const loaded = parseRealtimeKitConfig([base(text)], { values: ["appName", "receiverUrl", "enabled"] });
      assert.deepEqual(loaded.order, [
        { kind: "webhooks", key: "ended" },
        { kind: "meetings", key: "standup" },
      ]);
      assert.equal(loaded.config.webhooks.ended.url, "${values.receiverUrl}");
    });

    it("keeps $${ escapes for the component and validates the literal text", () => {
      const loaded = parseRealtimeKitConfig([base('meetings:\n  a:\n    title: "Costs $${dollars}"\n')]);
      assert.equal(loaded.config.meetings.a.title, "Costs $${dollars}");
      assert.deepEqual(
        messagesOf(() => parseRealtimeKitConfig([base('meetings:\n  a:\n    status: "$${x}"\n')])),
        ['realtimekit.yaml: meetings.a.status: must be one of "ACTIVE", "INACTIVE"; got "${x}" (line 3, column 13)'],
      );
    });

    it("reports unknown entries, fields and values, naming the path", () => {
      const text = [
        "meetings:",
        "  a:",
        "    title: ${webhooks.nope.url}",
        "  b:",
        "    title: ${webhooks.ended.urll}",
        "  c:",
        "    title: ${values.missing}",
        "  d:",
        "    title: ${app.name}",
        "webhooks:",
        "  ended:",
        "    url: https://x.example",
      ].join("\n");
      assert.deepEqual(
        messagesOf(() => parseRealtimeKitConfig([base(text)], { values: ["known"] })),
        [
          'realtimekit.yaml: meetings.a.title: unknown reference "${webhooks.nope.url}": there is no webhooks.nope (line 3, column 12)',
          'realtimekit.yaml: meetings.b.title: unknown reference "${webhooks.ended.urll}": a webhook has no field "urll"; expected one of id, ' +
            "name, url, events, enabled, createdAt, updatedAt, accountId, appId (line 5, column 12)",
          'realtimekit.yaml: meetings.c.title: unknown reference "${values.missing}": no value named "missing" was passed to the component; ' +
            "expected one of known (line 7, column 12)",
          'realtimekit.yaml: meetings.d.title: unknown reference "${app.name}": there is no app (add an app section, or pass app to the component) (line 9, column 12)',
        ],
      );
    });

    it("reports malformed references", () => {
      assert.deepEqual(
        messagesOf(() => parseRealtimeKitConfig([base('meetings:\n  a:\n    title: "${meetings.a"\n  b:\n    title: ${foo.bar}\n')])),
        [
          'realtimekit.yaml: meetings.a.title: unterminated reference "${meetings.a": expected "}" (line 3, column 12)',
          'realtimekit.yaml: meetings.b.title: invalid reference "${foo.bar}": expected presets.<name>.<field>, webhooks.<name>.<field>, ' +
            "meetings.<name>.<field>, app.<field> or values.<name> (line 5, column 12)",
        ],
      );
    });

    it("lets the app reference only values", () => {
      assert.deepEqual(
        messagesOf(() => parseRealtimeKitConfig([base("app:\n  name: ${meetings.a.title}\nmeetings:\n  a: {}\n")])),
        [
          'realtimekit.yaml: app.name: the app can only reference ${values.<name>}, since everything else is placed in it; got "${meetings.a.title}" (line 2, column 9)',
        ],
      );
    });

    it("reports reference cycles", () => {
      const text =
        "meetings:\n  a:\n    title: ${meetings.b.title}\n  b:\n    title: ${meetings.a.id}\n  c:\n    title: ${meetings.c.id}\n";
      assert.deepEqual(
        messagesOf(() => parseRealtimeKitConfig([base(text)])),
        ["realtimekit.yaml: meetings.a.title: reference cycle: meetings.a -> meetings.b -> meetings.a (line 3, column 12)"],
      );
      assert.deepEqual(
        messagesOf(() => parseRealtimeKitConfig([base("meetings:\n  c:\n    title: ${meetings.c.id}\n")])),
        ["realtimekit.yaml: meetings.c.title: reference cycle: meetings.c -> meetings.c (line 3, column 12)"],
      );
    });

    it("requires storage credentials to be references", () => {
      const meeting = (secret: string) =>
        [
          "meetings:",
          "  rec:",
          "    recordingConfig:",
          "      storageConfig:",
          "        type: aws",
          "        bucket: recordings",
          "        region: us-east-1",
          "        accessKey: ${values.accessKey}",
          `        secret: ${secret}`,
        ].join("\n");
      assert.doesNotThrow(() => parseRealtimeKitConfig([base(meeting("${values.secret}"))], { values: ["accessKey", "secret"] }));
      assert.deepEqual(
        messagesOf(() => parseRealtimeKitConfig([base(meeting("hunter2"))], { values: ["accessKey", "secret"] })),
        [
          'realtimekit.yaml: meetings.rec.recordingConfig.storageConfig.secret: must be a reference such as "${values.storageSecret}" to a value ' +
            "the program passes in (e.g. a Pulumi secret), or name a stack config key in credentialsFromConfig instead; " +
            "credentials do not belong in a config file (line 9, column 17)",
        ],
      );
    });

    it("accepts storage credentials named by stack config key", () => {
      const file = [
        "meetings:",
        "  rec:",
        "    recordingConfig:",
        "      storageConfig:",
        "        type: aws",
        "        region: us-east-1",
        "        credentialsFromConfig:",
        "          accessKey: recordings:accessKey",
        "          secret: recordings:secretKey",
      ].join("\n");
      assert.doesNotThrow(() => parseRealtimeKitConfig([base(file)]));
      assert.deepEqual(
        messagesOf(() => parseRealtimeKitConfig([base(file.replace("recordings:secretKey", "secretKey"))])),
        [
          "realtimekit.yaml: meetings.rec.recordingConfig.storageConfig.credentialsFromConfig.secret: " +
            'must be a full stack config key such as "recordings:secretKey"; got "secretKey" (line 9, column 19)',
        ],
      );
    });
  });
});

describe("loadRealtimeKitConfig", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-config-"));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reads the base file and the stack's overlay next to it", () => {
    fs.writeFileSync(path.join(dir, "realtimekit.yaml"), BASE);
    fs.writeFileSync(path.join(dir, "realtimekit.prod.yaml"), "meetings:\n  standup:\n    recordOnStart: true\n");
    const loaded = loadRealtimeKitConfig({ cwd: dir, stack: "prod" });
    assert.deepEqual(loaded.files, [path.join(dir, "realtimekit.yaml"), path.join(dir, "realtimekit.prod.yaml")]);
    assert.equal(loaded.config.meetings.standup.recordOnStart, true);
  });

  it("works without an overlay for the stack", () => {
    fs.writeFileSync(path.join(dir, "realtimekit.yaml"), BASE);
    assert.deepEqual(loadRealtimeKitConfig({ cwd: dir, stack: "staging" }).files, [path.join(dir, "realtimekit.yaml")]);
  });

  it("shows file names relative to the working folder", () => {
    fs.mkdirSync(path.join(dir, "config"));
    fs.writeFileSync(path.join(dir, "config", "rtk.yml"), BASE);
    fs.writeFileSync(path.join(dir, "config", "rtk.dev.yml"), "meetings:\n  standup:\n    status: PAUSED\n");
    assert.deepEqual(
      messagesOf(() => loadRealtimeKitConfig({ cwd: dir, file: "config/rtk.yml", stack: "dev" })),
      [
        `${path.join("config", "rtk.dev.yml")}: meetings.standup.status: must be one of "ACTIVE", "INACTIVE"; got "PAUSED" (line 3, column 13)`,
      ],
    );
  });

  it("fails for a missing base file", () => {
    assert.deepEqual(
      messagesOf(() => loadRealtimeKitConfig({ cwd: dir })),
      [`realtimekit.yaml: file not found (${path.join(dir, "realtimekit.yaml")})`],
    );
  });

  it("derives the overlay name from the base file", () => {
    assert.equal(overlayPath("/p/realtimekit.yaml", "dev"), "/p/realtimekit.dev.yaml");
    assert.equal(overlayPath("/p/rtk.json", "prod"), "/p/rtk.prod.json");
    assert.equal(overlayPath("/p/config", "dev"), "/p/config.dev");
  });
});
