/**
 * Scenario 4, bad input: a table of invalid inputs across the three resources and the
 * `realtimekit.yaml` config file (component `RealtimeKitStack`), each run through the real engine's
 * `preview`. Each must be rejected with its property path and reason, and the emulator must see no
 * write (no request at all, in fact).
 *
 * Batching: the engine stops a preview at the first resource whose `check` fails, but reports every
 * failure of that resource; so the cases of one kind are packed into as few invalid resources as
 * their paths allow (no two cases on the same path or on a path and its parent), one resource per
 * preview. A config file reports all its problems at once, so file cases are packed the same way
 * (one file per preview); YAML syntax errors get a file each.
 *
 * Stack-config cases (`realtimekit:maxRetries=lots`, …) are rejected too, but only when the provider
 * first needs a client: a preview of new resources does not check them, so they are run through
 * `up` (still before any request).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startReliabilityFixture, type ReliabilityFixture } from "./fixture";
import type { LooseArgs, Workload } from "./program";
import { isPlainObject } from "../../provider/shared/check";

export type BadInputTarget = "Meeting" | "Webhook" | "Preset" | "config file" | "stack config";

/** One row of the table. */
export interface BadInputCase {
  readonly id: string;
  readonly target: BadInputTarget;
  readonly what: string;
  /** Resources: the invalid arguments (merged into a valid base). Config file: YAML text of one entry group. */
  readonly args?: LooseArgs;
  /** Config file: YAML to merge (an object rendered to YAML), or raw text for syntax errors. */
  readonly yaml?: Record<string, unknown> | string;
  /** Stack config: key and value. */
  readonly config?: { key: string; value: string };
  /** The property path the message must name (resource property, file path, or config key). */
  readonly path: string;
  /** A substring of the reason. */
  readonly reason: string;
}

const tooLong = "x".repeat(300);

/** The table. Paths are camelCase as in programs; config-file paths are as written in the file. */
export const BAD_INPUTS: readonly BadInputCase[] = [
  // Meeting
  { id: "M1", target: "Meeting", what: "empty title", args: { title: "" }, path: "title", reason: "must not be empty" },
  { id: "M2", target: "Meeting", what: "title of the wrong type", args: { title: 42 }, path: "title", reason: "must be a string" },
  {
    id: "M3",
    target: "Meeting",
    what: "unknown status",
    args: { status: "PAUSED" },
    path: "status",
    reason: 'must be one of "ACTIVE", "INACTIVE"',
  },
  {
    id: "M4",
    target: "Meeting",
    what: "boolean given as a string",
    args: { recordOnStart: "yes" },
    path: "recordOnStart",
    reason: "must be a boolean",
  },
  {
    id: "M5",
    target: "Meeting",
    what: "keep-alive above 600 s",
    args: { sessionKeepAliveTimeInSecs: 601 },
    path: "sessionKeepAliveTimeInSecs",
    reason: "must be between 60 and 600",
  },
  {
    id: "M6",
    target: "Meeting",
    what: "keep-alive negative",
    args: { sessionKeepAliveTimeInSecs: -1 },
    path: "sessionKeepAliveTimeInSecs",
    reason: "must be between 60 and 600",
  },
  {
    id: "M7",
    target: "Meeting",
    what: "keep-alive not an integer",
    args: { sessionKeepAliveTimeInSecs: 1.5 },
    path: "sessionKeepAliveTimeInSecs",
    reason: "must be an integer",
  },
  {
    id: "M8",
    target: "Meeting",
    what: "unknown summary type",
    args: { aiConfig: { summarization: { summaryType: "weekly" } } },
    path: "aiConfig.summarization.summaryType",
    reason: "must be one of",
  },
  {
    id: "M9",
    target: "Meeting",
    what: "negative word limit",
    args: { aiConfig: { summarization: { wordLimit: -5 } } },
    path: "aiConfig.summarization.wordLimit",
    reason: "must be between 150 and 1000",
  },
  {
    id: "M10",
    target: "Meeting",
    what: "unknown transcription language",
    args: { aiConfig: { transcription: { language: "xx" } } },
    path: "aiConfig.transcription.language",
    reason: "must be one of",
  },
  {
    id: "M11",
    target: "Meeting",
    what: "keywords not a list",
    args: { aiConfig: { transcription: { keywords: "a,b" } } },
    path: "aiConfig.transcription.keywords",
    reason: "must be a list",
  },
  {
    id: "M12",
    target: "Meeting",
    what: "recording shorter than 60 s",
    args: { recordingConfig: { maxSeconds: 30 } },
    path: "recordingConfig.maxSeconds",
    reason: "must be between 60 and 86400",
  },
  {
    id: "M13",
    target: "Meeting",
    what: "unknown video codec",
    args: { recordingConfig: { videoConfig: { codec: "AV1" } } },
    path: "recordingConfig.videoConfig.codec",
    reason: "must be one of",
  },
  {
    id: "M14",
    target: "Meeting",
    what: "malformed watermark URL",
    args: { recordingConfig: { videoConfig: { watermark: { url: "not a url" } } } },
    path: "recordingConfig.videoConfig.watermark.url",
    reason: "http(s) URL",
  },
  {
    id: "M15",
    target: "Meeting",
    what: "live-stream URL not rtmp",
    args: { recordingConfig: { liveStreamingConfig: { rtmpUrl: "http://ingest.example.com/live" } } },
    path: "recordingConfig.liveStreamingConfig.rtmpUrl",
    reason: "rtmp",
  },
  {
    id: "M16",
    target: "Meeting",
    what: "unknown storage type",
    args: { recordingConfig: { storageConfig: { type: "dropbox" } } },
    path: "recordingConfig.storageConfig.type",
    reason: "must be one of",
  },
  {
    id: "M17",
    target: "Meeting",
    what: "aws storage without access key",
    args: { recordingConfig: { storageConfig: { type: "aws", bucket: "b", region: "eu-west-1" } } },
    path: "recordingConfig.storageConfig.accessKey",
    reason: "is required",
  },
  {
    id: "M18",
    target: "Meeting",
    what: "sftp port out of range",
    args: { recordingConfig: { storageConfig: { type: "sftp", host: "h", port: 70000 } } },
    path: "recordingConfig.storageConfig.port",
    reason: "must be between 1 and 65535",
  },
  { id: "M19", target: "Meeting", what: "unknown key", args: { colour: "red" }, path: "colour", reason: "unknown property" },
  {
    id: "M20",
    target: "Meeting",
    what: "adoptMeetingId not a UUID",
    args: { adoptMeetingId: "abc" },
    path: "adoptMeetingId",
    reason: "UUID",
  },
  {
    id: "M21",
    target: "Meeting",
    what: "accountId not 32 hex characters",
    args: { accountId: "xyz" },
    path: "accountId",
    reason: "32-character hex",
  },
  {
    id: "M22",
    target: "Meeting",
    what: "storage credential from a config key that is not set",
    args: { recordingConfig: { storageConfig: { type: "gcs", credentialsFromConfig: { secret: "recordings:unsetKey" } } } },
    path: "recordingConfig.storageConfig.credentialsFromConfig.secret",
    reason: 'stack config key "recordings:unsetKey" is not set',
  },
  {
    id: "M23",
    target: "Meeting",
    what: "storage credential given literally and from config",
    args: {
      recordingConfig: {
        storageConfig: { type: "sftp", authMethod: "PASSWORD", password: "p", credentialsFromConfig: { password: "recordings:password" } },
      },
    },
    path: "recordingConfig.storageConfig.credentialsFromConfig.password",
    reason: "not both",
  },
  // Webhook
  { id: "W1", target: "Webhook", what: "empty name", args: { name: "" }, path: "name", reason: "must not be empty" },
  { id: "W2", target: "Webhook", what: "name too long", args: { name: tooLong }, path: "name", reason: "at most 255" },
  { id: "W3", target: "Webhook", what: "non-HTTP URL", args: { url: "ftp://hooks.example.com/x" }, path: "url", reason: "must use https" },
  { id: "W4", target: "Webhook", what: "malformed URL", args: { url: "not a url" }, path: "url", reason: "absolute http(s) URL" },
  {
    id: "W5",
    target: "Webhook",
    what: "URL with credentials",
    args: { url: "https://user:pw@hooks.example.com/x" },
    path: "url",
    reason: "must not contain credentials",
  },
  {
    id: "W6",
    target: "Webhook",
    what: "duplicate event",
    args: { events: ["meeting.started", "meeting.started"] },
    path: "events[1]",
    reason: "duplicate",
  },
  {
    id: "W7",
    target: "Webhook",
    what: "unknown event",
    args: { events: ["meeting.exploded"] },
    path: "events[0]",
    reason: "must be one of",
  },
  { id: "W8", target: "Webhook", what: "empty event list", args: { events: [] }, path: "events", reason: "must not be empty" },
  { id: "W9", target: "Webhook", what: "enabled as a string", args: { enabled: "true" }, path: "enabled", reason: "must be a boolean" },
  { id: "W10", target: "Webhook", what: "unknown key", args: { secret: "s3cr3t" }, path: "secret", reason: "unknown property" },
  { id: "W11", target: "Webhook", what: "missing name", args: { name: undefined }, path: "name", reason: "is required" },
  // Preset
  { id: "P1", target: "Preset", what: "empty name", args: { name: "" }, path: "name", reason: "must not be empty" },
  {
    id: "P2",
    target: "Preset",
    what: "unknown view type",
    args: { config: { viewType: "THEATRE" } },
    path: "config.viewType",
    reason: "must be one of",
  },
  {
    id: "P3",
    target: "Preset",
    what: "negative video stream count",
    args: { config: { maxVideoStreams: { desktop: -1 } } },
    path: "config.maxVideoStreams.desktop",
    reason: "must be at least 0",
  },
  {
    id: "P4",
    target: "Preset",
    what: "permission as a string",
    args: { permissions: { kickParticipant: "yes" } },
    path: "permissions.kickParticipant",
    reason: "must be a boolean",
  },
  {
    id: "P5",
    target: "Preset",
    what: "unknown waiting-room type",
    args: { permissions: { waitingRoomType: "MAYBE" } },
    path: "permissions.waitingRoomType",
    reason: "must be one of",
  },
  {
    id: "P6",
    target: "Preset",
    what: "unknown media access",
    args: { permissions: { media: { video: { canProduce: "SOMETIMES" } } } },
    path: "permissions.media.video.canProduce",
    reason: "must be one of",
  },
  {
    id: "P7",
    target: "Preset",
    what: "unknown theme",
    args: { ui: { designTokens: { theme: "neon" } } },
    path: "ui.designTokens.theme",
    reason: "must be one of",
  },
  {
    id: "P8",
    target: "Preset",
    what: "unknown key in config",
    args: { config: { colour: "red" } },
    path: "config.colour",
    reason: "unknown property",
  },
  { id: "P9", target: "Preset", what: "config of the wrong type", args: { ui: "dark" }, path: "ui", reason: "must be an object" },
  // Config file (realtimekit.yaml)
  {
    id: "F1",
    target: "config file",
    what: "YAML syntax error",
    yaml: 'meetings:\n  standup: {title: "Standup"\n',
    path: "",
    reason: "YAML syntax error",
  },
  {
    id: "F2",
    target: "config file",
    what: "duplicate YAML key",
    yaml: "meetings:\n  standup:\n    title: A\n  standup:\n    title: B\n",
    path: "",
    reason: "YAML",
  },
  {
    id: "F3",
    target: "config file",
    what: "top level not a mapping",
    yaml: "- meetings\n- webhooks\n",
    path: "",
    reason: "must be a mapping",
  },
  { id: "F4", target: "config file", what: "unknown top-level key", yaml: { meetingz: { a: {} } }, path: "meetingz", reason: "unknown" },
  {
    id: "F5",
    target: "config file",
    what: "unknown meeting status",
    yaml: { meetings: { standup: { status: "PAUSED" } } },
    path: "meetings.standup.status",
    reason: "must be one of",
  },
  {
    id: "F6",
    target: "config file",
    what: "keep-alive out of range",
    yaml: { meetings: { retro: { sessionKeepAliveTimeInSecs: 9999 } } },
    path: "meetings.retro.sessionKeepAliveTimeInSecs",
    reason: "must be between 60 and 600",
  },
  {
    id: "F7",
    target: "config file",
    what: "unknown meeting key",
    yaml: { meetings: { demo: { colour: "red" } } },
    path: "meetings.demo.colour",
    reason: "unknown",
  },
  {
    id: "F8",
    target: "config file",
    what: "non-HTTP webhook URL",
    yaml: { webhooks: { ended: { url: "ftp://hooks.example.com/x" } } },
    path: "webhooks.ended.url",
    reason: "must use https",
  },
  {
    id: "F9",
    target: "config file",
    what: "duplicate webhook event",
    yaml: { webhooks: { started: { url: "https://hooks.example.com/s", events: ["meeting.started", "meeting.started"] } } },
    path: "webhooks.started.events[1]",
    reason: "duplicate",
  },
  {
    id: "F10",
    target: "config file",
    what: "unknown webhook event",
    yaml: { webhooks: { left: { url: "https://hooks.example.com/l", events: ["meeting.exploded"] } } },
    path: "webhooks.left.events[0]",
    reason: "must be one of",
  },
  {
    id: "F11",
    target: "config file",
    what: "webhook without url",
    yaml: { webhooks: { nourl: { events: ["meeting.ended"] } } },
    path: "webhooks.nourl.url",
    reason: "required",
  },
  {
    id: "F12",
    target: "config file",
    what: "unknown preset view type",
    yaml: { presets: { host: { config: { viewType: "THEATRE" } } } },
    path: "presets.host.config.viewType",
    reason: "must be one of",
  },
  {
    id: "F13",
    target: "config file",
    what: "preset permission of the wrong type",
    yaml: { presets: { guest: { permissions: { kickParticipant: "yes" } } } },
    path: "presets.guest.permissions.kickParticipant",
    reason: "must be a boolean",
  },
  {
    id: "F14",
    target: "config file",
    what: "reference to an unknown entry",
    yaml: { meetings: { linked: { title: "${presets.nope.name}" } } },
    path: "meetings.linked.title",
    reason: "nope",
  },
  { id: "F15", target: "config file", what: "meetings as a list", yaml: "meetings:\n  - title: A\n", path: "meetings", reason: "must be" },
  // Stack config (rejected by the provider before its first request; see the header)
  {
    id: "K1",
    target: "stack config",
    what: "maxRetries not a number",
    config: { key: "realtimekit:maxRetries", value: "lots" },
    path: "realtimekit:maxRetries",
    reason: "non-negative integer",
  },
  {
    id: "K2",
    target: "stack config",
    what: "base URL not HTTP",
    config: { key: "realtimekit:apiBaseUrl", value: "ftp://api.example.com" },
    path: "realtimekit:apiBaseUrl",
    reason: "http:// or https://",
  },
  {
    id: "K3",
    target: "stack config",
    what: "request budget not a number",
    config: { key: "realtimekit:maxRequestsPerWindow", value: "many" },
    path: "realtimekit:maxRequestsPerWindow",
    reason: "positive integer",
  },
  {
    id: "K4",
    target: "stack config",
    what: "timeout zero",
    config: { key: "realtimekit:requestTimeoutSeconds", value: "0" },
    path: "realtimekit:requestTimeoutSeconds",
    reason: "positive integer",
  },
];

/** A valid resource of each kind, into which the invalid arguments are merged. */
function baseArgs(target: BadInputTarget): LooseArgs {
  if (target === "Meeting") {
    return { title: "Valid meeting" };
  }
  if (target === "Webhook") {
    return { name: "valid-hook", url: "https://hooks.example.com/valid" };
  }
  return { name: "valid-preset" };
}

function deepMerge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? deepMerge(out[key] as Record<string, unknown>, value) : value;
  }
  return out;
}

/** The paths a case sets (leaves of its patch), to keep conflicting cases in separate batches. */
function touchedPaths(patch: unknown, prefix = ""): string[] {
  if (!isPlainObject(patch) || Object.keys(patch).length === 0) {
    return [prefix];
  }
  return Object.entries(patch).flatMap(([key, value]) => touchedPaths(value, prefix ? `${prefix}.${key}` : key));
}

function conflicts(a: string[], b: string[]): boolean {
  const related = (x: string, y: string) => x === y || x.startsWith(`${y}.`) || y.startsWith(`${x}.`) || x === "" || y === "";
  return a.some((x) => b.some((y) => related(x, y)));
}

/** Packs cases into batches whose patches touch unrelated paths. */
export function packCases(cases: readonly BadInputCase[], patchOf: (c: BadInputCase) => unknown): BadInputCase[][] {
  const batches: { cases: BadInputCase[]; paths: string[] }[] = [];
  for (const c of cases) {
    const paths = touchedPaths(patchOf(c));
    const batch = batches.find((b) => !conflicts(b.paths, paths));
    if (batch) {
      batch.cases.push(c);
      batch.paths.push(...paths);
    } else {
      batches.push({ cases: [c], paths });
    }
  }
  return batches.map((b) => b.cases);
}

/** Result of one case. */
export interface BadInputResult {
  readonly id: string;
  readonly target: BadInputTarget;
  readonly what: string;
  readonly path: string;
  readonly reason: string;
  /** Rejected with a message naming the path and the reason. */
  readonly rejected: boolean;
  /** The line of the engine output that names it (or the first error line). */
  readonly message: string;
  /** Which engine operation ran it, and in which batch. */
  readonly via: string;
}

/** Summary of the table run. */
export interface BadInputSummary {
  readonly cases: number;
  readonly rejected: number;
  readonly previews: number;
  readonly apiRequests: number;
  readonly apiWrites: number;
  readonly componentCovered: boolean;
  readonly results: BadInputResult[];
}

function errorLines(text: string): string[] {
  const diagnostics = text.split("Diagnostics:")[1] ?? text;
  return diagnostics
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** Finds the line naming the case (path + reason) in the engine's error text. */
function findMessage(text: string, c: BadInputCase): string | undefined {
  const lines = errorLines(text);
  if (c.target === "config file") {
    return lines.find((line) => (c.path === "" || line.includes(`${c.path}:`)) && line.includes(c.reason));
  }
  if (c.target === "stack config") {
    return lines.find((line) => line.includes(c.path) && line.includes(c.reason));
  }
  return lines.find((line) => line.includes(`property ${c.path} value`) && line.includes(c.reason));
}

/** Runs the whole table against one emulator (the component cases only if the package exports it). */
export async function runBadInputTable(
  options: { log?: (line: string) => void; cases?: readonly BadInputCase[] } = {},
): Promise<BadInputSummary> {
  const cases = options.cases ?? BAD_INPUTS;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-badinput-"));
  const fixture = await startReliabilityFixture({ stackName: "bad-input" });
  const results: BadInputResult[] = [];
  let previews = 0;
  try {
    const resourceKinds: BadInputTarget[] = ["Meeting", "Webhook", "Preset"];
    for (const kind of resourceKinds) {
      const batches = packCases(
        cases.filter((c) => c.target === kind),
        (c) => c.args,
      );
      for (const [i, batch] of batches.entries()) {
        const args = batch.reduce((acc, c) => deepMerge(acc, c.args ?? {}), baseArgs(kind));
        for (const c of batch) {
          if (c.args && Object.entries(c.args).some(([, v]) => v === undefined)) {
            for (const [k, v] of Object.entries(c.args)) {
              if (v === undefined) {
                delete args[k];
              }
            }
          }
        }
        const key = kind === "Meeting" ? "meetings" : kind === "Webhook" ? "webhooks" : "presets";
        // One invalid resource next to a valid one: the valid one must not be created either.
        const workload: Workload = { webhooks: { fine: { name: "fine", url: "https://hooks.example.com/fine" } } };
        (workload[key] ??= {})[`bad${kind}${i}`] = args;
        fixture.workload = workload;
        const outcome = await fixture.run("preview");
        previews++;
        record(results, batch, outcome.ok ? "" : (outcome.error ?? ""), `preview #${previews} (${batch.length} cases in one ${kind})`);
      }
    }
    const fileCases = cases.filter((c) => c.target === "config file");
    const structured = fileCases.filter((c) => typeof c.yaml !== "string");
    const raw = fileCases.filter((c) => typeof c.yaml === "string");
    const fileBatches = [...packCases(structured, (c) => c.yaml), ...raw.map((c) => [c])];
    for (const [i, batch] of fileBatches.entries()) {
      const file = path.join(dir, `realtimekit-${i}.yaml`);
      fs.writeFileSync(
        file,
        typeof batch[0].yaml === "string"
          ? batch[0].yaml
          : toYaml(batch.reduce((acc, c) => deepMerge(acc, c.yaml as Record<string, unknown>), {})),
      );
      fixture.workload = { components: { rtk: { file } } };
      const outcome = await fixture.run("preview");
      previews++;
      record(results, batch, outcome.ok ? "" : (outcome.error ?? ""), `preview #${previews} (${batch.length} cases in one file)`);
    }
    for (const c of cases.filter((x) => x.target === "stack config")) {
      const config = c.config as { key: string; value: string };
      const before = await fixture.stack.getConfig(config.key).catch(() => undefined);
      await fixture.stack.setConfig(config.key, { value: config.value });
      fixture.workload = { webhooks: { fine: { name: "fine", url: "https://hooks.example.com/fine" } } };
      const outcome = await fixture.run("up");
      record(results, [c], outcome.ok ? "" : (outcome.error ?? ""), "up (stack config is read at the first API call)");
      if (before) {
        await fixture.stack.setConfig(config.key, before);
      } else {
        await fixture.stack.removeConfig(config.key);
      }
    }
    const requests = fixture.emulator.requests();
    for (const r of results) {
      options.log?.(`${r.id} ${r.target} ${r.what}: ${r.rejected ? "rejected" : "NOT REJECTED"} — ${r.message.slice(0, 200)}`);
    }
    return {
      cases: results.length,
      rejected: results.filter((r) => r.rejected).length,
      previews,
      apiRequests: requests.length,
      apiWrites: requests.filter((entry) => entry.method !== "GET").length,
      componentCovered: fileCases.length > 0,
      results,
    };
  } finally {
    await fixture.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function record(results: BadInputResult[], batch: BadInputCase[], errorText: string, via: string): void {
  for (const c of batch) {
    const line = errorText ? findMessage(errorText, c) : undefined;
    results.push({
      id: c.id,
      target: c.target,
      what: c.what,
      path: c.path,
      reason: c.reason,
      rejected: line !== undefined,
      message: line ?? (errorText ? `(no line names ${c.path}) ${errorLines(errorText).slice(0, 3).join(" | ")}` : "(accepted)"),
      via,
    });
  }
}

/** A small YAML writer for plain data (the loader parses it back with the `yaml` package). */
function toYaml(value: unknown, indent = ""): string {
  if (Array.isArray(value)) {
    return value.map((item) => `${indent}- ${JSON.stringify(item)}\n`).join("");
  }
  if (isPlainObject(value)) {
    return Object.entries(value)
      .map(([key, item]) =>
        isPlainObject(item) || Array.isArray(item)
          ? `${indent}${key}:\n${toYaml(item, `${indent}  `)}`
          : `${indent}${key}: ${JSON.stringify(item)}\n`,
      )
      .join("");
  }
  return `${indent}${JSON.stringify(value)}\n`;
}

/** The fixture type, re-exported for specs that add cases. */
export type { ReliabilityFixture };
