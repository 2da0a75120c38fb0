/**
 * Checks HTTP exchanges against Cloudflare's published RealtimeKit spec (spec/realtimekit-openapi.json)
 * with Ajv: an answer's status must be one the spec lists for the operation and its body must match
 * that status's schema; a request body must match the operation's request schema. The named
 * waivers of ./waivers.ts (also listed in emulator/README.md) patch the spec where it is wrong or
 * older than SDK 7.3.0; nothing else is skipped.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { loadSpec, routePattern, type SpecDocument, type SpecOperation } from "../../scripts/generate-spec-modules";
import { SCHEMA_WAIVERS, type SchemaWaiver } from "./waivers";

/** Prefix of every RealtimeKit path after `/client/v4`. */
const KIT_PATH = /^\/accounts\/[^/]+\/realtime\/kit(\/.*)$/;

/** The id the patched components are registered under. */
const COMPONENTS_ID = "realtimekit-spec";

/** Statuses answered in front of the service, in the Cloudflare v4 error shape. */
const GATEWAY_STATUSES = new Set([401, 403, 429]);

/** One finding: what was wrong with an exchange. */
export interface Violation {
  readonly operationId: string;
  readonly status?: number;
  readonly problem: string;
}

type Json = Record<string, unknown>;

/** Deep-copies a schema, pointing `$ref`s at the registered components and applying the waivers' patches. */
function prepare(node: unknown, at: string, used: Set<string>): unknown {
  if (Array.isArray(node)) {
    return node.map((item, index) => prepare(item, `${at}/${index}`, used));
  }
  if (typeof node !== "object" || node === null) {
    return node;
  }
  let current = node as Json;
  for (const waiver of SCHEMA_WAIVERS) {
    if (waiver.matches(at, current)) {
      used.add(waiver.name);
      current = waiver.patch(current, at);
    }
  }
  const copy: Json = {};
  for (const [key, value] of Object.entries(current)) {
    copy[key] =
      key === "$ref" && typeof value === "string" && value.startsWith("#/components/")
        ? `${COMPONENTS_ID}${value}`
        : prepare(value, `${at}/${key}`, used);
  }
  return copy;
}

/** Matches a concrete kit path against the spec's patterns (literal segments win over parameters). */
class OperationMatcher {
  private readonly entries: { operation: SpecOperation; segments: string[] }[];

  constructor(operations: readonly SpecOperation[]) {
    const score = (segments: string[]) => segments.map((s) => (s.startsWith(":") ? "1" : "0")).join("");
    this.entries = operations
      .map((operation) => ({ operation, segments: routePattern(operation.path).split("/").filter(Boolean) }))
      .sort((a, b) => score(a.segments).localeCompare(score(b.segments)));
  }

  find(method: string, kitPath: string): SpecOperation | undefined {
    const parts = kitPath.split("/").filter(Boolean);
    return this.entries.find(
      ({ operation, segments }) =>
        operation.method === method &&
        segments.length === parts.length &&
        segments.every((segment, i) => segment.startsWith(":") || segment === parts[i]),
    )?.operation;
  }
}

/** The spec, compiled. */
export class SpecChecker {
  readonly spec: SpecDocument;
  /** Names of the waivers whose patch matched somewhere in the spec. */
  readonly appliedWaivers = new Set<string>();
  private readonly ajv: Ajv;
  private readonly matcher: OperationMatcher;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(spec: SpecDocument = loadSpec()) {
    this.spec = spec;
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: COMPONENTS_ID, components: prepare(spec.components, "#/components", this.appliedWaivers) });
    this.matcher = new OperationMatcher(spec.operations);
  }

  /** The spec operation of a request path (after `/client/v4`), or undefined. */
  operationOf(method: string, path: string): SpecOperation | undefined {
    const kit = KIT_PATH.exec(path);
    return kit === null ? undefined : this.matcher.find(method, kit[1]);
  }

  private validator(key: string, schema: unknown, at: string): ValidateFunction {
    let validate = this.compiled.get(key);
    if (validate === undefined) {
      validate = this.ajv.compile(prepare(schema, at, this.appliedWaivers) as Json);
      this.compiled.set(key, validate);
    }
    return validate;
  }

  private componentValidator(name: string): ValidateFunction {
    return this.validator(`component:${name}`, { $ref: `#/components/schemas/${name}` }, "#");
  }

  /** Problems with an answer: its status against the operation's list, its body against the schema. */
  checkResponse(method: string, path: string, status: number, body: unknown): Violation[] {
    const operation = this.operationOf(method, path);
    if (operation === undefined) {
      return [{ operationId: "(none)", status, problem: `${method} ${path} is not an operation of the spec` }];
    }
    const violation = (problem: string): Violation => ({ operationId: operation.operationId, status, problem });
    const declared = operation.responses[String(status)] ?? (status >= 200 && status < 300 ? operation.responses["2XX"] : undefined);
    if (status >= 200 && status < 300) {
      if (declared === undefined) {
        return [violation(`success status ${status} is not in the spec's list (${Object.keys(operation.responses).join(", ") || "none"})`)];
      }
      if (declared.schema === null) {
        return [];
      }
      return this.errors(
        this.validator(`${operation.operationId}:${status}`, declared.schema, `#/operations/${operation.operationId}/responses/${status}`),
        body,
      ).map(violation);
    }
    if (declared?.schema) {
      return this.errors(
        this.validator(`${operation.operationId}:${status}`, declared.schema, `#/operations/${operation.operationId}/responses/${status}`),
        body,
      ).map(violation);
    }
    // Waiver "undeclared-error-statuses": the spec lists error statuses only partly (no 404 for
    // GET meeting, no 400 for most writes); any error must still have the documented error body.
    const shape = GATEWAY_STATUSES.has(status) ? V4_ERROR : "realtimekit_ErrorResponse";
    const validate = shape === V4_ERROR ? this.validator("v4-error", V4_ERROR_SCHEMA, "#/v4") : this.componentValidator(shape);
    const problems = this.errors(validate, body).map(violation);
    const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
    if (shape !== V4_ERROR && code !== status) {
      problems.push(violation(`error.code ${JSON.stringify(code)} is not the status ${status}`));
    }
    return problems;
  }

  /** Problems with a request body against the operation's request schema. */
  checkRequestBody(method: string, path: string, body: unknown): Violation[] {
    const operation = this.operationOf(method, path);
    if (operation === undefined) {
      return [{ operationId: "(none)", problem: `${method} ${path} is not an operation of the spec` }];
    }
    const schema = operation.requestBody?.schema;
    if (schema === undefined || schema === null) {
      const empty = body === undefined || (typeof body === "object" && body !== null && Object.keys(body).length === 0);
      return empty
        ? []
        : [{ operationId: operation.operationId, problem: `the spec defines no request body, got ${JSON.stringify(body)}` }];
    }
    return this.errors(
      this.validator(`${operation.operationId}:request`, schema, `#/operations/${operation.operationId}/requestBody`),
      body ?? {},
    ).map((problem) => ({ operationId: operation.operationId, problem }));
  }

  private errors(validate: ValidateFunction, body: unknown): string[] {
    return validate(body) ? [] : (validate.errors ?? []).map(describe);
  }
}

const V4_ERROR = "v4-error";

/** The Cloudflare v4 error envelope (401 / 403 / 429 come from in front of the service). */
const V4_ERROR_SCHEMA = {
  type: "object",
  required: ["success", "errors"],
  properties: {
    success: { const: false },
    errors: {
      type: "array",
      minItems: 1,
      items: { type: "object", required: ["code", "message"], properties: { code: { type: "number" }, message: { type: "string" } } },
    },
  },
};

function describe(error: ErrorObject): string {
  return `${error.instancePath || "(body)"} ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`;
}

export type { SchemaWaiver };
