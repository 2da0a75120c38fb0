/**
 * The shape every resource's provider methods share, and what they have in common: where a
 * program's unchecked inputs become typed (`checkInputs`), reads that treat 404 as "gone", and the
 * error that keeps a half-created object in state.
 * @internal
 */
import type * as pulumi from "@pulumi/pulumi";
import { isNotFound } from "../client/errors";
import { CheckFailure, FailureCollector, Schema, isPlainObject, validateSchema } from "../shared/check";

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

/** The key under which the host keeps the serialized provider in inputs and outputs. */
export const PROVIDER_KEY = "__provider";

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
