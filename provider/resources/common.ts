/**
 * What every resource implementation shares: placement (account and app), reading with 404 as
 * "gone", the init-failed error that keeps a half-created object in state, and output assembly.
 * @internal
 */
import * as pulumi from "@pulumi/pulumi";
import { isNotFound } from "../client/errors";
import { isUnknown } from "../shared/check";
import { DiffOutcome, DiffSpec, diffResource } from "../shared/diff";
import { Placement, Target, placementFor, targetFor } from "../runtime";

/**
 * A nested argument type whose every member may also be an `Input` (a promise or an `Output`, such
 * as `pulumi.secret(...)`); the SDK resolves nested outputs before the provider sees them.
 */
export type DeepInput<T> = T extends null | undefined
  ? T
  : T extends readonly (infer Item)[]
    ? pulumi.Input<DeepInput<Item>[]>
    : T extends object
      ? pulumi.Input<{ [Key in keyof T]: DeepInput<T[Key]> }>
      : pulumi.Input<T>;

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

/** Outputs every resource has besides its own fields. */
export interface CommonOutputs {
  /** The Cloudflare account the object lives in. */
  accountId: string;
  /** The RealtimeKit app the object lives in. */
  appId: string;
  /** When the object was created (ISO 8601), as reported by the API. */
  createdAt: string;
  /** When the object was last changed (ISO 8601), as reported by the API. */
  updatedAt: string;
}

/** The output keys every resource has. */
export const COMMON_OUTPUT_KEYS = ["accountId", "appId", "createdAt", "updatedAt"] as const;

/**
 * Props with every output key present and `undefined`: the SDK exposes a resource property only
 * for keys present in the props, and an `undefined` input is not sent.
 */
export function outputPlaceholders(keys: readonly string[]): Record<string, undefined> {
  return Object.fromEntries(keys.map((key) => [key, undefined]));
}

/** The key under which the host keeps the serialized provider in inputs and outputs. */
export const PROVIDER_KEY = "__provider";

/** The account and app keys, which force a replacement when they change. */
export const PLACEMENT_KEYS = ["accountId", "appId"] as const;

/** The target of an existing object: where its stored outputs say it lives. */
export function existingTarget(olds: PlacementOverrides): Target {
  return targetFor({ accountId: olds.accountId, appId: olds.appId });
}

/** The target for new inputs: their overrides, else the configured account and app. */
export function desiredTarget(news: PlacementOverrides): Target {
  return targetFor({ accountId: news.accountId, appId: news.appId });
}

/** Runs a read; a 404 resolves to `undefined` ("the object is gone"). */
export async function unlessNotFound<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) {
      return undefined;
    }
    throw error;
  }
}

/**
 * Diffs with placement resolved first: a resource without `accountId` / `appId` inputs lives in the
 * configured ones, so changing the stack's app moves (replaces) it.
 */
export function diffWithPlacement(olds: Record<string, unknown>, news: Record<string, unknown>, spec: DiffSpec): DiffOutcome {
  const unknownPlacement = isUnknown(news.accountId) || isUnknown(news.appId);
  const resolved = unknownPlacement ? news : { ...news, ...placementFor({ accountId: news.accountId, appId: news.appId }) };
  return diffResource(olds, resolved, {
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
export function refreshedInputs(
  live: Record<string, unknown>,
  olds: Record<string, unknown>,
  adoptionKeys: readonly string[],
): Record<string, unknown> {
  const inputs: Record<string, unknown> = compact({ ...live });
  for (const key of adoptionKeys) {
    if (olds[key] !== undefined && !isUnknown(olds[key])) {
      inputs[key] = olds[key];
    }
  }
  const configured = configuredPlacement();
  for (const key of PLACEMENT_KEYS) {
    if (olds[key] !== undefined && !isUnknown(olds[key]) && olds[key] !== configured[key]) {
      inputs[key] = olds[key];
    }
  }
  return inputs;
}

/** The configured account and app, or nothing where the stack leaves them to each resource. */
function configuredPlacement(): Partial<Record<(typeof PLACEMENT_KEYS)[number], string>> {
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
 * An error that tells the engine the object exists although the operation failed, so it keeps the
 * object in state (as created but unhealthy) instead of losing track of it. The host recognises
 * an error carrying `id`, `properties` and `reasons`.
 */
export class ResourceInitError extends Error {
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly reasons: string[];

  constructor(message: string, id: string, properties: Record<string, unknown>) {
    super(message);
    this.name = "ResourceInitError";
    this.id = id;
    this.properties = properties;
    this.reasons = [message];
  }
}

/** Keeps the serialized provider in properties handed back inside a {@link ResourceInitError}. */
export function withProvider(properties: object, inputs: object): Record<string, unknown> {
  return { ...properties, [PROVIDER_KEY]: (inputs as Record<string, unknown>)[PROVIDER_KEY] };
}

/** Drops `undefined` members, which the host's protobuf conversion cannot carry. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** Wraps a value in a secret when `predicate` holds, leaving other values visible in previews. */
export function secretWhen<T>(value: pulumi.Input<T> | undefined, predicate: (resolved: T) => boolean): pulumi.Input<T> | undefined {
  if (value === undefined) {
    return undefined;
  }
  return pulumi.output(value).apply((resolved) => (predicate(resolved as T) ? pulumi.secret(resolved) : resolved)) as pulumi.Input<T>;
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
