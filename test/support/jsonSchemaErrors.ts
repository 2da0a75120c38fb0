import { JsonSchema } from "../../provider/component/jsonSchema";

/**
 * A small JSON Schema (draft-07) validator covering the keywords the generator emits, so the
 * tests can check that the published schema agrees with the loader on sample documents.
 */
export function jsonSchemaErrors(value: unknown, schema: JsonSchema, rootSchema: JsonSchema, at = ""): string[] {
  const errors: string[] = [];
  const fail = (why: string) => errors.push(`${at || "(root)"}: ${why}`);
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.replace("#/definitions/", "");
    return jsonSchemaErrors(value, (rootSchema.definitions as Record<string, JsonSchema>)[name], rootSchema, at);
  }
  const typeOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === "integer" && types.includes("number"))) {
      fail(`type ${actual} is not ${types.join("|")}`);
      return errors;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) fail("not in enum");
  if (schema.const !== undefined && schema.const !== value) fail("not const");
  if (typeof value === "string") {
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) fail(`does not match ${schema.pattern}`);
    if (typeof schema.minLength === "number" && value.length < schema.minLength) fail("too short");
    if (typeof schema.maxLength === "number" && value.length > schema.maxLength) fail("too long");
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) fail("below minimum");
    if (typeof schema.maximum === "number" && value > schema.maximum) fail("above maximum");
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) fail("too few items");
    if (schema.uniqueItems && new Set(value.map((item) => JSON.stringify(item))).size !== value.length) fail("duplicate items");
    if (typeof schema.items === "object") value.forEach((item, i) => errors.push(...jsonSchemaErrors(item, schema.items as JsonSchema, rootSchema, `${at}[${i}]`)));
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in record)) fail(`missing ${key}`);
    for (const [key, item] of Object.entries(record)) {
      if (schema.propertyNames && !new RegExp((schema.propertyNames as JsonSchema).pattern as string, "u").test(key)) fail(`bad key ${key}`);
      if (key in properties) errors.push(...jsonSchemaErrors(item, properties[key], rootSchema, at ? `${at}.${key}` : key));
      else if (schema.additionalProperties === false) fail(`unknown ${key}`);
      else if (typeof schema.additionalProperties === "object") errors.push(...jsonSchemaErrors(item, schema.additionalProperties as JsonSchema, rootSchema, at ? `${at}.${key}` : key));
    }
  }
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((option) => jsonSchemaErrors(value, option, rootSchema, at).length === 0)) fail("matches no anyOf option");
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter((option) => jsonSchemaErrors(value, option, rootSchema, at).length === 0).length !== 1) fail("does not match exactly one oneOf option");
  for (const part of (schema.allOf ?? []) as JsonSchema[]) {
    if (part.if !== undefined) {
      if (jsonSchemaErrors(value, part.if as JsonSchema, rootSchema, at).length === 0 && part.then !== undefined) errors.push(...jsonSchemaErrors(value, part.then as JsonSchema, rootSchema, at));
    } else {
      errors.push(...jsonSchemaErrors(value, part, rootSchema, at));
    }
  }
  return errors;
}
