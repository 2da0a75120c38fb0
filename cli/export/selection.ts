/**
 * `--select`: which objects of the app `export` reads. A value is a comma-separated list of kinds,
 * each optionally followed by filters in brackets; several `--select` flags add up:
 *
 *     --select presets,webhooks
 *     --select 'meetings[status=ACTIVE]'
 *     --select 'meetings[title=Daily *,status=INACTIVE]'
 *
 * Meeting filters: `status=ACTIVE|INACTIVE` (asked of the API, so unselected meetings are never
 * read) and `title=<pattern>` (`*` any text, `?` one character; whole title, case-sensitive).
 */

/** The kinds of object `export` writes. */
export const EXPORT_KINDS = ["presets", "webhooks", "meetings"] as const;

/** One kind of object. */
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** Which meetings to export. */
export interface MeetingFilter {
  /** Only meetings with this status. */
  readonly status?: "ACTIVE" | "INACTIVE";
  /** Only meetings whose title matches this glob (`*`, `?`). */
  readonly title?: string;
}

/** What `export` reads: the kinds, and for meetings the filters (any one of them matching). */
export interface Selection {
  readonly kinds: ReadonlySet<ExportKind>;
  /** Empty: every meeting. Otherwise a meeting is exported when one filter matches it. */
  readonly meetingFilters: readonly MeetingFilter[];
}

/** Everything: the selection without `--select`. */
export const SELECT_ALL: Selection = { kinds: new Set(EXPORT_KINDS), meetingFilters: [] };

/** Splits on commas outside brackets: `a,b[x=1,y=2]` → `a`, `b[x=1,y=2]`. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "[") depth++;
    if (char === "]") depth--;
    if (char === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== "");
}

function parseMeetingFilter(body: string, item: string): MeetingFilter {
  const filter: { status?: "ACTIVE" | "INACTIVE"; title?: string } = {};
  for (const clause of splitTopLevel(body)) {
    const [key, ...rest] = clause.split("=");
    const value = rest.join("=");
    if (key === "status" && (value === "ACTIVE" || value === "INACTIVE")) {
      filter.status = value;
    } else if (key === "title" && value !== "") {
      filter.title = value;
    } else {
      throw new Error(
        `--select ${JSON.stringify(item)}: meetings filters are status=ACTIVE|INACTIVE and title=<pattern>; got ${JSON.stringify(clause)}`,
      );
    }
  }
  return filter;
}

/**
 * Parses the `--select` values; none selects everything.
 * @throws Error naming the bad item (the command line reports it as a usage error).
 */
export function parseSelection(values: readonly string[]): Selection {
  if (values.length === 0) return SELECT_ALL;
  const kinds = new Set<ExportKind>();
  const meetingFilters: MeetingFilter[] = [];
  let everyMeeting = false;
  for (const item of values.flatMap(splitTopLevel)) {
    const match = /^([a-z]+)(?:\[(.*)\])?$/.exec(item);
    const kind = match?.[1] as ExportKind | undefined;
    if (!match || !EXPORT_KINDS.includes(kind as ExportKind)) {
      throw new Error(`--select ${JSON.stringify(item)}: expected ${EXPORT_KINDS.join(", ")}, or meetings[status=…,title=…]`);
    }
    kinds.add(kind as ExportKind);
    if (match[2] === undefined) {
      if (kind === "meetings") everyMeeting = true;
      continue;
    }
    if (kind !== "meetings") {
      throw new Error(`--select ${JSON.stringify(item)}: only meetings take filters`);
    }
    meetingFilters.push(parseMeetingFilter(match[2], item));
  }
  return { kinds, meetingFilters: everyMeeting ? [] : meetingFilters };
}

/** A glob (`*`, `?`) as an anchored regular expression. */
function globPattern(glob: string): RegExp {
  const source = glob
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`, "s");
}

/** Whether a meeting (`status`, `title` as the API lists them) is selected. */
export function isMeetingSelected(selection: Selection, meeting: { status?: string; title?: string | null }): boolean {
  if (selection.meetingFilters.length === 0) return true;
  return selection.meetingFilters.some(
    (filter) =>
      (filter.status === undefined || (meeting.status ?? "ACTIVE") === filter.status) &&
      (filter.title === undefined || globPattern(filter.title).test(meeting.title ?? "")),
  );
}

/**
 * The statuses worth asking the API for: one status when every filter names the same one (the
 * API filters, unselected meetings are never transferred), else all.
 */
export function meetingStatusQuery(selection: Selection): "ACTIVE" | "INACTIVE" | undefined {
  const statuses = new Set(selection.meetingFilters.map((filter) => filter.status));
  const [only] = statuses;
  return statuses.size === 1 ? only : undefined;
}

/** The selection as the user wrote it, for messages: `presets, meetings[status=ACTIVE]`. */
export function describeSelection(selection: Selection): string {
  return EXPORT_KINDS.filter((kind) => selection.kinds.has(kind))
    .map((kind) => {
      if (kind !== "meetings" || selection.meetingFilters.length === 0) return kind;
      return selection.meetingFilters
        .map(
          (filter) =>
            `meetings[${[filter.status && `status=${filter.status}`, filter.title && `title=${filter.title}`].filter(Boolean).join(",")}]`,
        )
        .join(", ");
    })
    .join(", ");
}
