/**
 * `--format yaml`: a `realtimekit.yaml` that `RealtimeKitStack` loads, valid against the shipped
 * JSON Schema. Entries are keyed as {@link DesiredEntry.key}; `name` (presets, webhooks) and
 * `title` (meetings) are written only when they differ from the key, which is their default.
 */
import { stringify } from "yaml";
import type { DesiredEntry, DesiredState } from "./desiredState";
import { headerLines } from "./header";

/** A rendered file and what the user should know about it (printed on stderr). */
export interface RenderedFile {
  readonly text: string;
  readonly warnings: readonly string[];
}

/** The schema modeline editors read; it must be the file's first line. */
export const YAML_SCHEMA_MODELINE = "# yaml-language-server: $schema=./node_modules/pulumi-realtimekit/schema/realtimekit.schema.json";

function section(entries: readonly DesiredEntry[], defaultedField: "name" | "title"): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  for (const entry of entries) {
    const { [defaultedField]: value, ...rest } = entry.args;
    map[entry.key] = value === entry.key ? rest : { [defaultedField]: value, ...rest };
  }
  return map;
}

/**
 * Renders `state` as `realtimekit.yaml`.
 * @param state - the desired state of the app.
 */
export function renderYaml(state: DesiredState): RenderedFile {
  const warnings = state.meetings
    .filter((meeting) => meeting.args.title === undefined)
    .map(
      (meeting) =>
        `meeting ${meeting.id} has no title; realtimekit.yaml gives it its key "${meeting.key}" as title` +
        (state.adopt ? " (the first `pulumi up` sets it; --format ts keeps it untitled)" : ""),
    );
  const document: Record<string, unknown> = {};
  if (state.presets.length > 0) document.presets = section(state.presets, "name");
  if (state.webhooks.length > 0) document.webhooks = section(state.webhooks, "name");
  if (state.meetings.length > 0) document.meetings = section(state.meetings, "title");
  const header = [YAML_SCHEMA_MODELINE, ...headerLines(state).map((line) => (line === "" ? "#" : `# ${line}`))];
  return { text: `${header.join("\n")}\n${stringify(document, { lineWidth: 0 })}`, warnings };
}
