/**
 * Placement: the Cloudflare account and RealtimeKit app an object lives in. Every resource takes
 * them as optional inputs over the configured ones; a change of either replaces the object.
 * @internal
 */
import { Schema, isUnknown } from "../shared/check";
import { DiffOutcome, DiffSpec, Fields, diffResource } from "../shared/diff";
import { compact } from "../shared/objects";
import { Placement, Target, placementFor, targetFor } from "../runtime";

/** The schema of a Cloudflare account id. */
export const ACCOUNT_ID_SCHEMA: Schema = {
  kind: "string",
  pattern: /^[0-9a-f]{32}$/i,
  patternHint: "must be a 32-character hex account id",
};

/** The schema of a RealtimeKit app id. */
export const APP_ID_SCHEMA: Schema = { kind: "string", minLength: 1 };

/** The schema fields of the placement inputs every resource in an app takes. */
export const PLACEMENT_SCHEMA_FIELDS: Readonly<Record<PlacementKey, Schema>> = { accountId: ACCOUNT_ID_SCHEMA, appId: APP_ID_SCHEMA };

/** Inputs every resource accepts to override the configured account and app. */
export interface PlacementInputs {
  accountId?: string;
  appId?: string;
}

/** Any inputs or outputs, read for their placement fields (unchecked, hence `unknown`). */
export interface PlacementOverrides {
  readonly accountId?: unknown;
  readonly appId?: unknown;
}

/** The account and app keys, which force a replacement when they change. */
export const PLACEMENT_KEYS = ["accountId", "appId"] as const;

/** `accountId` or `appId`. */
export type PlacementKey = (typeof PLACEMENT_KEYS)[number];

/** The target of an existing object: where its stored outputs say it lives. */
export function existingTarget(olds: PlacementOverrides): Target {
  return targetFor({ accountId: olds.accountId, appId: olds.appId });
}

/** The target for new inputs: their overrides, else the configured account and app. */
export function desiredTarget(news: PlacementOverrides): Target {
  return targetFor({ accountId: news.accountId, appId: news.appId });
}

/**
 * Diffs with placement resolved first: a resource without `accountId` / `appId` inputs lives in the
 * configured ones, so changing the stack's app moves (replaces) it.
 */
export function diffWithPlacement<Key extends string>(
  olds: Fields<Key> & PlacementOverrides,
  news: Fields<Key> & PlacementOverrides,
  spec: DiffSpec<Key>,
): DiffOutcome {
  const unknownPlacement = isUnknown(news.accountId) || isUnknown(news.appId);
  const resolved = unknownPlacement ? news : { ...news, ...placementFor({ accountId: news.accountId, appId: news.appId }) };
  return diffResource<Key | PlacementKey>(olds, resolved, {
    ...spec,
    inputKeys: [...spec.inputKeys, ...PLACEMENT_KEYS],
    replaceOnChange: [...(spec.replaceOnChange ?? []), ...PLACEMENT_KEYS],
  });
}

/**
 * The inputs a refresh stores (the engine compares the next preview against them): the live values
 * of the managed fields, the adoption inputs the program gave, and the account and app only when
 * they differ from the configured ones. Outputs always carry the resolved account and app, but a
 * program that relies on the configuration does not declare them, and a refresh must not make
 * them appear in the next preview.
 */
export function refreshedInputs<Live extends object, Stored extends PlacementOverrides, AdoptionKey extends keyof Stored>(
  live: Live,
  olds: Stored,
  adoptionKeys: readonly AdoptionKey[],
): Live & Partial<Pick<Stored, AdoptionKey>> & PlacementInputs {
  const adoption: Partial<Pick<Stored, AdoptionKey>> = {};
  for (const key of adoptionKeys) {
    if (olds[key] !== undefined && !isUnknown(olds[key])) {
      adoption[key] = olds[key];
    }
  }
  const placement: PlacementInputs = {};
  const configured = configuredPlacement();
  for (const key of PLACEMENT_KEYS) {
    const stored = olds[key];
    if (typeof stored === "string" && !isUnknown(stored) && stored !== configured[key]) {
      placement[key] = stored;
    }
  }
  return { ...compact(live), ...adoption, ...placement };
}

/** The configured account and app, or nothing where the stack leaves them to each resource. */
function configuredPlacement(): Partial<Record<PlacementKey, string>> {
  try {
    return placementFor({});
  } catch {
    return {};
  }
}

/** The placement outputs of a target. */
export function placementOf(target: Target): Placement {
  return { accountId: target.accountId, appId: target.appId };
}

/**
 * The app id given to {@link targetFor} for account-level calls (listing and creating apps), which
 * need no app: it only satisfies the credentials resolver, so that a stack that creates its app does
 * not need `realtimekit:appId`. Never used in a request path.
 */
export const ACCOUNT_LEVEL_APP_ID = "-";

/** The target of an account-level call: the given (or configured) account; no app is needed. */
export function accountTarget(accountId: unknown): Target {
  return targetFor({ accountId, appId: ACCOUNT_LEVEL_APP_ID });
}
