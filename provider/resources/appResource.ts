/**
 * The program-facing side the resources in an app share: their base class with the account, app
 * and timestamp outputs, and the argument helpers.
 */
import * as pulumi from "@pulumi/pulumi";
import { URN_PROPERTY, dynamicResourceUrn } from "./urn";

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
    const props = {
      ...outputPlaceholders([...fields, ...COMMON_OUTPUT_KEYS]),
      ...inputs,
      [URN_PROPERTY]: dynamicResourceUrn(kind, name, opts),
    };
    super(provider, name, props, opts, "realtimekit", kind);
  }
}

/** Wraps a value in a secret when `predicate` holds, leaving other values visible in previews. */
export function secretWhen<T>(value: pulumi.Input<T> | undefined, predicate: (resolved: T) => boolean): pulumi.Input<T> | undefined {
  if (value === undefined) {
    return undefined;
  }
  return pulumi.output(value).apply((resolved) => (predicate(resolved as T) ? pulumi.secret(resolved) : resolved)) as pulumi.Input<T>;
}
