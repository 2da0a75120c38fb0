/**
 * Building blocks for `check()` validation: failures carry the camelCase property path (as the
 * user wrote it) and a lower-case reason that quotes the offending value.
 * @internal
 */

import { isPlainObject } from "../../common/objects";

/** One validation failure, in the shape the Pulumi dynamic-provider host forwards to the engine. */
export interface CheckFailure {
  /** The camelCase path of the offending input, e.g. `permissions.media.audio.canProduce` or `events[2]`. */
  readonly property: string;
  /** Why it is invalid, e.g. `must be one of "ACTIVE", "INACTIVE"; got "PAUSED"`. */
  readonly reason: string;
}

/** The value Pulumi puts in place of an input that is not known yet (during preview). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True for a value that is unknown at preview time; validators let such values through. */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN_VALUE;
}

/** Re-exported: the validators and their callers take it from here with the other building blocks. */
export { isPlainObject };

/** Joins a parent path and a key or index into a property path (`a.b`, `a[2]`). */
export function joinPath(parent: string, key: string | number): string {
  if (typeof key === "number") {
    return `${parent}[${key}]`;
  }
  return parent === "" ? key : `${parent}.${key}`;
}

/** Renders a value for a failure reason: strings quoted, others as JSON. */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return "undefined";
  }
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Collects failures while a validator walks an input tree. */
export class FailureCollector {
  readonly failures: CheckFailure[] = [];

  add(property: string, reason: string): void {
    this.failures.push({ property, reason });
  }
}

/**
 * A schema node for declarative validation of nested inputs. Validators for the three resources
 * are built from these, so that every failure has the same wording.
 */
export type Schema =
  | {
      readonly kind: "string";
      readonly minLength?: number;
      readonly maxLength?: number;
      readonly pattern?: RegExp;
      readonly patternHint?: string;
      /** `"uri"`: an absolute URI with a scheme (the API spec's `format: uri`). */
      readonly format?: "uri";
    }
  | { readonly kind: "boolean" }
  | { readonly kind: "number"; readonly integer?: boolean; readonly min?: number; readonly max?: number }
  | { readonly kind: "enum"; readonly values: readonly string[] }
  | { readonly kind: "array"; readonly items: Schema; readonly minItems?: number; readonly unique?: boolean; readonly nullable?: boolean }
  | { readonly kind: "object"; readonly fields: Readonly<Record<string, Schema>>; readonly required?: readonly string[] }
  | { readonly kind: "record"; readonly values: Schema }
  | { readonly kind: "any" }
  | {
      readonly kind: "custom";
      readonly validate: (value: unknown, path: string, out: FailureCollector) => void;
      /**
       * The declarative shape of the values this validator accepts (without its extra rules), for
       * generators that describe the inputs, such as the Pulumi package schema.
       */
      readonly shape?: Schema;
    };

/**
 * Validates `value` against `schema`, adding failures to `out`. `undefined` is allowed (absent)
 * unless the key is listed in a parent's `required`. Unknown values pass.
 */
export function validateSchema(value: unknown, schema: Schema, path: string, out: FailureCollector): void {
  if (value === undefined || isUnknown(value)) {
    return;
  }
  switch (schema.kind) {
    case "any":
      return;
    case "custom":
      schema.validate(value, path, out);
      return;
    case "string":
      if (typeof value !== "string") {
        out.add(path, `must be a string; got ${describeValue(value)}`);
      } else if (schema.minLength !== undefined && value.length < schema.minLength) {
        out.add(path, schema.minLength === 1 ? "must not be empty" : `must be at least ${schema.minLength} characters long`);
      } else if (schema.maxLength !== undefined && value.length > schema.maxLength) {
        out.add(path, `must be at most ${schema.maxLength} characters long; got ${value.length}`);
      } else if (schema.pattern !== undefined && !schema.pattern.test(value)) {
        out.add(path, `${schema.patternHint ?? `must match ${schema.pattern}`}; got ${describeValue(value)}`);
      } else if (schema.format === "uri" && !isAbsoluteUri(value)) {
        out.add(path, `must be an absolute URI (such as https://example.com/a.png); got ${describeValue(value)}`);
      }
      return;
    case "boolean":
      if (typeof value !== "boolean") {
        out.add(path, `must be a boolean; got ${describeValue(value)}`);
      }
      return;
    case "number":
      validateNumber(value, schema, path, out);
      return;
    case "enum":
      if (typeof value !== "string" || !schema.values.includes(value)) {
        out.add(path, `must be one of ${schema.values.map((v) => JSON.stringify(v)).join(", ")}; got ${describeValue(value)}`);
      }
      return;
    case "array":
      validateArray(value, schema, path, out);
      return;
    case "record":
      if (!isPlainObject(value)) {
        out.add(path, `must be an object; got ${describeValue(value)}`);
        return;
      }
      for (const [key, item] of Object.entries(value)) {
        validateSchema(item, schema.values, joinPath(path, key), out);
      }
      return;
    case "object":
      validateObject(value, schema, path, out);
      return;
  }
}

function validateNumber(value: unknown, schema: Extract<Schema, { kind: "number" }>, path: string, out: FailureCollector): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    out.add(path, `must be a number; got ${describeValue(value)}`);
  } else if (schema.integer && !Number.isInteger(value)) {
    out.add(path, `must be an integer; got ${value}`);
  } else if (schema.min !== undefined && schema.max !== undefined && (value < schema.min || value > schema.max)) {
    out.add(path, `must be between ${schema.min} and ${schema.max}; got ${value}`);
  } else if (schema.min !== undefined && value < schema.min) {
    out.add(path, `must be at least ${schema.min}; got ${value}`);
  } else if (schema.max !== undefined && value > schema.max) {
    out.add(path, `must be at most ${schema.max}; got ${value}`);
  }
}

/** True for an absolute URI: it parses as a URL with a scheme. */
export function isAbsoluteUri(value: string): boolean {
  try {
    return new URL(value).protocol.length > 1;
  } catch {
    return false;
  }
}

function validateArray(value: unknown, schema: Extract<Schema, { kind: "array" }>, path: string, out: FailureCollector): void {
  if (value === null && schema.nullable) {
    return;
  }
  if (!Array.isArray(value)) {
    out.add(path, `must be a list; got ${describeValue(value)}`);
    return;
  }
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    out.add(path, schema.minItems === 1 ? "must not be empty" : `must have at least ${schema.minItems} items`);
  }
  const seen = new Set<string>();
  value.forEach((item, index) => {
    validateSchema(item, schema.items, joinPath(path, index), out);
    if (schema.unique && !isUnknown(item)) {
      const key = JSON.stringify(item);
      if (seen.has(key)) {
        out.add(joinPath(path, index), `duplicate value ${describeValue(item)}`);
      }
      seen.add(key);
    }
  });
}

function validateObject(value: unknown, schema: Extract<Schema, { kind: "object" }>, path: string, out: FailureCollector): void {
  if (!isPlainObject(value)) {
    out.add(path, `must be an object; got ${describeValue(value)}`);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const fieldSchema = schema.fields[key];
    if (fieldSchema === undefined || !Object.hasOwn(schema.fields, key)) {
      const known = Object.keys(schema.fields);
      out.add(joinPath(path, key), `unknown property; expected one of ${known.join(", ")}`);
      continue;
    }
    validateSchema(item, fieldSchema, joinPath(path, key), out);
  }
  for (const key of schema.required ?? []) {
    if (value[key] === undefined) {
      out.add(joinPath(path, key), "is required");
    }
  }
}
