/**
 * Converts the provider's validation schemas (`Schema` from `shared/check.ts`) to JSON Schema
 * (draft-07), so that the published schema of `realtimekit.yaml` is generated from the very
 * objects `check()` validates with, and cannot drift from them.
 * @internal
 */
import { Schema } from "../shared/check";

/** A JSON Schema document or fragment. */
export type JsonSchema = { [keyword: string]: unknown };

/** What a custom node's fragment builder gets: a way to convert nested schemas. */
export interface JsonSchemaContext {
  /** Converts `schema` found at `path` (same path syntax as {@link ToJsonSchemaOptions.fragments}). */
  convert(schema: Schema, path: string): JsonSchema;
}

/**
 * A `custom` schema node that knows its own JSON Schema. Custom nodes written for the config file
 * carry it; custom nodes of the resources get theirs from {@link ToJsonSchemaOptions.fragments}.
 */
export type DocumentedCustom = Extract<Schema, { kind: "custom" }> & {
  readonly jsonSchema: (context: JsonSchemaContext) => JsonSchema;
};

/** Options of {@link toJsonSchema}. */
export interface ToJsonSchemaOptions {
  /**
   * Hand-written fragments for `custom` nodes, by path: dotted property names from the root, `*`
   * for the values of a record or map and `[]` for array items, e.g.
   * `meetings.*.recordingConfig.storageConfig`. A custom node with neither a fragment nor its own
   * `jsonSchema` makes the conversion throw, so a new custom validator cannot go unpublished.
   */
  readonly fragments?: Readonly<Record<string, JsonSchema | ((context: JsonSchemaContext) => JsonSchema)>>;
  /** Descriptions by path (same syntax), shown by editors on hover. */
  readonly descriptions?: Readonly<Record<string, string>>;
  /**
   * Wraps every scalar node (anything but objects, records, arrays and unconstrained strings) as
   * `anyOf: [node, scalarAlternative]`, e.g. to also accept a `${...}` reference string.
   */
  readonly scalarAlternative?: JsonSchema;
}

/**
 * Rewrites a regular expression with the `i` flag into an equivalent case-sensitive pattern
 * (JSON Schema patterns have no flags): letters outside classes become `[aA]`, letter ranges
 * inside classes get their other case added. Escapes (`\s`, `\/`) are kept as they are.
 */
export function caseInsensitiveSource(source: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      out += source.slice(i, i + 2);
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") {
        inClass = false;
        out += c;
      } else if (/[a-z]/i.test(c) && source[i + 1] === "-" && /[a-z]/i.test(source[i + 2] ?? "")) {
        const range = `${c}-${source[i + 2]}`;
        out += `${range.toLowerCase()}${range.toUpperCase()}`;
        i += 2;
      } else if (/[a-z]/i.test(c)) {
        out += `${c.toLowerCase()}${c.toUpperCase()}`;
      } else {
        out += c;
      }
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
    } else if (/[a-z]/i.test(c)) {
      out += `[${c.toLowerCase()}${c.toUpperCase()}]`;
    } else {
      out += c;
    }
  }
  return out;
}

/** The JSON Schema `pattern` of a RegExp. Flags other than `i` (and `u`) cannot be expressed. */
export function patternOf(pattern: RegExp): string {
  const unsupported = pattern.flags.replace(/[iu]/g, "");
  if (unsupported !== "") {
    throw new Error(`cannot express the regular expression flags "${unsupported}" of ${pattern} in JSON Schema`);
  }
  return pattern.flags.includes("i") ? caseInsensitiveSource(pattern.source) : pattern.source;
}

function isScalar(node: Schema): boolean {
  switch (node.kind) {
    case "object":
    case "record":
    case "array":
    case "any":
      return false;
    case "string":
      return node.pattern !== undefined || node.minLength !== undefined || node.maxLength !== undefined || node.format !== undefined;
    default:
      return true;
  }
}

/**
 * Converts a validation schema to JSON Schema (draft-07):
 * object → `type: object`, `properties`, `additionalProperties: false`, `required`; enum → `enum`;
 * array → `items`, `minItems`, `uniqueItems` (nullable → `type: [array, null]`); number →
 * `type: number|integer`, `minimum`, `maximum`; string → `minLength`, `maxLength`, `pattern`, `format`;
 * record → `additionalProperties`; any → `{}`; custom → its fragment.
 */
export function toJsonSchema(schema: Schema, options: ToJsonSchemaOptions = {}, path = ""): JsonSchema {
  const context: JsonSchemaContext = { convert: (node, at) => toJsonSchema(node, options, at) };
  const child = (key: string) => (path === "" ? key : `${path}.${key}`);
  let json: JsonSchema;
  switch (schema.kind) {
    case "any":
      json = {};
      break;
    case "boolean":
      json = { type: "boolean" };
      break;
    case "string":
      json = {
        type: "string",
        ...(schema.minLength !== undefined ? { minLength: schema.minLength } : {}),
        ...(schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {}),
        ...(schema.pattern !== undefined ? { pattern: patternOf(schema.pattern) } : {}),
        ...(schema.format !== undefined ? { format: schema.format } : {}),
      };
      break;
    case "number":
      json = {
        type: schema.integer ? "integer" : "number",
        ...(schema.min !== undefined ? { minimum: schema.min } : {}),
        ...(schema.max !== undefined ? { maximum: schema.max } : {}),
      };
      break;
    case "enum":
      json = { type: "string", enum: [...schema.values] };
      break;
    case "array":
      json = {
        type: schema.nullable ? ["array", "null"] : "array",
        items: toJsonSchema(schema.items, options, `${path}[]`),
        ...(schema.minItems !== undefined ? { minItems: schema.minItems } : {}),
        ...(schema.unique ? { uniqueItems: true } : {}),
      };
      break;
    case "record":
      json = { type: "object", additionalProperties: toJsonSchema(schema.values, options, child("*")) };
      break;
    case "object": {
      const properties: Record<string, JsonSchema> = {};
      for (const [key, field] of Object.entries(schema.fields)) {
        properties[key] = toJsonSchema(field, options, child(key));
      }
      json = {
        type: "object",
        properties,
        additionalProperties: false,
        ...(schema.required !== undefined && schema.required.length > 0 ? { required: [...schema.required] } : {}),
      };
      break;
    }
    case "custom": {
      const fragment = options.fragments?.[path] ?? (schema as Partial<DocumentedCustom>).jsonSchema;
      if (fragment === undefined) {
        throw new Error(`no JSON Schema fragment for the custom validation at "${path}"; add one to the fragments`);
      }
      json = typeof fragment === "function" ? fragment(context) : { ...fragment };
      break;
    }
  }
  const description = options.descriptions?.[path];
  if (options.scalarAlternative !== undefined && isScalar(schema) && !isObjectFragment(json)) {
    json = { anyOf: [json, options.scalarAlternative] };
  }
  return description === undefined ? json : { description, ...json };
}

/** True for a fragment describing an object (possibly nullable), which never takes a scalar alternative. */
function isObjectFragment(json: JsonSchema): boolean {
  const type = json.type;
  return type === "object" || (Array.isArray(type) && type.includes("object")) || json.oneOf !== undefined || json.anyOf !== undefined;
}

/** Every property path of a JSON Schema (`a.b`, `a.*.c`, `a[].b`), following local `$ref`s into `definitions`. */
export function propertyPaths(root: JsonSchema): string[] {
  const paths = new Set<string>();
  const definitions = (root.definitions ?? {}) as Record<string, JsonSchema>;
  const visit = (node: unknown, path: string, seen: ReadonlySet<string>) => {
    if (typeof node !== "object" || node === null) {
      return;
    }
    const json = node as JsonSchema;
    if (typeof json.$ref === "string" && json.$ref.startsWith("#/definitions/")) {
      const name = json.$ref.slice("#/definitions/".length);
      if (!seen.has(name)) {
        visit(definitions[name], path, new Set([...seen, name]));
      }
      return;
    }
    for (const key of ["anyOf", "oneOf", "allOf"]) {
      for (const option of (json[key] as unknown[] | undefined) ?? []) {
        visit(option, path, seen);
      }
    }
    for (const [key, value] of Object.entries((json.properties ?? {}) as Record<string, unknown>)) {
      const childPath = path === "" ? key : `${path}.${key}`;
      paths.add(childPath);
      visit(value, childPath, seen);
    }
    if (typeof json.additionalProperties === "object") {
      visit(json.additionalProperties, path === "" ? "*" : `${path}.*`, seen);
    }
    if (typeof json.items === "object") {
      visit(json.items, `${path}[]`, seen);
    }
  };
  visit(root, "", new Set());
  return [...paths];
}
