/**
 * A RealtimeKit app: the container of meetings, webhooks and presets. The API can list, create and
 * get apps by id, nothing else (no rename, no delete), so this resource creates an app or adopts an
 * existing one, and on destroy only forgets it.
 */
import * as pulumi from "@pulumi/pulumi";
import { RealtimeKitError } from "../client/errors";
import { CheckFailure, Schema, isUnknown } from "../shared/check";
import { DiffSpec, diffResource } from "../shared/diff";
import { Target } from "../runtime";
import appProvider = require("../stubs/app");
import { GONE, ResourceImplementation, WithOptional, checkInputs, propertiesOf, unlessNotFound, validateInputs } from "./implementation";
import { ACCOUNT_ID_SCHEMA, APP_ID_SCHEMA, accountTarget } from "./placement";
import { outputPlaceholders } from "./appResource";
import { compact } from "../shared/objects";
import type { WireApp } from "../client/wire";
import { URN_PROPERTY, dynamicResourceUrn } from "./urn";
import { reportAdoption } from "./adoption";
import { warn } from "../notices";

// ---------------------------------------------------------------------------------------------
// Public types

/**
 * The arguments of an {@link App}. Give `name` to create the app or adopt the one app of that name,
 * or `appId` to adopt an existing app by id.
 */
export interface AppArgs {
  /**
   * The app's name. Required unless `appId` is given. Names are not unique in an account: when
   * `adoptExisting` is on and exactly one app has this name it is adopted; when several do, the
   * create fails listing their ids (set `appId` to choose); when none does, the app is created.
   * Apps cannot be renamed: a change **replaces** the app (a new app is created or adopted, and
   * everything placed in it with `appId: app.appId` is replaced too). Maps to `name`.
   */
  name?: pulumi.Input<string>;
  /**
   * Adopt the existing app with this id instead of looking it up by name. When `name` is also
   * given it must be the app's name. A change replaces the resource.
   */
  appId?: pulumi.Input<string>;
  /**
   * Adopt the one existing app named `name` instead of creating another app of that name.
   * Turn off to always create a new app (names are not unique).
   * @default true
   */
  adoptExisting?: pulumi.Input<boolean>;
  /** The Cloudflare account, when it is not the configured `realtimekit:accountId`. A change replaces the app. */
  accountId?: pulumi.Input<string>;
}

/** The app's inputs as the provider receives them (defaults applied). @internal */
export interface AppInputs {
  name?: string;
  appId?: string;
  adoptExisting: boolean;
  accountId?: string;
}

/** The app's inputs as a program gives them, before the defaults are filled in. @internal */
export type AppGiven = WithOptional<AppInputs, "adoptExisting">;

/** The app's outputs. @internal */
export interface AppOutputs {
  /** The app's name. */
  name: string;
  /** The app's id (also the resource id). */
  appId: string;
  /** Whether the app existed before this stack took it over. */
  adopted: boolean;
  /** The `adoptExisting` input. */
  adoptExisting: boolean;
  /** The Cloudflare account of the app. */
  accountId: string;
  /** When the app was created (ISO 8601), as reported by the API. */
  createdAt?: string;
}

// ---------------------------------------------------------------------------------------------
// Wire mapping

function appOutputs(wire: WireApp, inputs: Pick<AppInputs, "adoptExisting">, adopted: boolean, target: Target): AppOutputs {
  return compact({
    name: wire.name,
    appId: wire.id,
    adopted,
    adoptExisting: inputs.adoptExisting,
    accountId: target.accountId,
    createdAt: wire.created_at,
  });
}

// ---------------------------------------------------------------------------------------------
// Validation

/** The schema of an app's inputs (camelCase). @internal */
export const appSchema: Schema = {
  kind: "object",
  fields: {
    name: { kind: "string", minLength: 1, maxLength: 255 },
    appId: APP_ID_SCHEMA,
    adoptExisting: { kind: "boolean" },
    accountId: ACCOUNT_ID_SCHEMA,
  },
};

/** Validates an app's inputs; returns failures with camelCase property paths. @internal */
export function validateApp(news: Record<string, unknown>): CheckFailure[] {
  return validateInputs(news, appSchema, (inputs, out) => {
    if (inputs.name === undefined && inputs.appId === undefined) {
      out.add("name", "is required unless appId is given");
    }
  });
}

/** Fills in the documented defaults of an app. @internal */
export function applyAppDefaults<Given extends Partial<AppInputs>>(given: Given): Given & Pick<AppInputs, "adoptExisting"> {
  return { ...given, adoptExisting: given.adoptExisting ?? true };
}

/**
 * How apps are diffed: apps can be neither renamed nor moved, so a change of `name`, `appId` or
 * `accountId` replaces the resource; `adoptExisting` updates in place. @internal
 */
export const appDiffSpec: DiffSpec<"name" | "appId" | "accountId"> = {
  inputKeys: ["name", "appId", "accountId"],
  replaceOnChange: ["name", "appId", "accountId"],
};

// ---------------------------------------------------------------------------------------------
// Provider implementation

const APPS_PATH = ["apps"] as const;

/** Every app of the account, or those whose name matches `search` (the API's substring search). */
async function listApps(target: Target, search?: string): Promise<WireApp[]> {
  return target.client.listAll<WireApp>({
    method: "GET",
    path: APPS_PATH,
    query: { search, sort_order: "ASC" },
    context: "App lookup",
  });
}

/** The apps named exactly `name`, oldest first. */
async function appsNamed(target: Target, name: string): Promise<WireApp[]> {
  return (await listApps(target, name)).filter((app) => app.name === name);
}

/** The app with this id (`GET apps/{app_id}`), or undefined when there is none. */
async function findAppById(target: Target, id: string): Promise<WireApp | undefined> {
  return unlessNotFound(() => target.client.request<WireApp>({ method: "GET", path: [...APPS_PATH, id], context: "App read" }));
}

function describeApps(apps: readonly WireApp[]): string {
  return apps.map((app) => `${app.id} (created ${app.created_at})`).join(", ");
}

/** Adopts the app with this id, checking its name when one is given. */
async function adoptById(target: Target, id: string, name: string | undefined): Promise<WireApp> {
  const app = await findAppById(target, id);
  if (app === undefined) {
    throw new RealtimeKitError(`App adopt failed: no app with id "${id}" in account ${target.accountId}`);
  }
  if (name !== undefined && app.name !== name) {
    throw new RealtimeKitError(
      `App adopt failed: app ${id} is named ${JSON.stringify(app.name)}, not ${JSON.stringify(name)}; ` +
        `apps cannot be renamed through the API, so set name to ${JSON.stringify(app.name)} or leave it out`,
    );
  }
  return app;
}

/**
 * Creates an app named `name`. After an ambiguous failure (timeout, reset, 5xx) the app is looked
 * up before any re-send: an app of that name that was not there before the POST is ours.
 */
async function createApp(target: Target, name: string, existingIds: ReadonlySet<string>): Promise<WireApp> {
  const lookup = async (): Promise<{ app: WireApp } | undefined> => {
    const fresh = (await appsNamed(target, name)).filter((app) => !existingIds.has(app.id));
    if (fresh.length > 1) {
      throw new RealtimeKitError(
        `App create failed: the response was lost, and ${fresh.length} apps named ${JSON.stringify(name)} appeared since ` +
          `the request was sent (${describeApps(fresh)}); adopt the right one with appId`,
      );
    }
    return fresh.length === 1 ? { app: fresh[0] } : undefined;
  };
  const created = await target.client.postOnce<{ app: WireApp }>(
    { method: "POST", path: APPS_PATH, body: { name }, context: "App create" },
    lookup,
  );
  return created.app;
}

/** The dynamic-provider methods of {@link App}, run in the provider process. @internal */
export const appImplementation: ResourceImplementation<AppInputs, AppOutputs> = {
  async check(_olds, news) {
    const checked = checkInputs<AppGiven>(propertiesOf(news), validateApp);
    return checked.ok ? { inputs: applyAppDefaults(checked.given), failures: [] } : { failures: checked.failures };
  },

  async diff(_id, olds, news) {
    const resolved = isUnknown(news.accountId) ? news : { ...news, accountId: accountTarget(news.accountId).accountId };
    return diffResource(olds, resolved, appDiffSpec);
  },

  async create(inputs) {
    const target = accountTarget(inputs.accountId);
    if (inputs.appId !== undefined) {
      const app = await adoptById(target, inputs.appId, inputs.name);
      reportAdoption("app", app.id, "appId");
      return { id: app.id, outs: appOutputs(app, inputs, true, target) };
    }
    const name = inputs.name;
    if (name === undefined) {
      throw new RealtimeKitError("App create failed: name is required unless appId is given");
    }
    const existing = await appsNamed(target, name);
    if (inputs.adoptExisting && existing.length > 1) {
      throw new RealtimeKitError(
        `App create failed: ${existing.length} apps are named ${JSON.stringify(name)} in account ${target.accountId} ` +
          `(${describeApps(existing)}); app names are not unique, so set appId to the one to adopt`,
      );
    }
    if (inputs.adoptExisting && existing.length === 1) {
      reportAdoption("app", existing[0].id, `name ${JSON.stringify(name)}`);
      return { id: existing[0].id, outs: appOutputs(existing[0], inputs, true, target) };
    }
    const created = await createApp(target, name, new Set(existing.map((app) => app.id)));
    return { id: created.id, outs: appOutputs(created, inputs, false, target) };
  },

  async read(id, olds = {}) {
    const target = accountTarget(olds.accountId);
    const app = await findAppById(target, id);
    if (app === undefined) {
      return GONE;
    }
    const outs = appOutputs(app, { adoptExisting: olds.adoptExisting ?? true }, olds.adopted === true, target);
    // The refreshed inputs: the live name. The account is left out: outputs always hold the resolved
    // one, so it cannot be told apart from a declared one, and adding it would show as a diff.
    return { id, props: outs, inputs: { name: outs.name, adoptExisting: outs.adoptExisting } };
  },

  async update(_id, olds, news) {
    // Only adoptExisting can change in place; everything else replaces.
    const { name, appId, adopted, accountId, createdAt } = olds;
    return { outs: compact({ name, appId, adopted, adoptExisting: news.adoptExisting, accountId, createdAt }) };
  },

  async delete(id, olds) {
    // Apps cannot be deleted through the API: forget it, and say so.
    warn(
      `App ${JSON.stringify(olds.name)} (${id}) was not deleted: RealtimeKit apps cannot be deleted through the API. ` +
        "It is no longer managed by this stack; delete it in the Cloudflare dashboard if it is not needed.",
    );
  },
};

// ---------------------------------------------------------------------------------------------
// Resource

const APP_OUTPUT_KEYS = ["name", "appId", "adopted", "adoptExisting", "accountId", "createdAt"];

/**
 * A RealtimeKit app, created or adopted.
 *
 * - Create: with `appId`, adopt that app; otherwise look the name up: one match is adopted (unless
 *   `adoptExisting: false`), several fail with their ids, none creates the app. After an ambiguous
 *   create failure the app is looked up by name before any re-send.
 * - Update: apps cannot be renamed or moved, so a change of `name`, `appId` or `accountId` replaces
 *   the resource.
 * - Delete: the API cannot delete apps, so destroy only forgets the app and prints a warning.
 * - Refresh: reads the app by id.
 *
 * Place other resources in it with `appId: app.appId`, or hand it to a `RealtimeKitStack` with
 * `app: app`, so that an environment is one stack.
 *
 * @example
 * ```ts
 * const app = new App("app", { name: "acme-dev" });
 * const standup = new Meeting("standup", { title: "Daily standup", appId: app.appId });
 * ```
 */
export class App extends pulumi.dynamic.Resource {
  /** The app's name. */
  declare readonly name: pulumi.Output<string>;
  /** The app's id (the same as `id`). */
  declare readonly appId: pulumi.Output<string>;
  /** Whether the app existed before this stack took it over. */
  declare readonly adopted: pulumi.Output<boolean>;
  /** Whether an existing app of the same name is adopted. */
  declare readonly adoptExisting: pulumi.Output<boolean>;
  /** The Cloudflare account of the app. */
  declare readonly accountId: pulumi.Output<string>;
  /** When the app was created (ISO 8601), as reported by the API. */
  declare readonly createdAt: pulumi.Output<string>;

  constructor(name: string, args: AppArgs, opts?: pulumi.CustomResourceOptions) {
    const props = { ...outputPlaceholders(APP_OUTPUT_KEYS), ...args, [URN_PROPERTY]: dynamicResourceUrn("App", name, opts) };
    super(appProvider, name, props, opts, "realtimekit", "App");
  }
}
