/**
 * Generates the two TypeScript modules read from Cloudflare's published API spec
 * (spec/realtimekit-openapi.json), so the spec stays the one source of truth:
 *
 * - `emulator/specOperations.ts`: every RealtimeKit operation (method, path, operationId), from
 *   which the emulator builds its route table (operations it does not emulate answer 501);
 * - `provider/shared/specConstraints.ts`: every numeric range, enum, length, pattern and format
 *   the spec states for the request bodies the provider sends, by resource and wire path, which
 *   the resources' `check()` schemas are tightened with.
 *
 *   npx ts-node --transpile-only scripts/generate-spec-modules.ts          # write the files
 *   npx ts-node --transpile-only scripts/generate-spec-modules.ts --check  # exit 1 when a file is stale
 *
 * test/spec/generated.spec.ts runs the check as part of the suite.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { runGenerator, staleOf } from "../harness/generatedFiles";

const root = path.resolve(__dirname, "..");

/** Repository-relative paths. */
export const SPEC_FILE = "spec/realtimekit-openapi.json";
export const OPERATIONS_FILE = "emulator/specOperations.ts";
export const CONSTRAINTS_FILE = "provider/shared/specConstraints.ts";

/** The kit prefix every spec path starts with; emulator patterns are relative to it. */
const KIT_PREFIX = "/accounts/{account_id}/realtime/kit";

/** A JSON Schema node of the spec extract (OpenAPI 3.0 dialect). */
type SpecSchema = Record<string, unknown>;

/** One operation of the spec extract. */
export interface SpecOperation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly requestBody: { readonly schema: SpecSchema | null } | null;
  readonly responses: Record<string, { readonly schema: SpecSchema | null }>;
}

/** The spec extract. */
export interface SpecDocument {
  readonly operations: readonly SpecOperation[];
  readonly components: { readonly schemas: Record<string, SpecSchema> };
}

/** Loads the committed spec extract. */
export function loadSpec(): SpecDocument {
  return JSON.parse(fs.readFileSync(path.join(root, SPEC_FILE), "utf8")) as SpecDocument;
}

/**
 * The request bodies each provider resource sends, by operationId. Constraints of one wire path
 * must agree across the operations of a resource (the generator fails otherwise).
 */
export const RESOURCE_OPERATIONS: Readonly<Record<string, readonly string[]>> = {
  app: ["create_app"],
  meeting: ["create_meeting", "update_meeting", "replace_meeting"],
  preset: ["post-presets", "patch-presets-preset_id", "put-presets-preset_id"],
  webhook: ["addWebhook", "editWebhook", "replaceWebhook"],
};

/** The constraint keywords carried over. */
const CONSTRAINT_KEYWORDS = ["minimum", "maximum", "enum", "minLength", "maxLength", "pattern", "format", "minItems", "maxItems"] as const;

/** What the spec states about one wire field. */
export interface SpecConstraint {
  minimum?: number;
  maximum?: number;
  enum?: string[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minItems?: number;
  maxItems?: number;
  /** The operations stating it. */
  operations: string[];
}

function resolve(spec: SpecDocument, node: SpecSchema): SpecSchema {
  let current = node;
  while (typeof current.$ref === "string") {
    current = spec.components.schemas[current.$ref.replace("#/components/schemas/", "")];
  }
  return current;
}

/** Walks a request schema, calling `visit` with each node's wire path (`a.b`, `events[]`). */
function walk(spec: SpecDocument, node: SpecSchema, at: string, visit: (at: string, node: SpecSchema) => void): void {
  const resolved = resolve(spec, node);
  visit(at, resolved);
  for (const [key, child] of Object.entries((resolved.properties ?? {}) as Record<string, SpecSchema>)) {
    walk(spec, child, at === "" ? key : `${at}.${key}`, visit);
  }
  if (typeof resolved.items === "object" && resolved.items !== null) {
    walk(spec, resolved.items as SpecSchema, `${at}[]`, visit);
  }
}

const sameValue = (a: unknown, b: unknown): boolean =>
  JSON.stringify(Array.isArray(a) ? [...a].sort() : a) === JSON.stringify(Array.isArray(b) ? [...b].sort() : b);

/** Constraints by resource and wire path. */
export function constraintsOf(spec: SpecDocument): Record<string, Record<string, SpecConstraint>> {
  const byId = new Map(spec.operations.map((operation) => [operation.operationId, operation]));
  const result: Record<string, Record<string, SpecConstraint>> = {};
  for (const [resource, operationIds] of Object.entries(RESOURCE_OPERATIONS)) {
    const constraints: Record<string, SpecConstraint> = {};
    for (const operationId of operationIds) {
      const schema = byId.get(operationId)?.requestBody?.schema;
      if (schema === undefined) {
        throw new Error(`${SPEC_FILE} has no operation ${operationId}`);
      }
      if (schema === null) {
        continue;
      }
      walk(spec, schema, "", (at, node) => {
        for (const keyword of CONSTRAINT_KEYWORDS) {
          if (node[keyword] === undefined) {
            continue;
          }
          const entry = (constraints[at] ??= { operations: [] });
          const existing = entry[keyword];
          if (existing !== undefined && !sameValue(existing, node[keyword])) {
            throw new Error(
              `${resource}: ${at} ${keyword} is ${JSON.stringify(existing)} in ${entry.operations.join(", ")} but ${JSON.stringify(node[keyword])} in ${operationId}`,
            );
          }
          (entry as unknown as Record<string, unknown>)[keyword] = node[keyword];
          if (!entry.operations.includes(operationId)) {
            entry.operations.push(operationId);
          }
        }
      });
    }
    result[resource] = Object.fromEntries(Object.entries(constraints).sort(([a], [b]) => a.localeCompare(b)));
  }
  return result;
}

/** `/accounts/{account_id}/realtime/kit/{app_id}/meetings` → `/:app_id/meetings`. */
export function routePattern(specPath: string): string {
  if (!specPath.startsWith(KIT_PREFIX)) {
    throw new Error(`spec path ${specPath} is not under ${KIT_PREFIX}`);
  }
  return specPath.slice(KIT_PREFIX.length).replace(/\{([a-z_]+)\}/g, ":$1");
}

const HEADER = (what: string) =>
  `/**\n * ${what}\n * Generated from ${SPEC_FILE} by scripts/generate-spec-modules.ts: do not edit by hand.\n * @internal\n */\n`;

function operationsModule(spec: SpecDocument): string {
  const rows = spec.operations.map(
    (operation) =>
      `  { operationId: ${JSON.stringify(operation.operationId)}, method: ${JSON.stringify(operation.method)}, pattern: ${JSON.stringify(routePattern(operation.path))} },`,
  );
  return `${HEADER("Every RealtimeKit operation of Cloudflare's published API spec, as emulator route patterns (relative to `/accounts/:account_id/realtime/kit`).")}
/** One operation of the spec. */
export interface SpecOperationRoute {
  readonly operationId: string;
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly pattern: string;
}

/** All ${spec.operations.length} operations, in the spec's order. */
export const SPEC_OPERATIONS: readonly SpecOperationRoute[] = [
${rows.join("\n")}
];
`;
}

function constraintsModule(spec: SpecDocument): string {
  const constraints = constraintsOf(spec);
  return `${HEADER("Constraints Cloudflare's published API spec states on the request bodies each resource sends, by wire (snake_case) path; `[]` is an array item.")}
/** What the spec states about one wire field. */
export interface SpecConstraint {
  readonly minimum?: number;
  readonly maximum?: number;
  readonly enum?: readonly string[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly minItems?: number;
  readonly maxItems?: number;
  /** The spec operations stating it. */
  readonly operations: readonly string[];
}

/** The resources whose request bodies are covered. */
export type SpecResource = ${Object.keys(constraints)
    .map((name) => JSON.stringify(name))
    .join(" | ")};

/** Constraints by resource, then wire path. */
export const SPEC_CONSTRAINTS: Readonly<Record<SpecResource, Readonly<Record<string, SpecConstraint>>>> = ${JSON.stringify(constraints, null, 2)};
`;
}

/** The generated files: repository-relative path → content. */
export function generatedFiles(spec: SpecDocument = loadSpec()): Record<string, string> {
  return { [OPERATIONS_FILE]: operationsModule(spec), [CONSTRAINTS_FILE]: constraintsModule(spec) };
}

/** The generated files whose committed content differs from the generator's output. */
export function staleFiles(): string[] {
  return staleOf(root, generatedFiles());
}

if (require.main === module) {
  process.exitCode = runGenerator(process.argv.slice(2), root, "scripts/generate-spec-modules.ts", () => generatedFiles());
}
