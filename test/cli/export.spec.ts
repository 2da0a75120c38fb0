/**
 * `pulumi-realtimekit export` against the emulator, through `main` as the bin runs it: what it
 * writes (YAML that the loader and the JSON Schema accept, TypeScript), presets as minimal partials,
 * `--select`, secrets kept out, progress on stderr, and the errors (one line, non-zero exit,
 * nothing written).
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { main } from "../../cli/main";
import { parseSelection, isMeetingSelected } from "../../cli/export/selection";
import { tsLiteral } from "../../cli/export/renderTypeScript";
import { desiredStateOf } from "../../cli/export/desiredState";
import type { AppSnapshot } from "../../cli/export/readApp";
import type { WireMeeting } from "../../provider/client/wire";
import { configJsonSchema } from "../../provider/component/configSchema";
import { parseRealtimeKitConfig } from "../../provider/component/loader";
import { validateMeeting } from "../../provider/resources/meetingSchema";
import { MEETING_FIELDS } from "../../provider/resources/meetingTypes";
import {
  mergeDeep,
  mergePresetDefaults,
  minimalPresetInput,
  presetTreeToWire,
  type PresetTreeInput,
} from "../../provider/resources/presetTree";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { EmulatorControl } from "../../harness/emulatorControl";
import { jsonSchemaErrors } from "../../harness/jsonSchemaErrors";
import { populateApp } from "../../harness/populateApp";

/** The environment a user would export with: the provider's variables, pointed at the emulator. */
function envFor(emulator: RunningEmulator, appId = emulator.appId): NodeJS.ProcessEnv {
  return {
    CLOUDFLARE_ACCOUNT_ID: emulator.accountId,
    REALTIMEKIT_APP_ID: appId,
    CLOUDFLARE_API_TOKEN: emulator.token,
    REALTIMEKIT_API_BASE_URL: emulator.url,
    REALTIMEKIT_STATE_DIR: "off",
  };
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string[];
}

/** Runs the command line with `env` as the only environment of the credentials. */
async function exportWith(env: NodeJS.ProcessEnv, args: string[]): Promise<Run> {
  const saved = { ...process.env };
  const stdout: string[] = [];
  const stderr: string[] = [];
  for (const key of ["CLOUDFLARE_ACCOUNT_ID", "REALTIMEKIT_APP_ID", "CLOUDFLARE_API_TOKEN", "REALTIMEKIT_API_BASE_URL"])
    delete process.env[key];
  Object.assign(process.env, env);
  try {
    const code = await main(
      ["export", ...args],
      (text) => stdout.push(text),
      (line) => stderr.push(line),
    );
    return { code, stdout: stdout.join("\n"), stderr };
  } finally {
    process.env = saved;
  }
}

function presetBody(name: string, input: PresetTreeInput): Record<string, unknown> {
  return { name, ...presetTreeToWire(mergeDeep(mergePresetDefaults({}), input) as PresetTreeInput) };
}

describe("export: minimalPresetInput", () => {
  it("gives {} for a preset equal to the defaults, server-added simulcast included", () => {
    const live = mergeDeep(mergePresetDefaults({}), { config: { media: { video: { simulcast: false } } } }) as PresetTreeInput;
    assert.deepEqual(minimalPresetInput(live), {});
  });

  it("keeps only the changed leaves, and leaves the defaults do not have", () => {
    const live = mergeDeep(mergePresetDefaults({}), {
      permissions: { kickParticipant: true, stageEnabled: false },
      config: { media: { video: { simulcast: true } } },
      ui: { designTokens: { colors: { brand: { "500": "#000000" } } } },
    }) as PresetTreeInput;
    assert.deepEqual(minimalPresetInput(live), {
      permissions: { kickParticipant: true, stageEnabled: false },
      config: { media: { video: { simulcast: true } } },
      ui: { designTokens: { colors: { brand: { "500": "#000000" } } } },
    });
  });

  it("reproduces the preset when merged onto the defaults", () => {
    const live = mergeDeep(mergePresetDefaults({}), {
      permissions: { plugins: { config: { "1c6b6d2c-5b7e-4f3e-9d1a-2b3c4d5e6f70": { accessControl: "VIEW_ONLY" } } } },
      config: { livestreamViewerQualities: [720] },
    }) as PresetTreeInput;
    assert.deepEqual(mergePresetDefaults(minimalPresetInput(live)), live);
  });
});

describe("export: --select", () => {
  it("parses kinds and meeting filters; a bare kind wins over its filters", () => {
    const selection = parseSelection(["presets,meetings[status=ACTIVE,title=Daily *]"]);
    assert.deepEqual([...selection.kinds], ["presets", "meetings"]);
    assert.deepEqual(selection.meetingFilters, [{ status: "ACTIVE", title: "Daily *" }]);
    assert.equal(isMeetingSelected(selection, { status: "ACTIVE", title: "Daily standup" }), true);
    assert.equal(isMeetingSelected(selection, { status: "INACTIVE", title: "Daily standup" }), false);
    assert.equal(isMeetingSelected(selection, { status: "ACTIVE", title: "Weekly" }), false);
    assert.deepEqual(parseSelection(["meetings[status=ACTIVE]", "meetings"]).meetingFilters, []);
  });

  it("refuses unknown kinds and filters, naming them", () => {
    assert.throws(() => parseSelection(["rooms"]), /--select "rooms": expected presets, webhooks, meetings/);
    assert.throws(() => parseSelection(["meetings[status=PAUSED]"]), /got "status=PAUSED"/);
    assert.throws(() => parseSelection(["presets[name=x]"]), /only meetings take filters/);
  });
});

describe("export: tsLiteral", () => {
  it("writes identifier keys bare, others quoted, and breaks long objects", () => {
    assert.equal(tsLiteral({ a: 1, "my-key": "#fff", list: ["x"] }), '{ a: 1, "my-key": "#fff", list: ["x"] }');
    const long = tsLiteral({ title: "x".repeat(100), persistChat: true });
    assert.equal(long, `{\n  title: "${"x".repeat(100)}",\n  persistChat: true,\n}`);
  });
});

describe("export: meeting entries", () => {
  const meetingId = "0b6f3c1e-5d2a-4c8e-9f1a-2b3c4d5e6f70";

  /** The meeting entry exported (adopting) from an app holding one meeting with these wire fields. */
  function entryOf(fields: Record<string, unknown>): Record<string, unknown> {
    const at = "2026-01-01T00:00:00.000Z";
    // Cast: the wire types follow the spec, which does not say the API may answer null.
    const meeting = { id: meetingId, created_at: at, updated_at: at, ...fields } as unknown as WireMeeting;
    const snapshot: AppSnapshot = {
      accountId: "0".repeat(32),
      app: { id: "app", name: "app" },
      presets: [],
      webhooks: [],
      meetings: [meeting],
    };
    return desiredStateOf(snapshot, { adopt: true }).meetings[0].args;
  }

  it("leaves out an ai_config or recording_config the API answers as null, which check() would refuse", () => {
    const args = entryOf({ title: "Nulls", status: "ACTIVE", persist_chat: true, ai_config: null, recording_config: null });
    assert.deepEqual(args, { title: "Nulls", persistChat: true, adoptMeetingId: meetingId });
    assert.deepEqual(validateMeeting(args), []);
    assert.notDeepEqual(validateMeeting({ ...args, aiConfig: null, recordingConfig: null }), [], "why the nulls must go");
  });

  it("writes every setting of the provider's meeting that is off its default, and none that is at it", () => {
    const offDefaults = entryOf({
      title: "All",
      status: "INACTIVE",
      record_on_start: true,
      live_stream_on_start: true,
      persist_chat: true,
      summarize_on_end: true,
      transcribe_on_end: true,
      session_keep_alive_time_in_secs: 120,
      ai_config: { transcription: { language: "de" } },
      recording_config: { max_seconds: 600 },
    });
    assert.deepEqual(Object.keys(offDefaults), [...MEETING_FIELDS, "adoptMeetingId"]);
    assert.deepEqual(validateMeeting(offDefaults), []);
    const atDefaults = entryOf({ title: "None", status: "ACTIVE", persist_chat: false, session_keep_alive_time_in_secs: 60 });
    assert.deepEqual(atDefaults, { title: "None", adoptMeetingId: meetingId });
  });
});

describe("export against the emulator", function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let dir: string;

  before(async () => {
    emulator = await startEmulator({ rateLimit: false });
    control = new EmulatorControl(emulator);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-export-spec-"));
  });
  after(async () => {
    await emulator?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe("an app populated through the API", () => {
    before(async () => {
      emulator.reset();
      await populateApp(control, { presets: 5, webhooks: 3, meetings: 9, liveParticipants: 2 });
      await control.rest("POST", "presets", presetBody("kick only", { permissions: { kickParticipant: true } }));
    });

    it("writes a realtimekit.yaml that the loader and the JSON Schema accept, every object adopted", async () => {
      const run = await exportWith(envFor(emulator), []);
      assert.equal(run.code, 0, run.stderr.join("\n"));
      assert.match(
        run.stdout,
        /^# yaml-language-server: \$schema=\.\/node_modules\/pulumi-realtimekit\/schema\/realtimekit\.schema\.json\n/,
      );
      assert.match(run.stdout, /pulumi destroy`, or removing an entry,\n# DELETES the preset or webhook and deactivates the meeting/);
      const { config } = parseRealtimeKitConfig([{ file: "realtimekit.yaml", text: run.stdout }]);
      const schema = configJsonSchema();
      assert.deepEqual(jsonSchemaErrors(parse(run.stdout), schema), []);
      assert.equal(Object.keys(config.presets ?? {}).length, 6);
      assert.equal(Object.keys(config.webhooks ?? {}).length, 3);
      assert.equal(Object.keys(config.meetings ?? {}).length, 9);
      assert.ok(Object.values(config.presets ?? {}).every((preset) => preset?.adoptExisting === true));
      assert.ok(Object.values(config.webhooks ?? {}).every((webhook) => webhook?.adoptExisting === true));
      const ids = new Set(emulator.state().meetings.map((meeting) => meeting.id));
      assert.ok(Object.values(config.meetings ?? {}).every((meeting) => ids.has(meeting?.adoptMeetingId as string)));
    });

    it("writes a preset that differs from the defaults in one leaf as that one leaf", async () => {
      const run = await exportWith(envFor(emulator), ["--select", "presets"]);
      const document = parse(run.stdout) as { presets: Record<string, unknown> };
      assert.deepEqual(document.presets["kick-only"], { name: "kick only", permissions: { kickParticipant: true }, adoptExisting: true });
      assert.deepEqual(document.presets.host, { adoptExisting: true }, "a preset at the defaults has no tree at all");
    });

    it("keeps names, URLs, events and meeting settings; repeated titles get distinct keys", async () => {
      const run = await exportWith(envFor(emulator), ["--select", "webhooks,meetings"]);
      const document = parse(run.stdout) as {
        webhooks: Record<string, Record<string, unknown>>;
        meetings: Record<string, Record<string, unknown>>;
      };
      assert.deepEqual(document.webhooks["hook-1"], {
        name: "hook 1",
        url: "https://hooks.example.com/rtk/1",
        events: ["meeting.started", "meeting.ended", "meeting.participantJoined"],
        adoptExisting: true,
      });
      assert.equal(document.webhooks["hook-0"].events, undefined, "the default events are left out");
      assert.deepEqual(
        Object.keys(document.meetings).filter((key) => key.startsWith("daily-standup")),
        ["daily-standup", "daily-standup-2"],
      );
      const third = document.meetings["meeting-3"];
      assert.deepEqual(
        { ...third, adoptMeetingId: undefined },
        {
          title: "Meeting 3",
          persistChat: true,
          summarizeOnEnd: true,
          transcribeOnEnd: true,
          adoptMeetingId: undefined,
          aiConfig: {
            summarization: { wordLimit: 300, textFormat: "markdown" },
            transcription: { language: "de", keywords: ["RealtimeKit"] },
          },
        },
      );
      assert.equal(document.meetings["meeting-2"].status, "INACTIVE");
    });

    it("writes a TypeScript program with the same declarations", async () => {
      const run = await exportWith(envFor(emulator), ["--format", "ts"]);
      assert.equal(run.code, 0, run.stderr.join("\n"));
      assert.match(run.stdout, /^import \{ Meeting, Preset, Webhook \} from "pulumi-realtimekit";$/m);
      assert.match(
        run.stdout,
        /^new Preset\("kick-only", \{ name: "kick only", permissions: \{ kickParticipant: true \}, adoptExisting: true \}\);$/m,
      );
      assert.equal(run.stdout.match(/^new Meeting\(/gm)?.length, 9);
      assert.match(run.stdout, /^\/\/ .*DELETES the preset or webhook/m);
    });

    it("filters meetings by status (asked of the API) and by title pattern", async () => {
      const before = emulator.requests().length;
      const run = await exportWith(envFor(emulator), ["--select", "meetings[status=INACTIVE]"]);
      const document = parse(run.stdout) as Record<string, Record<string, Record<string, unknown>> | undefined>;
      assert.equal(document.presets, undefined);
      assert.equal(document.webhooks, undefined);
      assert.deepEqual(
        Object.values(document.meetings ?? {}).map((meeting) => meeting.status),
        ["INACTIVE", "INACTIVE", "INACTIVE"],
      );
      const lists = emulator
        .requests()
        .slice(before)
        .filter((request) => /\/meetings$/.test(request.path));
      assert.ok(
        lists.every((request) => request.query?.status === "INACTIVE"),
        JSON.stringify(lists),
      );
      assert.equal(
        emulator
          .requests()
          .slice(before)
          .filter((request) => /\/presets/.test(request.path)).length,
        0,
      );

      const titled = parse((await exportWith(envFor(emulator), ["--select", "meetings[title=Daily*]"])).stdout) as {
        meetings: Record<string, unknown>;
      };
      assert.deepEqual(Object.keys(titled.meetings), ["daily-standup", "daily-standup-2"]);
    });

    it("reports progress on stderr and writes --out atomically", async () => {
      const out = path.join(dir, "realtimekit.yaml");
      const run = await exportWith(envFor(emulator), ["--out", out]);
      assert.equal(run.code, 0);
      assert.equal(run.stdout, "");
      assert.ok(run.stderr.includes("export: meetings: listed 9 of 9"), run.stderr.join("\n"));
      assert.ok(run.stderr.includes("export: meetings: read 9 of 9"));
      assert.match(run.stderr.at(-1) as string, /^export: 6 presets, 3 webhooks, 9 meetings in \d+ requests -> /);
      assert.match(fs.readFileSync(out, "utf8"), /^presets:$/m);
      assert.deepEqual(fs.readdirSync(dir), ["realtimekit.yaml"], "no temporary file is left");
    });

    it("--no-adopt writes a copy for another app: no adoption anywhere", async () => {
      const run = await exportWith(envFor(emulator), ["--no-adopt"]);
      assert.doesNotMatch(run.stdout, /adoptExisting|adoptMeetingId/);
      assert.match(run.stdout, /creates every object/);
    });
  });

  it("pages through every list: 230 meetings", async () => {
    emulator.reset();
    await populateApp(control, { presets: 0, webhooks: 0, meetings: 230 });
    const run = await exportWith(envFor(emulator), ["--select", "meetings"]);
    assert.equal(Object.keys((parse(run.stdout) as { meetings: Record<string, unknown> }).meetings).length, 230);
    assert.deepEqual(
      run.stderr.filter((line) => line.includes("listed")),
      ["export: meetings: listed 100 of 230", "export: meetings: listed 200 of 230", "export: meetings: listed 230 of 230"],
    );
  });

  it("never writes storage credentials: config references, and the commands to set them on stderr", async () => {
    emulator.reset();
    await control.rest("POST", "meetings", {
      title: "Town hall",
      recording_config: {
        storage_config: { type: "aws", bucket: "rec", region: "eu-west-1", access_key: "AKIAEXPORTTEST", secret: "s3cr3t-export-value" },
      },
    });
    const run = await exportWith(envFor(emulator), []);
    const text = `${run.stdout}\n${run.stderr.join("\n")}`;
    assert.doesNotMatch(text, /AKIAEXPORTTEST|s3cr3t-export-value/);
    const document = parse(run.stdout) as { meetings: Record<string, { recordingConfig: { storageConfig: Record<string, unknown> } }> };
    assert.deepEqual(document.meetings["town-hall"].recordingConfig.storageConfig, {
      type: "aws",
      bucket: "rec",
      region: "eu-west-1",
      credentialsFromConfig: { accessKey: "recordings:town-hall-accessKey", secret: "recordings:town-hall-secret" },
    });
    assert.ok(
      run.stderr.some((line) =>
        line.startsWith("  pulumi config set --secret recordings:town-hall-secret -- <secret of meeting town-hall"),
      ),
    );
    parseRealtimeKitConfig([{ file: "realtimekit.yaml", text: run.stdout }]);
  });

  it("warns that YAML gives an untitled meeting its key as title", async () => {
    emulator.reset();
    await control.rest("POST", "meetings", {});
    const run = await exportWith(envFor(emulator), []);
    assert.ok(
      run.stderr.some((line) =>
        /^export: warning: meeting [0-9a-f-]{36} has no title; realtimekit\.yaml gives it its key "meeting" as title/.test(line),
      ),
    );
    assert.doesNotMatch((await exportWith(envFor(emulator), ["--format", "ts"])).stdout, /title/);
  });

  describe("errors: one line with the fix, exit code 1, nothing written", () => {
    const out = () => path.join(dir, "failed.yaml");

    async function assertFails(env: NodeJS.ProcessEnv, pattern: RegExp, args: string[] = []): Promise<void> {
      fs.writeFileSync(out(), "previous content\n");
      const run = await exportWith(env, ["--out", out(), ...args]);
      assert.equal(run.code, 1);
      const errors = run.stderr.filter((line) => line.startsWith("pulumi-realtimekit:"));
      assert.equal(errors.length, 1, run.stderr.join("\n"));
      assert.doesNotMatch(errors[0], /\n/);
      assert.match(errors[0], pattern);
      assert.equal(fs.readFileSync(out(), "utf8"), "previous content\n", "the file is left as it was");
      assert.deepEqual(
        fs.readdirSync(dir).filter((file) => file.endsWith(".tmp")),
        [],
      );
      assert.doesNotMatch(run.stderr.join("\n"), new RegExp(emulator.token.replace(/[-]/g, "\\-")));
    }

    before(async () => {
      emulator.reset();
      await control.rest("POST", "meetings", { title: "One" });
    });
    afterEach(() => emulator.faults.clear());

    it("no credentials", async () => {
      const { CLOUDFLARE_API_TOKEN: _token, ...env } = envFor(emulator);
      await assertFails(
        env,
        /^pulumi-realtimekit: Missing required configuration realtimekit:apiToken: set it with `pulumi config set --secret realtimekit:apiToken <token>` or the CLOUDFLARE_API_TOKEN environment variable$/,
      );
    });

    it("an unknown app", async () => {
      await assertFails(
        envFor(emulator, "0f0f0f0f-0000-4000-8000-000000000000"),
        new RegExp(
          `^pulumi-realtimekit: app 0f0f0f0f-0000-4000-8000-000000000000 is not an app of account ${emulator.accountId}: pass --app <app id> \\(or set realtimekit:appId / REALTIMEKIT_APP_ID\\) with one of: ${emulator.appId} "default"$`,
        ),
      );
    });

    it("an app with nothing in it, and a selection that matches nothing", async () => {
      const created = await fetch(`${emulator.url}/accounts/${emulator.accountId}/realtime/kit/apps`, {
        method: "POST",
        headers: { authorization: `Bearer ${emulator.token}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "empty" }),
      });
      const emptyId = ((await created.json()) as { data: { app: { id: string } } }).data.app.id;
      await assertFails(
        envFor(emulator),
        /^pulumi-realtimekit: app "empty" \([0-9a-f-]+\) has no presets, webhooks or meetings: nothing to export/,
        ["--app", emptyId],
      );
      await assertFails(
        envFor(emulator),
        /^pulumi-realtimekit: nothing in app "default" \(.*\) matches --select presets: widen the selection$/,
        ["--select", "presets"],
      );
    });

    it("a token the API refuses (401)", async () => {
      emulator.faults.add({ status: 401, message: "Authentication error", pathRegex: "/realtime/kit/" });
      await assertFails(
        envFor(emulator),
        /^pulumi-realtimekit: the API token was refused \(401 Authentication error\): set a valid one with `pulumi config set --secret realtimekit:apiToken -- <token>` or CLOUDFLARE_API_TOKEN$/,
      );
    });

    it("a wrong token, or one without the permission (403)", async () => {
      const fix =
        /: check realtimekit:apiToken \/ CLOUDFLARE_API_TOKEN and realtimekit:accountId, and give the token the Realtime > Realtime Admin permission \(My Profile > API Tokens\)$/;
      await assertFails(
        { ...envFor(emulator), CLOUDFLARE_API_TOKEN: "not-the-token" },
        new RegExp(`^pulumi-realtimekit: the API token may not read RealtimeKit in account [0-9a-f]{32} \\(403 .*\\)${fix.source}`),
      );
      emulator.faults.add({ status: 403, message: "Unauthorized to access requested resource", pathRegex: "/realtime/kit/" });
      await assertFails(envFor(emulator), new RegExp(`\\(403 Unauthorized to access requested resource\\)${fix.source}`));
    });

    it("a usage error exits 2 with the usage", async () => {
      const run = await exportWith(envFor(emulator), ["--format", "json"]);
      assert.equal(run.code, 2);
      assert.match(run.stderr[0], /^pulumi-realtimekit export: --format must be yaml or ts; got "json"\nusage: pulumi-realtimekit export /);
    });
  });
});
