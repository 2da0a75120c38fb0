/**
 * Tightens a resource's `check()` schema with the constraints Cloudflare's published spec states
 * for the same fields (`SPEC_CONSTRAINTS`, generated from the spec), minus the named waivers
 * (`specWaivers.ts`). The spec is the one source of the ranges, enums and formats: a resource
 * declares only types and what the spec does not say, and the spec's bounds are intersected in.
 * The config-file JSON Schema is generated from the same tightened schemas.
 * @internal
 */
import type { Schema } from "./check";
import { toCamelCase } from "./naming";
import { SPEC_CONSTRAINTS, type SpecConstraint, type SpecResource } from "./specConstraints";
import { enumWaiverOf, isDropped } from "./specWaivers";

/** A schema with the spec's constraint applied at one node. */
function tighten(node: Schema, constraint: SpecConstraint, resource: SpecResource, wirePath: string): Schema {
  const allowed = enumWaiverOf(resource, wirePath)?.values ?? constraint.enum;
  switch (node.kind) {
    case "number":
      return {
        ...node,
        ...(constraint.minimum !== undefined ? { min: Math.max(node.min ?? -Infinity, constraint.minimum) } : {}),
        ...(constraint.maximum !== undefined ? { max: Math.min(node.max ?? Infinity, constraint.maximum) } : {}),
      };
    case "enum":
      return allowed === undefined ? node : { ...node, values: node.values.filter((value) => allowed.includes(value)) };
    case "string": {
      if (allowed !== undefined) {
        return { kind: "enum", values: [...allowed] };
      }
      // A pattern the provider already requires (an http(s) or rtmp(s) URL) is stricter than `uri`.
      const format =
        constraint.format === "uri" && node.pattern === undefined && !isDropped(resource, wirePath, "format")
          ? { format: "uri" as const }
          : {};
      return {
        ...node,
        ...format,
        ...(constraint.minLength !== undefined ? { minLength: Math.max(node.minLength ?? 0, constraint.minLength) } : {}),
        ...(constraint.maxLength !== undefined ? { maxLength: Math.min(node.maxLength ?? Infinity, constraint.maxLength) } : {}),
      };
    }
    default:
      return node;
  }
}

/** The schema with `update` applied at the camelCase `segments` (`[]` = array items / map values); unchanged when the path is not there. */
function updateAt(node: Schema, segments: readonly string[], update: (leaf: Schema) => Schema): Schema {
  if (segments.length === 0) {
    return update(node);
  }
  const [head, ...rest] = segments;
  if (head === "[]" && node.kind === "array") {
    return { ...node, items: updateAt(node.items, rest, update) };
  }
  if (node.kind === "object" && Object.hasOwn(node.fields, head)) {
    return { ...node, fields: { ...node.fields, [head]: updateAt(node.fields[head], rest, update) } };
  }
  return node;
}

/** `ai_config.summarization.word_limit` → `["aiConfig", "summarization", "wordLimit"]`; `events[]` → `["events", "[]"]`. */
export function camelSegments(wirePath: string): string[] {
  return wirePath.split(".").flatMap((segment) => {
    const array = segment.endsWith("[]");
    const key = toCamelCase(array ? segment.slice(0, -2) : segment);
    return array ? [key, "[]"] : [key];
  });
}

/**
 * `schema` tightened with the spec's constraints of `resource` under the wire path `prefix`
 * (e.g. `"config"` for a preset's config tree; `""` for the whole body).
 */
export function withSpecConstraints(resource: SpecResource, schema: Schema, prefix = ""): Schema {
  let result = schema;
  for (const [wirePath, constraint] of Object.entries(SPEC_CONSTRAINTS[resource])) {
    if (prefix !== "" && !wirePath.startsWith(`${prefix}.`)) {
      continue;
    }
    const relative = prefix === "" ? wirePath : wirePath.slice(prefix.length + 1);
    result = updateAt(result, camelSegments(relative), (leaf) => tighten(leaf, constraint, resource, wirePath));
  }
  return result;
}
