/**
 * What every resource implementation shares: placement (account and app), reading with 404 as
 * "gone", the init-failed error that keeps a half-created object in state, and output assembly.
 * @internal
 */
import * as pulumi from "@pulumi/pulumi";
import { isNotFound } from "../client/errors";
import { CheckFailure, FailureCollector, Schema, isPlainObject, isUnknown, validateSchema } from "../shared/check";
import { DiffOutcome, DiffSpec, Fields, diffResource } from "../shared/diff";
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

/**
 * One resource kind's provider methods, typed by what each is handed. `check` gets the program's
 * inputs unchecked and answers them as `Inputs`; the others get those checked `Inputs` and the
 * `Outputs` that state holds (at preview, a value not known yet stands in as Pulumi's unknown
 * marker, see `isUnknown`). A read may have no stored outputs (`pulumi import`), and answers
 * {@link GONE} for an object that no longer exists. It is a `pulumi.dynamic.ResourceProvider`
 * (`host.ts` hands it out as one) whose read answers refreshed inputs as `Inputs`, which the SDK's
 * generic types as `Outputs`.
 */
export interface ResourceImplementation<Inputs, Outputs> {
  check(olds: unknown, news: unknown): Promise<pulumi.dynamic.CheckResult<Inputs>>;
  diff(id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.DiffResult>;
  create(inputs: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>>;
  read(id: string, olds?: Partial<Outputs>): Promise<ReadOutcome<Inputs, Outputs>>;
  update(id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult<Outputs>>;
  delete(id: string, olds: Outputs): Promise<void>;
}

/** What a read answers: the object's id, its outputs, and the inputs the next preview compares against. */
export interface ReadOutcome<Inputs, Outputs> {
  readonly id: string;
  readonly props?: Outputs;
  readonly inputs?: Inputs;
}

/** What `read` answers for an object that no longer exists: no id, so the engine drops it from state. */
export const GONE: ReadOutcome<never, never> = { id: "" };

/** The property map the engine hands `check` (anything else checks as no properties). */
export function propertiesOf(news: unknown): Record<string, unknown> {
  return isPlainObject(news) ? news : {};
}

/** What checking a program's inputs gives: the typed inputs, or the failures that refuse them. */
export type Checked<Given> = { readonly ok: true; readonly given: Given } | { readonly ok: false; readonly failures: CheckFailure[] };

/**
 * Where a program's unchecked inputs become typed: `validate` walks them against the kind's schema,
 * the runtime twin of `Given` (the package schema and the config-file JSON Schema are generated from
 * the same schemas), so inputs in which it finds nothing wrong are a `Given`.
 */
export function checkInputs<Given>(
  news: Record<string, unknown>,
  validate: (news: Record<string, unknown>) => CheckFailure[],
): Checked<Given> {
  const failures = validate(news);
  return failures.length === 0 ? { ok: true, given: news as Record<string, unknown> & Given } : { ok: false, failures };
}

/** `T` with the keys `K` optional: a kind's inputs before its defaults are filled in. */
export type WithOptional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

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

/**
 * Validates a resource's inputs (the host's serialized provider aside) against its schema, then
 * against `moreRules` (rules between fields); failures carry camelCase property paths.
 */
export function validateInputs(
  news: Record<string, unknown>,
  schema: Schema,
  moreRules?: (inputs: Record<string, unknown>, out: FailureCollector) => void,
): CheckFailure[] {
  const out = new FailureCollector();
  const { [PROVIDER_KEY]: _provider, ...inputs } = news;
  validateSchema(inputs, schema, "", out);
  moreRules?.(inputs, out);
  return out.failures;
}

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

/**
 * The base of the resources that live in an app (meetings, webhooks, presets): a dynamic resource
 * of type `realtimekit:<Kind>` whose outputs are its own fields and the account, the app and the
 * API's timestamps.
 */
export abstract class AppResource extends pulumi.dynamic.Resource {
  /** The Cloudflare account the object lives in. */
  declare readonly accountId: pulumi.Output<string>;
  /** The RealtimeKit app the object lives in. */
  declare readonly appId: pulumi.Output<string>;
  /** When the object was created (ISO 8601), as reported by the API. */
  declare readonly createdAt: pulumi.Output<string>;
  /** When the object was last changed (ISO 8601), as reported by the API. */
  declare readonly updatedAt: pulumi.Output<string>;

  /**
   * @param fields - the kind's own output fields, each exposed as an output property.
   * @param inputs - the program's arguments, and any hidden inputs the kind's `check` takes out.
   */
  protected constructor(
    provider: pulumi.dynamic.ResourceProvider,
    kind: string,
    name: string,
    fields: readonly string[],
    inputs: object,
    opts: pulumi.CustomResourceOptions | undefined,
  ) {
    super(provider, name, { ...outputPlaceholders([...fields, ...COMMON_OUTPUT_KEYS]), ...inputs }, opts, "realtimekit", kind);
  }
}

/** The key under which the host keeps the serialized provider in inputs and outputs. */
export const PROVIDER_KEY = "__provider";

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

/** The members `keys` of `value`. */
export function pickKeys<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  const picked: Partial<Pick<T, K>> = {};
  for (const key of keys) {
    picked[key] = value[key];
  }
  return picked as Pick<T, K>;
}

/** Drops `undefined` members, which the host's protobuf conversion cannot carry. */
export function compact<T extends object>(value: T): T {
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
