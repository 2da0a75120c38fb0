/**
 * Every range, enum and format Cloudflare's published spec states for a field a resource exposes
 * is refused at preview: for each constraint of `SPEC_CONSTRAINTS` the resource's `check()`
 * validation gets a value just outside it and must fail at the camelCase property path with the
 * allowed range or values in the reason; the config-file JSON Schema must carry the same bound.
 * Constraints the provider does not apply are exactly the named waivers.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { CheckFailure } from "../../provider/shared/check";
import { validateMeeting } from "../../provider/resources/meetingSchema";
import { validatePreset } from "../../provider/resources/preset";
import { validateWebhook } from "../../provider/resources/webhook";
import { camelSegments } from "../../provider/shared/specCheck";
import { SPEC_CONSTRAINTS, type SpecConstraint, type SpecResource } from "../../provider/shared/specConstraints";
import { DROPPED_CONSTRAINTS, enumWaiverOf, isDropped } from "../../provider/shared/specWaivers";

const PLUGIN_ID = "11111111-1111-4111-8111-111111111111";

/** Each resource's check() validation, given the fields under test merged into valid required ones. */
const VALIDATORS: Record<SpecResource, ((fields: Record<string, unknown>) => CheckFailure[]) | undefined> = {
  app: undefined, // the spec states no constraint on create_app's body
  meeting: (fields) => validateMeeting(fields),
  preset: (fields) => validatePreset({ name: "host", ...fields }),
  webhook: (fields) => validateWebhook({ name: "hook", url: "https://example.com/hook", ...fields }),
};

/** The config-file JSON Schema definition of each resource. */
const DEFINITIONS: Partial<Record<SpecResource, string>> = { meeting: "meeting", preset: "preset", webhook: "webhook" };

/** The camelCase path segments as a user writes them: array items at [0], plugin configs under a plugin id. */
function inputSegments(wirePath: string): (string | number)[] {
  const segments: (string | number)[] = camelSegments(wirePath).map((segment) => (segment === "[]" ? 0 : segment));
  const plugins = segments.findIndex((segment, i) => segment === "config" && segments[i - 1] === "plugins");
  if (plugins >= 0 && plugins < segments.length - 1) {
    segments.splice(plugins + 1, 0, PLUGIN_ID);
  }
  return segments;
}

function nest(segments: readonly (string | number)[], value: unknown): Record<string, unknown> {
  let result: unknown = value;
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i];
    result = typeof segment === "number" ? [result] : { [segment]: result };
  }
  return result as Record<string, unknown>;
}

function propertyPath(segments: readonly (string | number)[]): string {
  return segments.reduce<string>(
    (at, segment) => (typeof segment === "number" ? `${at}[${segment}]` : at === "" ? segment : `${at}.${segment}`),
    "",
  );
}

/** Values just outside a constraint, each with what the reason must mention. */
function violations(
  resource: SpecResource,
  wirePath: string,
  constraint: SpecConstraint,
): { keyword: string; value: unknown; mentions: string[] }[] {
  const cases: { keyword: string; value: unknown; mentions: string[] }[] = [];
  if (constraint.minimum !== undefined) {
    const bounds = [String(constraint.minimum), ...(constraint.maximum !== undefined ? [String(constraint.maximum)] : [])];
    cases.push({ keyword: "minimum", value: constraint.minimum - 1, mentions: bounds });
  }
  if (constraint.maximum !== undefined) {
    cases.push({ keyword: "maximum", value: constraint.maximum + 1, mentions: [String(constraint.maximum)] });
  }
  if (constraint.enum !== undefined) {
    const allowed = enumWaiverOf(resource, wirePath)?.values ?? constraint.enum;
    cases.push({ keyword: "enum", value: "not-an-allowed-value", mentions: allowed.map((value) => JSON.stringify(value)) });
  }
  if (constraint.format !== undefined && !isDropped(resource, wirePath, "format")) {
    cases.push({ keyword: "format", value: "not a uri", mentions: [] });
  }
  for (const keyword of ["minLength", "maxLength", "pattern", "minItems", "maxItems"] as const) {
    if (constraint[keyword] !== undefined) {
      assert.fail(`${resource} ${wirePath}: the spec now states ${keyword}; add it to specCheck.ts and to this test`);
    }
  }
  return cases;
}

/** The JSON Schema node of a camelCase path in a definition (through `anyOf` with references, arrays, plugin maps). */
function jsonNode(
  root: Record<string, unknown>,
  definition: string,
  segments: readonly (string | number)[],
): Record<string, unknown> | undefined {
  let node = (root.definitions as Record<string, Record<string, unknown>>)[definition];
  // `anyOf` [value, reference] and `oneOf` [null, object]: the option that is neither.
  const unwrap = (candidate: Record<string, unknown>) => {
    const options = (candidate.anyOf ?? candidate.oneOf) as Record<string, unknown>[] | undefined;
    return options?.find((option) => option.$ref === undefined && option.type !== "null") ?? candidate;
  };
  for (const segment of segments) {
    node = unwrap(node);
    if (typeof segment === "number") {
      node = node.items as Record<string, unknown>;
    } else if (segment === PLUGIN_ID) {
      node = node.additionalProperties as Record<string, unknown>;
    } else {
      node = (node.properties as Record<string, Record<string, unknown>> | undefined)?.[segment] as Record<string, unknown>;
    }
    if (node === undefined) {
      return undefined;
    }
  }
  return unwrap(node);
}

describe("Spec constraints are enforced at preview", () => {
  const configSchema = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../schema/realtimekit.schema.json"), "utf8")) as Record<
    string,
    unknown
  >;

  for (const [resource, constraints] of Object.entries(SPEC_CONSTRAINTS) as [SpecResource, Record<string, SpecConstraint>][]) {
    for (const [wirePath, constraint] of Object.entries(constraints)) {
      const segments = inputSegments(wirePath);
      const property = propertyPath(segments);
      for (const { keyword, value, mentions } of violations(resource, wirePath, constraint)) {
        it(`${resource} ${property}: refuses ${JSON.stringify(value)} (spec ${keyword} of ${constraint.operations.join(", ")})`, () => {
          const validate = VALIDATORS[resource];
          assert.ok(validate !== undefined, `no check() for ${resource}`);
          const failures = validate(nest(segments, value)).filter((failure) => failure.property === property);
          assert.equal(failures.length, 1, `expected one failure at ${property}, got ${JSON.stringify(validate(nest(segments, value)))}`);
          for (const mention of mentions) {
            assert.ok(failures[0].reason.includes(mention), `reason ${JSON.stringify(failures[0].reason)} does not mention ${mention}`);
          }
          const definition = DEFINITIONS[resource];
          const node = definition === undefined ? undefined : jsonNode(configSchema, definition, segments);
          if (keyword === "minimum" || keyword === "maximum") {
            assert.equal(node?.[keyword], constraint[keyword], `schema/realtimekit.schema.json ${definition}.${property} ${keyword}`);
          }
          if (keyword === "enum") {
            assert.deepEqual(
              node?.enum,
              enumWaiverOf(resource, wirePath)?.values ?? constraint.enum,
              `schema/realtimekit.schema.json ${definition}.${property} enum`,
            );
          }
        });
      }
    }
  }

  it("drops only the constraints named in the waivers", () => {
    for (const waiver of DROPPED_CONSTRAINTS) {
      assert.ok(SPEC_CONSTRAINTS[waiver.resource][waiver.path]?.[waiver.keyword] !== undefined, `stale waiver ${waiver.name}`);
    }
  });
});
