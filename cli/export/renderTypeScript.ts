/**
 * `--format ts`: a Pulumi program (`index.ts`) with one `new Preset` / `new Webhook` /
 * `new Meeting` per object, named by its key, with the same arguments as the YAML entries.
 */
import type { DesiredEntry, DesiredState } from "./desiredState";
import { headerLines } from "./header";
import type { RenderedFile } from "./renderYaml";

/** Longest line a literal is kept on before it is broken up. */
const LINE_WIDTH = 110;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function propertyKey(key: string): string {
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

/** A JSON value as a TypeScript literal: on one line when it fits, else one member per line. */
export function tsLiteral(value: unknown, indent = "", column = 0): string {
  const inline = inlineLiteral(value);
  if (column + inline.length <= LINE_WIDTH || value === null || typeof value !== "object") return inline;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((item) => `${inner}${tsLiteral(item, inner, inner.length)},`).join("\n")}\n${indent}]`;
  }
  const members = Object.entries(value as Record<string, unknown>).map(([key, item]) => {
    const head = `${inner}${propertyKey(key)}: `;
    return `${head}${tsLiteral(item, inner, head.length)},`;
  });
  return `{\n${members.join("\n")}\n${indent}}`;
}

function inlineLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inlineLiteral).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const members = Object.entries(value as Record<string, unknown>).map(([key, item]) => `${propertyKey(key)}: ${inlineLiteral(item)}`);
    return members.length === 0 ? "{}" : `{ ${members.join(", ")} }`;
  }
  return JSON.stringify(value);
}

function declarations(kind: string, entries: readonly DesiredEntry[]): string[] {
  return entries.map((entry) => {
    const head = `new ${kind}(${JSON.stringify(entry.key)}, `;
    return `${head}${tsLiteral(entry.args, "", head.length)});`;
  });
}

/**
 * Renders `state` as a TypeScript program.
 * @param state - the desired state of the app.
 */
export function renderTypeScript(state: DesiredState): RenderedFile {
  const kinds = (["Meeting", "Preset", "Webhook"] as const).filter(
    (kind) => (kind === "Meeting" ? state.meetings : kind === "Preset" ? state.presets : state.webhooks).length > 0,
  );
  const lines = [
    ...headerLines(state).map((line) => (line === "" ? "//" : `// ${line}`)),
    `import { ${kinds.join(", ")} } from "pulumi-realtimekit";`,
  ];
  for (const [kind, entries] of [
    ["Preset", state.presets],
    ["Webhook", state.webhooks],
    ["Meeting", state.meetings],
  ] as const) {
    if (entries.length > 0) lines.push("", ...declarations(kind, entries));
  }
  return { text: `${lines.join("\n")}\n`, warnings: [] };
}
