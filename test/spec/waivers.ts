/**
 * The named waivers of the spec conformance suite: where Cloudflare's published spec is wrong or
 * older than SDK 7.3.0, the spec is patched (schema waivers) or a rule is relaxed (rule waivers),
 * each with its evidence. emulator/README.md lists exactly these names in one table
 * (test/spec/waivers.spec.ts checks that).
 */
import { DROPPED_CONSTRAINTS, ENUM_WAIVERS } from "../../provider/shared/specWaivers";

/** A waiver: a name, what it changes, and why. */
export interface Waiver {
  readonly name: string;
  readonly evidence: string;
}

/** A waiver that patches spec schema nodes. `at` is the node's JSON pointer-like location. */
export interface SchemaWaiver extends Waiver {
  matches(at: string, node: Record<string, unknown>): boolean;
  patch(node: Record<string, unknown>, at: string): Record<string, unknown>;
}

/** `…/properties/a/properties/b` ends with the wire path `a.b`. */
const endsWithWirePath = (at: string, wirePath: string): boolean => at.endsWith(`/properties/${wirePath.split(".").join("/properties/")}`);

export const SCHEMA_WAIVERS: readonly SchemaWaiver[] = [
  {
    name: "plugins-config-map",
    evidence: DROPPED_CONSTRAINTS[0].evidence,
    matches: (at, node) => endsWithWirePath(at, "plugins.config") && node.format === "uuid",
    patch: (node) => ({
      type: "object",
      additionalProperties: { type: "object", properties: node.properties, ...(node.required ? { required: node.required } : {}) },
    }),
  },
  {
    name: "optional-logo",
    evidence:
      "the spec requires ui.design_tokens.logo; SDK 7.3.0 presets.d.ts has `logo?: string` (optional) in every preset body and answer",
    matches: (at, node) => endsWithWirePath(at, "design_tokens") && Array.isArray(node.required) && node.required.includes("logo"),
    patch: (node) => ({ ...node, required: (node.required as string[]).filter((key) => key !== "logo") }),
  },
  {
    name: "session-details-wrapper",
    evidence:
      "the May 2026 spec wraps GET sessions/{session_id} as data.session; SDK 7.3.0 sessions.d.ts " +
      "SessionGetSessionDetailsResponse.Data holds the session fields directly (id, associated_id, ...)",
    matches: (at) => at === "#/operations/GetSessionDetails/responses/200",
    patch: () => ({
      type: "object",
      properties: { data: { $ref: "#/components/schemas/realtimekit_ActiveSession" }, success: { type: "boolean" } },
    }),
  },
  {
    name: "sdk-wider-enums",
    evidence: ENUM_WAIVERS.map((waiver) => `${waiver.path}: ${waiver.evidence}`).join("; "),
    // By the field's own key and its values: the same enum sits inline in presets and in shared
    // components (`realtimekit_VideoConfig.codec`), so the full path is not always there.
    matches: (at, node) => enumWaiverAt(at, node) !== undefined,
    patch: (node, at) => ({ ...node, enum: [...(enumWaiverAt(at, node)?.values ?? [])] }),
  },
];

/** The enum waiver for a node: same last key, and the spec's values all among the SDK's. */
function enumWaiverAt(at: string, node: Record<string, unknown>): (typeof ENUM_WAIVERS)[number] | undefined {
  if (!Array.isArray(node.enum)) {
    return undefined;
  }
  const key = at.slice(at.lastIndexOf("/") + 1);
  return ENUM_WAIVERS.find(
    (waiver) => waiver.path.endsWith(`.${key}`) && (node.enum as string[]).every((value) => waiver.values.includes(value)),
  );
}

/** Waivers that relax a rule of the checker rather than patch the spec. */
export const RULE_WAIVERS: readonly Waiver[] = [
  {
    name: "undeclared-error-statuses",
    evidence:
      "the spec lists error statuses only partly (GET meeting lists 200 and 500, no 404; most writes list no 400 or 409); " +
      "an error status the operation does not list is accepted when its body is the RealtimeKit error (realtimekit_ErrorResponse, " +
      "error.code = status) or, for 401/403/429, the Cloudflare v4 error envelope",
  },
];

/** Every waiver name. */
export const WAIVER_NAMES: readonly string[] = [...SCHEMA_WAIVERS, ...RULE_WAIVERS].map((waiver) => waiver.name);
