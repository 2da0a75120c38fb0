/**
 * Uniqueness at preview. The API refuses a second preset with the same name, or a second webhook
 * with the same URL, in one app (409), but only at `up`, after the first is created. One provider
 * process serves every `check()` of an engine run, so it can see two resources of the stack
 * claiming the same key and fail the preview naming both.
 *
 * The dynamic provider's `check(olds, news)` receives no URN, so each resource class passes its
 * type and logical name as the hidden input {@link CLAIMANT_KEY}; `check()` takes it out again
 * ({@link takeClaimant}), so it never reaches state, diffs or the API.
 * @internal
 */
import type * as pulumi from "@pulumi/pulumi";
import { isUnknown } from "../shared/check";
import type { CheckFailure } from "../shared/check";
import { placementFor } from "../runtime";
import { checkInputs, propertiesOf } from "./implementation";

/** The hidden input naming the resource that makes a claim, e.g. `Preset "host"`. */
export const CLAIMANT_KEY = "__rtkClaimant";

/** Claims seen in this process: key → claimant. */
const claims = new Map<string, string>();

/** Splits the claimant off a resource's inputs. */
export function takeClaimant(news: Record<string, unknown>): { claimant?: string; inputs: Record<string, unknown> } {
  const { [CLAIMANT_KEY]: claimant, ...inputs } = news;
  return { claimant: typeof claimant === "string" ? claimant : undefined, inputs };
}

/** The claimant input of a resource: its type and logical name. */
export function claimantOf(type: string, name: string): Record<string, string> {
  return { [CLAIMANT_KEY]: `${type} ${JSON.stringify(name)}` };
}

/** What is claimed: `preset name` + `name`, or `webhook URL` + `url`. */
export interface UniqueKey {
  /** What the API keeps unique per app, for the message (e.g. `preset name`). */
  readonly what: string;
  /** The input property holding the value (camelCase). */
  readonly property: string;
}

/**
 * Records `claimant`'s claim on `inputs[key.property]` in its app and returns a failure when
 * another resource of this run already claimed the same value there. Values or placements unknown
 * at preview, and resources without a claimant, are not checked (no false alarms).
 */
export function claimUnique(key: UniqueKey, inputs: Record<string, unknown>, claimant: string | undefined): CheckFailure | undefined {
  const value = inputs[key.property];
  if (claimant === undefined || typeof value !== "string" || isUnknown(value) || isUnknown(inputs.appId) || isUnknown(inputs.accountId)) {
    return undefined;
  }
  let placement: { accountId: string; appId: string };
  try {
    placement = placementFor({ accountId: inputs.accountId, appId: inputs.appId });
  } catch {
    return undefined; // no account or app configured: check() reports that elsewhere
  }
  const id = JSON.stringify([key.what, placement.accountId, placement.appId, value]);
  const holder = claims.get(id);
  if (holder === undefined || holder === claimant) {
    claims.set(id, claimant);
    return undefined;
  }
  return {
    property: key.property,
    reason:
      `${claimant} and ${holder} both use the ${key.what} ${JSON.stringify(value)} in app ${placement.appId}; ` +
      `the API allows one per app (the second create would fail with 409)`,
  };
}

/**
 * `check()` of a kind that keeps `key.property` unique per app: the claimant split off, the inputs
 * validated, the claim made, and `complete` (the kind's defaults) applied to inputs that pass.
 */
export function checkClaimingUnique<Given, Inputs>(
  news: unknown,
  key: UniqueKey,
  validate: (inputs: Record<string, unknown>) => CheckFailure[],
  complete: (given: Given) => Inputs,
): pulumi.dynamic.CheckResult<Inputs> {
  const { claimant, inputs } = takeClaimant(propertiesOf(news));
  const checked = checkInputs<Given>(inputs, validate);
  if (!checked.ok) {
    return { failures: checked.failures };
  }
  const duplicate = claimUnique(key, inputs, claimant);
  return duplicate === undefined ? { inputs: complete(checked.given), failures: [] } : { failures: [duplicate] };
}

/** Forgets every claim (tests; a new engine run is a new process). */
export function resetClaims(): void {
  claims.clear();
}
