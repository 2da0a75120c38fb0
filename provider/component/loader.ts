/**
 * Loads `realtimekit.yaml` and its per-stack overlay, merges them, resolves `${...}` references
 * and validates the result with the resources' own schemas. Everything happens before any resource
 * is registered, so a bad file fails `pulumi preview` without a single API call, with messages
 * such as `realtimekit.dev.yaml: meetings.standup.status: must be one of "ACTIVE", "INACTIVE"; got "PAUSED" (line 7, column 13)`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { Document, LineCounter, parseDocument } from "yaml";
import { FailureCollector, describeValue, isPlainObject } from "../shared/check";
import type { MeetingAiConfig, MeetingRecordingConfig, MeetingStatus } from "../resources/meetingTypes";
import type { PresetConfigInput, PresetPermissionsInput, PresetUiInput } from "../resources/presetTree";
import type { WebhookEvent } from "../resources/webhook";
import { DocumentContext, checkApp, checkLiteralCredentials, checkReferences, checkUnique, validateEntries } from "./documentChecks";
import { EntryRef, orderEntries } from "./entryOrder";
import { Provenance, mergeOverlay } from "./merge";
import type { OnLiveSession } from "../config";

export type { EntryRef } from "./entryOrder";

// ---------------------------------------------------------------------------------------------
// The file format

/** `app`: the app to create or adopt. */
export interface AppEntry {
  /** The app's name: adopted when exactly one app has it, created when none does. */
  name?: string;
  /** Adopt the app with this id. */
  id?: string;
  /** Adopt an existing app of the same name. @default true */
  adoptExisting?: boolean;
}

/** `presets.<key>`: a preset; `name` defaults to the key. */
export interface PresetEntry {
  name?: string;
  config?: PresetConfigInput;
  permissions?: PresetPermissionsInput;
  ui?: PresetUiInput;
  adoptExisting?: boolean;
}

/** `webhooks.<key>`: a webhook; `name` defaults to the key. */
export interface WebhookEntry {
  name?: string;
  url: string;
  events?: WebhookEvent[];
  enabled?: boolean;
  adoptExisting?: boolean;
}

/** `meetings.<key>`: a meeting; `title` defaults to the key. */
export interface MeetingEntry {
  title?: string;
  status?: MeetingStatus;
  recordOnStart?: boolean;
  liveStreamOnStart?: boolean;
  persistChat?: boolean;
  summarizeOnEnd?: boolean;
  transcribeOnEnd?: boolean;
  sessionKeepAliveTimeInSecs?: number;
  aiConfig?: MeetingAiConfig;
  recordingConfig?: MeetingRecordingConfig;
  adoptMeetingId?: string;
}

/**
 * A merged, validated config file. String values are as written: they may hold `${...}`
 * references and `$${` escapes, which the component resolves (see `parseTemplate`).
 */
export interface RealtimeKitConfig {
  app?: AppEntry;
  presets: Record<string, PresetEntry>;
  webhooks: Record<string, WebhookEntry>;
  meetings: Record<string, MeetingEntry>;
  /** The default `onLiveSession` of the file's meetings. */
  onLiveSession?: OnLiveSession;
}

/** An entry of the file, as `kind` and key. */
/** Result of {@link loadRealtimeKitConfig}. */
export interface LoadedRealtimeKitConfig {
  /** The merged and validated desired state. */
  readonly config: RealtimeKitConfig;
  /** The files read, base first (absolute paths). */
  readonly files: readonly string[];
  /** Every entry in an order where each comes after the entries it references. */
  readonly order: readonly EntryRef[];
}

// ---------------------------------------------------------------------------------------------
// Errors

/** One problem found in a config file. */
export interface ConfigFileIssue {
  /** The file as shown (relative to the working folder when inside it). */
  readonly file: string;
  /** The property path inside the file, e.g. `meetings.standup.status`; empty for file-level problems. */
  readonly path: string;
  /** Why it is wrong. */
  readonly reason: string;
  /** 1-based line of the offending value, when known. */
  readonly line?: number;
  /** 1-based column of the offending value, when known. */
  readonly column?: number;
}

/** Formats one issue: `<file>: <path>: <reason> (line L, column C)`. */
export function formatIssue(issue: ConfigFileIssue): string {
  const where = issue.path === "" ? "" : `${issue.path}: `;
  const location = issue.line === undefined ? "" : ` (line ${issue.line}, column ${issue.column})`;
  return `${issue.file}: ${where}${issue.reason}${location}`;
}

/**
 * A config file that cannot be used. It is a `pulumi.RunError`, so `pulumi preview` prints the
 * message without a stack trace. The message has one line per issue.
 */
export class ConfigFileError extends pulumi.RunError {
  /** Every problem found, in file order. */
  readonly issues: readonly ConfigFileIssue[];

  constructor(issues: readonly ConfigFileIssue[]) {
    super(
      issues.length === 1
        ? `Invalid RealtimeKit config: ${formatIssue(issues[0])}`
        : `Invalid RealtimeKit config (${issues.length} problems):\n${issues.map((issue) => `  ${formatIssue(issue)}`).join("\n")}`,
    );
    this.name = "ConfigFileError";
    this.issues = issues;
  }
}

// ---------------------------------------------------------------------------------------------
// Loading

/** Options of {@link loadRealtimeKitConfig}. */
export interface LoadRealtimeKitConfigOptions extends DocumentContext {
  /** The base file. Relative paths are resolved against `cwd`. @default "realtimekit.yaml" */
  file?: string;
  /**
   * The stack whose overlay to merge: `realtimekit.<stack>.yaml` next to the base file (same
   * extension). A missing overlay is fine. `undefined` or `""` merges no overlay.
   */
  stack?: string;
  /** Folder for relative paths and for showing file names. @default process.cwd() */
  cwd?: string;
}

/** One file's text, for {@link parseRealtimeKitConfig}. */
export interface ConfigSourceText {
  /** The file name shown in messages. */
  readonly file: string;
  /** Its absolute path (recorded in `files`). @default file */
  readonly path?: string;
  /** Its YAML (or JSON) text. */
  readonly text: string;
}

/** The overlay of `file` for `stack`: `realtimekit.yaml` → `realtimekit.<stack>.yaml`. */
export function overlayPath(file: string, stack: string): string {
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)}.${stack}${ext}`;
}

/** A path as shown in messages: relative to `cwd` when inside it. */
function displayName(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : absolute;
}

/**
 * Reads the base file and the stack's overlay (if it exists), then {@link parseRealtimeKitConfig}.
 * @throws {@link ConfigFileError} for a missing base file, YAML syntax errors and invalid content.
 */
export function loadRealtimeKitConfig(options: LoadRealtimeKitConfigOptions = {}): LoadedRealtimeKitConfig {
  const cwd = options.cwd ?? process.cwd();
  const base = path.resolve(cwd, options.file ?? "realtimekit.yaml");
  const sources: ConfigSourceText[] = [];
  let text: string;
  try {
    text = fs.readFileSync(base, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? `file not found (${base})` : `cannot be read: ${(error as Error).message}`;
    throw new ConfigFileError([{ file: displayName(base, cwd), path: "", reason }]);
  }
  sources.push({ file: displayName(base, cwd), path: base, text });
  if (options.stack) {
    const overlay = overlayPath(base, options.stack);
    if (fs.existsSync(overlay)) {
      sources.push({ file: displayName(overlay, cwd), path: overlay, text: fs.readFileSync(overlay, "utf8") });
    }
  }
  return parseRealtimeKitConfig(sources, options);
}

/** A parsed file with what is needed to point at its lines. */
interface ParsedSource {
  readonly source: ConfigSourceText;
  readonly document: Document;
  readonly lines: LineCounter;
  readonly value: Record<string, unknown>;
}

/** First line of a `yaml` error message, without the location the issue carries anyway. */
function yamlReason(message: string): string {
  return message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
}

function parseSource(source: ConfigSourceText, issues: ConfigFileIssue[]): ParsedSource | undefined {
  const lines = new LineCounter();
  const document = parseDocument(source.text, { lineCounter: lines, merge: true, uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const at = error.linePos?.[0];
      issues.push({
        file: source.file,
        path: "",
        reason: `YAML syntax error: ${yamlReason(error.message)}`,
        line: at?.line,
        column: at?.col,
      });
    }
    return undefined;
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    issues.push({ file: source.file, path: "", reason: `YAML error: ${(error as Error).message}` });
    return undefined;
  }
  if (value === null || value === undefined) {
    value = {};
  }
  if (!isPlainObject(value)) {
    issues.push({
      file: source.file,
      path: "",
      reason: `must be a mapping with app, presets, webhooks and meetings at the top level; got ${describeValue(value)}`,
    });
    return undefined;
  }
  return { source, document, lines, value };
}

/** `a.b[2].c` → `["a", "b", 2, "c"]`. */
function segmentsOf(propertyPath: string): Array<string | number> {
  const segments: Array<string | number> = [];
  for (const part of propertyPath.split(".")) {
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (match === null) {
      segments.push(part);
      continue;
    }
    if (match[1] !== "") {
      segments.push(match[1]);
    }
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) {
      segments.push(Number(index[1]));
    }
  }
  return segments;
}

/** Line and column of the value at `propertyPath` (or its nearest ancestor present) in a file. */
function locate(parsed: ParsedSource | undefined, propertyPath: string): { line?: number; column?: number } {
  if (parsed === undefined || propertyPath === "") {
    return {};
  }
  const segments = segmentsOf(propertyPath);
  for (let length = segments.length; length > 0; length--) {
    const node = parsed.document.getIn(segments.slice(0, length), true) as { range?: [number, number, number] } | undefined;
    if (node?.range !== undefined) {
      const { line, col } = parsed.lines.linePos(node.range[0]);
      return { line, column: col };
    }
  }
  return {};
}

/**
 * Merges already-read sources (base first), resolves references and validates; the core of
 * {@link loadRealtimeKitConfig}, usable on in-memory text.
 * @throws {@link ConfigFileError} listing every problem.
 */
export function parseRealtimeKitConfig(sources: readonly ConfigSourceText[], options: DocumentContext = {}): LoadedRealtimeKitConfig {
  const issues: ConfigFileIssue[] = [];
  const parsed = sources.map((source) => parseSource(source, issues));
  if (issues.length > 0) {
    throw new ConfigFileError(issues);
  }
  const files = parsed as ParsedSource[];
  const byName = new Map(files.map((file) => [file.source.file, file]));

  // Merge the overlays onto the base, remembering which file set what.
  const provenance = new Provenance();
  let merged: unknown = files[0]?.value ?? {};
  provenance.set("", merged, files[0]?.source.file ?? "");
  for (const overlay of files.slice(1)) {
    merged = mergeOverlay(merged, overlay.value, overlay.source.file, provenance);
  }
  const document = merged as Record<string, unknown>;

  const failures = new FailureCollector();
  const { dependencies, templates } = checkReferences(document, options, failures);
  checkLiteralCredentials(document, templates, failures);
  validateEntries(document, templates, failures);
  checkApp(document, options, failures);
  checkUnique(document, "presets", "name", "preset names are unique in an app", failures);
  checkUnique(document, "webhooks", "url", "webhook URLs are unique in an app", failures);

  const order = failures.failures.length === 0 ? orderEntries(document, dependencies, failures) : [];

  if (failures.failures.length > 0) {
    const fallback = files[0]?.source.file ?? "";
    throw new ConfigFileError(
      failures.failures.map((failure) => {
        const file = provenance.fileOf(failure.property, fallback);
        return { file, path: failure.property, reason: failure.reason, ...locate(byName.get(file), failure.property) };
      }),
    );
  }
  return {
    config: {
      ...(document.app !== undefined ? { app: document.app as AppEntry } : {}),
      presets: (document.presets ?? {}) as Record<string, PresetEntry>,
      webhooks: (document.webhooks ?? {}) as Record<string, WebhookEntry>,
      meetings: (document.meetings ?? {}) as Record<string, MeetingEntry>,
      ...(document.onLiveSession !== undefined ? { onLiveSession: document.onLiveSession as OnLiveSession } : {}),
    },
    files: files.map((file) => file.source.path ?? file.source.file),
    order,
  };
}
