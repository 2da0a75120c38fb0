/**
 * Generates the published JSON Schemas of `realtimekit.yaml` (from the resources' validation
 * schemas, see provider/component/configSchema.ts), the property reference in
 * docs/config-file.md, and the Pulumi package schema of the provider plugin
 * (provider/plugin/schema.ts, with descriptions read from the TSDoc of the resources' arguments).
 *
 *   npx ts-node --transpile-only scripts/generate-schema.ts          # write the files
 *   npx ts-node --transpile-only scripts/generate-schema.ts --check  # exit 1 when a file is stale
 *
 * test/component/schema.spec.ts runs the check as part of the suite.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { configJsonSchema } from "../provider/component/configSchema";
import type { JsonSchema } from "../provider/component/jsonSchema";
import { SCHEMA_PATH as PULUMI_SCHEMA_FILE } from "../provider/plugin/main";
import { EXTRA_OUTPUTS, RESOURCE_KINDS, pulumiPackageSchema } from "../provider/plugin/schema";
import { blockMarkers, withGeneratedBlocks } from "../harness/generatedBlocks";
import { runGenerator, staleOf } from "../harness/generatedFiles";

const root = path.resolve(__dirname, "..");

/** Repository-relative paths of the generated files. */
export const SCHEMA_FILE = "schema/realtimekit.schema.json";
export const OVERLAY_SCHEMA_FILE = "schema/realtimekit.overlay.schema.json";
export const CONFIG_DOC_FILE = "docs/config-file.md";
const PROPERTY_REFERENCE_BLOCK = "property-reference";

/** The markers around the property reference in {@link CONFIG_DOC_FILE}. */
export const PROPERTY_REFERENCE_MARKERS = blockMarkers(PROPERTY_REFERENCE_BLOCK, "scripts/generate-schema.ts");

/** Pretty JSON with a final newline, as committed. */
function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** A short human description of a JSON Schema node's type. */
function typeOf(node: JsonSchema, definitions: Record<string, JsonSchema>): string {
  if (typeof node.$ref === "string") {
    const name = node.$ref.replace("#/definitions/", "");
    return name === "reference" ? "`${...}` reference" : `${name} entry`;
  }
  if (Array.isArray(node.anyOf)) {
    const options = (node.anyOf as JsonSchema[]).filter((option) => option.$ref !== "#/definitions/reference");
    return options.map((option) => typeOf(option, definitions)).join(" or ");
  }
  if (Array.isArray(node.oneOf)) {
    return (node.oneOf as JsonSchema[]).map((option) => typeOf(option, definitions)).join(" or ");
  }
  if (Array.isArray(node.enum)) {
    return (node.enum as unknown[]).map((value) => `\`${JSON.stringify(value)}\``).join(", ");
  }
  const type = Array.isArray(node.type) ? (node.type as string[]) : node.type === undefined ? [] : [node.type as string];
  const names = type.map((name) => {
    if (name === "array") {
      return `list of ${typeOf((node.items ?? {}) as JsonSchema, definitions)}`;
    }
    if (name === "object" && node.properties === undefined && typeof node.additionalProperties === "object") {
      return `map of ${typeOf(node.additionalProperties as JsonSchema, definitions)}`;
    }
    if (name === "string" && node.format === "uri") {
      return "URL";
    }
    return name;
  });
  return names.length === 0 ? "any" : names.join(" or ");
}

/** Constraints of a node (ranges, lengths, patterns, uniqueness). */
function constraintsOf(node: JsonSchema): string {
  const inner = Array.isArray(node.anyOf)
    ? ((node.anyOf as JsonSchema[]).find((option) => option.$ref !== "#/definitions/reference") ?? {})
    : node;
  const parts: string[] = [];
  if (inner.minimum !== undefined && inner.maximum !== undefined) {
    parts.push(`${inner.minimum} to ${inner.maximum}`);
  } else if (inner.minimum !== undefined) {
    parts.push(`at least ${inner.minimum}`);
  } else if (inner.maximum !== undefined) {
    parts.push(`at most ${inner.maximum}`);
  }
  if (inner.minLength !== undefined) {
    parts.push(inner.minLength === 1 ? "not empty" : `at least ${inner.minLength} characters`);
  }
  if (inner.maxLength !== undefined) {
    parts.push(`at most ${inner.maxLength} characters`);
  }
  if (inner.pattern !== undefined && inner.format !== "uri") {
    parts.push(`matches \`${inner.pattern}\``);
  }
  if (inner.minItems !== undefined) {
    parts.push(`at least ${inner.minItems} item${inner.minItems === 1 ? "" : "s"}`);
  }
  if (inner.uniqueItems) {
    parts.push("no duplicates");
  }
  if (inner.propertyNames !== undefined) {
    parts.push(`keys match \`${(inner.propertyNames as JsonSchema).pattern}\``);
  }
  return parts.join("; ");
}

/** One table row per property path (`<name>` for map keys, `[]` for list items). */
export function propertyRows(schema: JsonSchema): string[] {
  const definitions = (schema.definitions ?? {}) as Record<string, JsonSchema>;
  const rows: string[] = [];
  const visit = (node: JsonSchema, at: string, required: readonly string[]) => {
    if (typeof node.$ref === "string" && node.$ref !== "#/definitions/reference") {
      visit(definitions[node.$ref.replace("#/definitions/", "")], at, required);
      return;
    }
    const properties = (node.properties ?? {}) as Record<string, JsonSchema>;
    const own = Array.isArray(node.required) ? (node.required as string[]) : [];
    for (const [key, child] of Object.entries(properties)) {
      const childPath = at === "" ? key : `${at}.${key}`;
      const cells = [
        `\`${childPath}\``,
        escapeCell(typeOf(child, definitions)),
        own.includes(key) ? "yes" : "",
        escapeCell(constraintsOf(child)),
        escapeCell(typeof child.description === "string" ? child.description : ""),
      ];
      rows.push(`| ${cells.join(" | ")} |`);
      visit(child, childPath, own);
    }
    for (const option of [...((node.anyOf ?? []) as JsonSchema[]), ...((node.oneOf ?? []) as JsonSchema[])]) {
      visit(option, at, required);
    }
    if (typeof node.additionalProperties === "object") {
      visit(node.additionalProperties as JsonSchema, `${at}.<name>`, []);
    }
    if (typeof node.items === "object") {
      visit(node.items as JsonSchema, `${at}[]`, []);
    }
  };
  visit(schema, "", []);
  return rows;
}

/** The generated section of docs/config-file.md (between its markers). */
export function renderPropertyReference(schema: JsonSchema = configJsonSchema()): string {
  return [
    "",
    "Generated from `schema/realtimekit.schema.json`. Paths use `<name>` for a map key and `[]` for list items.",
    "Every scalar also accepts a `${...}` reference (see [References](#references)).",
    "",
    "| Path | Type | Required | Constraints | Description |",
    "| --- | --- | --- | --- | --- |",
    ...propertyRows(schema),
    "",
  ].join("\n");
}

/** Replaces the generated section of a document (which must contain both markers). */
export function withPropertyReference(document: string, section: string = renderPropertyReference()): string {
  return withGeneratedBlocks(document, CONFIG_DOC_FILE, "scripts/generate-schema.ts", { [PROPERTY_REFERENCE_BLOCK]: section });
}

// ---------------------------------------------------------------------------------------------
// Descriptions of the Pulumi package schema, from TSDoc

/** A TSDoc comment as plain text: `{@link X}` becomes `X`; `@default` is appended as "Default: …". */
function docText(symbol: ts.Symbol, checker: ts.TypeChecker): string | undefined {
  const comment = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const defaults = symbol
    .getJsDocTags(checker)
    .filter((tag) => tag.name === "default")
    .map((tag) => `Default: ${ts.displayPartsToString(tag.text).trim()}`);
  const text = [comment, ...defaults]
    .filter((part) => part !== "")
    .join(" ")
    .replace(/\{@link\s+([^}\s|]+)(?:[\s|]+([^}]*))?\}/g, (_match, name: string, label?: string) => label || name);
  return text === "" ? undefined : text;
}

/** Names of the SDK's wrapper types, skipped when looking through `Input<T>` for `T`. */
const WRAPPERS = new Set(["Promise", "OutputInstance", "Output", "OutputConstructor"]);

/** The object type inside a property's type (through `Input`, optionality and arrays), with the path suffix. */
function objectInside(type: ts.Type, checker: ts.TypeChecker): { type: ts.Type; suffix: string } | undefined {
  const members = type.isUnion() ? type.types : [type];
  for (const member of members) {
    if (checker.isArrayType(member)) {
      const [item] = checker.getTypeArguments(member as ts.TypeReference);
      const inner = item === undefined ? undefined : objectInside(item, checker);
      if (inner !== undefined) {
        return { type: inner.type, suffix: `[]${inner.suffix}` };
      }
      continue;
    }
    const name = member.getSymbol()?.getName() ?? "";
    if ((member.flags & ts.TypeFlags.Object) !== 0 && !WRAPPERS.has(name) && checker.getPropertiesOfType(member).length > 0) {
      return { type: member, suffix: "" };
    }
  }
  return undefined;
}

/** Descriptions by path (`Meeting`, `Meeting.title`, `Preset.permissions.media.audio.canProduce`), from TSDoc. */
export function tsDocDescriptions(): Record<string, string> {
  const entry = path.join(root, "provider", "index.ts");
  const program = ts.createProgram([entry], {
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    skipLibCheck: true,
    types: ["node"],
    esModuleInterop: true,
    resolveJsonModule: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry) as ts.SourceFile) as ts.Symbol;
  const exported = (name: string): ts.Symbol => {
    const symbol = checker.getExportsOfModule(moduleSymbol).find((item) => item.getName() === name);
    if (symbol === undefined) {
      throw new Error(`provider/index.ts does not export ${name}`);
    }
    return (symbol.flags & ts.SymbolFlags.Alias) !== 0 ? checker.getAliasedSymbol(symbol) : symbol;
  };
  const descriptions: Record<string, string> = {};
  const record = (at: string, symbol: ts.Symbol) => {
    const text = docText(symbol, checker);
    if (text !== undefined && descriptions[at] === undefined) {
      descriptions[at] = text;
    }
  };
  const walk = (type: ts.Type, at: string, depth: number) => {
    for (const property of checker.getPropertiesOfType(type)) {
      const child = `${at}.${property.getName()}`;
      record(child, property);
      const inner = depth < 10 ? objectInside(checker.getTypeOfSymbol(property), checker) : undefined;
      if (inner !== undefined) {
        walk(inner.type, `${child}${inner.suffix}`, depth + 1);
      }
    }
  };
  for (const kind of RESOURCE_KINDS) {
    const resource = exported(kind);
    record(kind, resource);
    walk(checker.getDeclaredTypeOfSymbol(exported(`${kind}Args`)), kind, 0);
    const instance = checker.getDeclaredTypeOfSymbol(resource);
    for (const key of Object.keys(EXTRA_OUTPUTS[kind])) {
      const property = instance.getProperty(key);
      if (property !== undefined) {
        record(`${kind}.${key}`, property);
      }
    }
  }
  return descriptions;
}

/** Every generated file's expected content, by repository-relative path. */
export function generatedFiles(): Record<string, string> {
  const docPath = path.join(root, CONFIG_DOC_FILE);
  return {
    [SCHEMA_FILE]: jsonText(configJsonSchema()),
    [OVERLAY_SCHEMA_FILE]: jsonText(configJsonSchema({ overlay: true })),
    [CONFIG_DOC_FILE]: withPropertyReference(fs.readFileSync(docPath, "utf8")),
    [PULUMI_SCHEMA_FILE]: jsonText(pulumiPackageSchema(tsDocDescriptions())),
  };
}

/** The generated files whose committed content differs from the generator's output. */
export function staleFiles(): string[] {
  return staleOf(root, generatedFiles());
}

if (require.main === module) {
  process.exitCode = runGenerator(process.argv.slice(2), root, "scripts/generate-schema.ts", () => generatedFiles());
}
