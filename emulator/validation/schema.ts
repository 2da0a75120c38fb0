/**
 * A tiny declarative schema for request bodies, and one validator that walks it. Every rule
 * failure becomes a 400 whose message names the field by its snake_case path, e.g.
 * `permissions.kick_participant is required`, `events[1] must be one of meeting.started, …` or
 * `config.colour is not allowed`. Unknown keys are rejected (the emulator is strict on purpose,
 * to catch client bugs the real API might silently ignore).
 *
 * The first failure wins, in a fixed order: at each object, unknown keys first, then the declared
 * fields in declaration order.
 */
import { badRequest } from "../errors";
import { isUuid } from "../ids";
import { isPlainObject } from "../../common/objects";
import { plural } from "../../common/words";

/** A schema node. Build them with the helpers below rather than by hand. */
export type Schema =
  | { readonly kind: "string"; readonly nullable: boolean; readonly nonEmpty: boolean; readonly format?: "http-url" | "uri" }
  | {
      readonly kind: "number";
      readonly nullable: boolean;
      readonly integer: boolean;
      readonly min?: number;
      readonly max?: number;
    }
  | { readonly kind: "boolean"; readonly nullable: boolean }
  | { readonly kind: "enum"; readonly nullable: boolean; readonly values: readonly string[] }
  | {
      readonly kind: "array";
      readonly nullable: boolean;
      readonly items: Schema;
      readonly minItems: number;
      readonly unique: boolean;
    }
  | {
      readonly kind: "object";
      readonly nullable: boolean;
      readonly fields: Readonly<Record<string, Field>>;
      /** Schema for keys not in `fields`; when absent, such keys are rejected. */
      readonly rest?: Schema;
    }
  | { readonly kind: "map"; readonly nullable: boolean; readonly keys: "any" | "uuid"; readonly values: Schema }
  | { readonly kind: "any"; readonly nullable: boolean };

/** An object field: its schema and whether it must be present (on create/replace). */
export interface Field {
  readonly schema: Schema;
  readonly required: boolean;
}

/** How to validate. */
export interface ValidateOptions {
  /** Deep partial: no field is required at any depth (PATCH bodies). */
  readonly partial?: boolean;
}

/** A required field. */
export function req(schema: Schema): Field {
  return { schema, required: true };
}

/** An optional field. */
export function opt(schema: Schema): Field {
  return { schema, required: false };
}

/**
 * A string; `nonEmpty` rejects `""`; `format: "http-url"` needs an absolute http(s) URL, `"uri"`
 * any absolute URI (the spec's `format: uri`).
 */
export function str(options: { nonEmpty?: boolean; format?: "http-url" | "uri" } = {}): Schema {
  return { kind: "string", nullable: false, nonEmpty: options.nonEmpty ?? false, format: options.format };
}

/** A finite number, optionally an integer within [min, max]. */
export function num(options: { integer?: boolean; min?: number; max?: number } = {}): Schema {
  return { kind: "number", nullable: false, integer: options.integer ?? false, min: options.min, max: options.max };
}

/** A boolean. */
export function bool(): Schema {
  return { kind: "boolean", nullable: false };
}

/** One of the given strings. */
export function oneOf(values: readonly string[]): Schema {
  return { kind: "enum", nullable: false, values };
}

/** An array of `items`. */
export function arr(items: Schema, options: { minItems?: number; unique?: boolean } = {}): Schema {
  return { kind: "array", nullable: false, items, minItems: options.minItems ?? 0, unique: options.unique ?? false };
}

/** An object with the given fields; other keys are rejected unless `rest` says how to check them. */
export function obj(fields: Record<string, Field>, rest?: Schema): Schema {
  return { kind: "object", nullable: false, fields, rest };
}

/** A map from string keys (optionally UUIDs) to `values`. */
export function map(values: Schema, keys: "any" | "uuid" = "any"): Schema {
  return { kind: "map", nullable: false, keys, values };
}

/** Any JSON value. */
export function any(): Schema {
  return { kind: "any", nullable: true };
}

/** The same schema, also accepting JSON `null`. */
export function nullable(schema: Schema): Schema {
  return { ...schema, nullable: true };
}

/** Joins a path and a key: `a.b`, or just `b` at the root. */
export function childPath(parent: string, key: string): string {
  return parent === "" ? key : `${parent}.${key}`;
}

/**
 * Checks `value` against `schema` and returns it typed as `T`; throws a 400
 * {@link EmulatorHttpError} naming the first offending field.
 */
export function validate<T>(schema: Schema, value: unknown, options: ValidateOptions = {}): T {
  if (schema.kind === "object" && !isPlainObject(value)) {
    throw badRequest("request body must be a JSON object");
  }
  check(schema, value, "", options.partial ?? false);
  return value as T;
}

function check(schema: Schema, value: unknown, path: string, partial: boolean): void {
  if (value === null) {
    if (!schema.nullable) {
      throw badRequest(`${path} must not be null`);
    }
    return;
  }
  switch (schema.kind) {
    case "any":
      return;
    case "string":
      if (typeof value !== "string") {
        throw badRequest(`${path} must be a string`);
      }
      if (schema.nonEmpty && value.trim() === "") {
        throw badRequest(`${path} must not be empty`);
      }
      if (schema.format === "http-url" && !isHttpUrl(value)) {
        throw badRequest(`${path} must be a valid http or https URL`);
      }
      if (schema.format === "uri" && !isAbsoluteUri(value)) {
        throw badRequest(`${path} must be an absolute URI`);
      }
      return;
    case "number":
      checkNumber(schema, value, path);
      return;
    case "boolean":
      if (typeof value !== "boolean") {
        throw badRequest(`${path} must be a boolean`);
      }
      return;
    case "enum":
      if (typeof value !== "string" || !schema.values.includes(value)) {
        throw badRequest(`${path} must be one of ${schema.values.join(", ")}`);
      }
      return;
    case "array":
      checkArray(schema, value, path, partial);
      return;
    case "object":
      checkObject(schema, value, path, partial);
      return;
    case "map":
      if (!isPlainObject(value)) {
        throw badRequest(`${path} must be an object`);
      }
      for (const [key, item] of Object.entries(value)) {
        if (schema.keys === "uuid" && !isUuid(key)) {
          throw badRequest(`${childPath(path, key)} is not allowed: keys of ${path} must be UUIDs`);
        }
        check(schema.values, item, childPath(path, key), partial);
      }
      return;
  }
}

function checkNumber(schema: Extract<Schema, { kind: "number" }>, value: unknown, path: string): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw badRequest(`${path} must be a number`);
  }
  if (schema.integer && !Number.isInteger(value)) {
    throw badRequest(`${path} must be an integer`);
  }
  const { min, max } = schema;
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    if (min !== undefined && max !== undefined) {
      throw badRequest(`${path} must be between ${min} and ${max}`);
    }
    throw badRequest(min !== undefined ? `${path} must be at least ${min}` : `${path} must be at most ${max}`);
  }
}

function checkArray(schema: Extract<Schema, { kind: "array" }>, value: unknown, path: string, partial: boolean): void {
  if (!Array.isArray(value)) {
    throw badRequest(`${path} must be an array`);
  }
  if (value.length < schema.minItems) {
    throw badRequest(`${path} must contain at least ${plural(schema.minItems, "item")}`);
  }
  value.forEach((item, index) => check(schema.items, item, `${path}[${index}]`, partial));
  if (schema.unique) {
    const seen = new Set<string>();
    value.forEach((item, index) => {
      const key = JSON.stringify(item);
      if (seen.has(key)) {
        throw badRequest(`${path}[${index}] is a duplicate`);
      }
      seen.add(key);
    });
  }
}

function checkObject(schema: Extract<Schema, { kind: "object" }>, value: unknown, path: string, partial: boolean): void {
  if (!isPlainObject(value)) {
    throw badRequest(`${path} must be an object`);
  }
  for (const [key, item] of Object.entries(value)) {
    if (!Object.prototype.hasOwnProperty.call(schema.fields, key)) {
      if (schema.rest === undefined) {
        throw badRequest(`${childPath(path, key)} is not allowed`);
      }
      check(schema.rest, item, childPath(path, key), partial);
    }
  }
  for (const [key, field] of Object.entries(schema.fields)) {
    const item = value[key];
    if (item === undefined) {
      if (field.required && !partial) {
        throw badRequest(`${childPath(path, key)} is required`);
      }
      continue;
    }
    check(field.schema, item, childPath(path, key), partial);
  }
}

function isAbsoluteUri(value: string): boolean {
  try {
    return new URL(value).protocol.length > 1;
  } catch {
    return false;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}
