/**
 * A RealtimeKit webhook: an HTTP endpoint that receives events such as `meeting.ended`.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConflictError, isConflict } from "../client/errors";
import { CheckFailure, FailureCollector, Schema } from "../shared/check";
import { withSpecConstraints } from "../shared/specCheck";
import { checkClaimingUnique, claimantOf } from "./claims";
import { DiffSpec, changedKeys } from "../shared/diff";
import { toSnakeCase } from "../shared/naming";
import { Target } from "../runtime";
import webhookProvider = require("../stubs/webhook");
import { GONE, ResourceImplementation, WithOptional, unlessNotFound, validateInputs } from "./implementation";
import {
  PLACEMENT_SCHEMA_FIELDS,
  PlacementInputs,
  desiredTarget,
  diffWithPlacement,
  existingTarget,
  placementOf,
  refreshedInputs,
} from "./placement";
import { AppResource, CommonOutputs } from "./appResource";
import { compact } from "../shared/objects";
import { createExactlyOnce } from "./exactlyOnce";
import { ListedKind, forgetListed, readListed } from "./bulkReads";
import type { WireWebhook } from "../client/wire";
import { reportAdoption } from "./adoption";

// ---------------------------------------------------------------------------------------------
// Public types

/** The events a webhook can subscribe to: the nine RealtimeKit documents. */
export const WEBHOOK_EVENTS = [
  "meeting.started",
  "meeting.ended",
  "meeting.participantJoined",
  "meeting.participantLeft",
  "meeting.chatSynced",
  "recording.statusUpdate",
  "livestreaming.statusUpdate",
  "meeting.transcript",
  "meeting.summary",
] as const;

/** An event a webhook can subscribe to. */
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The arguments of a {@link Webhook}. */
export interface WebhookArgs {
  /** A name for people; not empty, and need not be unique. Maps to `name`. */
  name: pulumi.Input<string>;
  /**
   * The absolute `https://` (or, for local receivers, `http://`) URL that receives the events.
   * Unique per app: a second webhook with the same URL is refused (see `adoptExisting`). Maps to `url`.
   */
  url: pulumi.Input<string>;
  /**
   * The events to deliver; a non-empty set of {@link WEBHOOK_EVENTS}. Order does not matter and
   * never shows as a diff.
   * @default ["meeting.ended"]
   * Maps to `events`.
   */
  events?: pulumi.Input<pulumi.Input<WebhookEvent>[]>;
  /** Whether events are delivered. @default true. Maps to `enabled`. */
  enabled?: pulumi.Input<boolean>;
  /**
   * Take over an existing webhook with the same `url` in the app instead of failing with a
   * conflict (the TypeScript resources are dynamic, which `pulumi import` cannot adopt; the provider
   * plugin also takes `pulumi import`). It is then managed, and deleted on destroy.
   * @default false
   */
  adoptExisting?: pulumi.Input<boolean>;
  /** The Cloudflare account, when it is not the configured `realtimekit:accountId`. A change replaces the webhook. */
  accountId?: pulumi.Input<string>;
  /** The RealtimeKit app, when it is not the configured `realtimekit:appId`. A change replaces the webhook. */
  appId?: pulumi.Input<string>;
}

/** The webhook's inputs as the provider receives them. @internal */
export interface WebhookInputs extends PlacementInputs {
  name: string;
  url: string;
  events: WebhookEvent[];
  enabled: boolean;
  adoptExisting?: boolean;
}

/** The webhook's inputs as a program gives them, before the defaults are filled in. @internal */
export type WebhookGiven = WithOptional<WebhookInputs, "events" | "enabled">;

/** The webhook's outputs. @internal */
export type WebhookOutputs = Omit<WebhookInputs, "accountId" | "appId"> & CommonOutputs;

// ---------------------------------------------------------------------------------------------
// Wire mapping

const WEBHOOK_FIELDS = ["name", "url", "events", "enabled"] as const;

/** A field of a webhook that maps one to one to the API. */
type WebhookField = (typeof WEBHOOK_FIELDS)[number];

function webhookBody(inputs: WebhookInputs, keys: readonly WebhookField[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [toSnakeCase(key), inputs[key]]));
}

function webhookOutputs(wire: WireWebhook, declared: Partial<WebhookInputs>, target: Target): WebhookOutputs {
  return compact({
    name: wire.name,
    url: wire.url,
    events: wire.events,
    enabled: wire.enabled,
    adoptExisting: declared.adoptExisting,
    createdAt: wire.created_at,
    updatedAt: wire.updated_at,
    ...placementOf(target),
  });
}

// ---------------------------------------------------------------------------------------------
// Validation

/** An absolute http(s) URL with a host. */
function validateWebhookUrl(value: unknown, path: string, out: FailureCollector): void {
  if (typeof value !== "string") {
    out.add(path, `must be a string; got ${JSON.stringify(value)}`);
    return;
  }
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    out.add(path, `must be an absolute http(s) URL; got ${JSON.stringify(value)}`);
    return;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    out.add(path, `must use https (or http for local receivers); got ${JSON.stringify(parsed.protocol.replace(/:$/, ""))}`);
  } else if (parsed.hostname === "") {
    out.add(path, `must name a host; got ${JSON.stringify(value)}`);
  } else if (parsed.username !== "" || parsed.password !== "") {
    out.add(path, "must not contain credentials; use a secret path segment or verify the rtk-signature header instead");
  }
}

/** The schema of a webhook's inputs (camelCase), with the API spec's enums applied. @internal */
export const webhookSchema: Schema = withSpecConstraints("webhook", {
  kind: "object",
  required: ["name", "url"],
  fields: {
    name: { kind: "string", minLength: 1, maxLength: 255 },
    url: { kind: "custom", validate: validateWebhookUrl, shape: { kind: "string" } },
    events: { kind: "array", minItems: 1, unique: true, items: { kind: "enum", values: WEBHOOK_EVENTS } },
    enabled: { kind: "boolean" },
    adoptExisting: { kind: "boolean" },
    ...PLACEMENT_SCHEMA_FIELDS,
  },
});

/** Validates a webhook's inputs; returns failures with camelCase property paths. @internal */
export function validateWebhook(news: Record<string, unknown>): CheckFailure[] {
  return validateInputs(news, webhookSchema);
}

/** Fills in the documented defaults of a webhook. @internal */
export function applyWebhookDefaults<Given extends Partial<WebhookInputs>>(
  given: Given,
): Given & Pick<WebhookInputs, "events" | "enabled"> {
  return { ...given, events: given.events ?? ["meeting.ended"], enabled: given.enabled ?? true };
}

/** How webhooks are diffed: everything updates in place; `events` is a set. @internal */
export const webhookDiffSpec: DiffSpec<WebhookField> = { inputKeys: WEBHOOK_FIELDS, unorderedKeys: ["events"] };

// ---------------------------------------------------------------------------------------------
// Provider implementation

function webhookPath(target: Target, id?: string): string[] {
  return id === undefined ? [target.appId, "webhooks"] : [target.appId, "webhooks", id];
}

/** The app's webhooks (one unpaged list, in full). An app without webhooks lists as 404. */
async function listWebhooks(target: Target, context: string): Promise<WireWebhook[]> {
  const all = await unlessNotFound(() => target.client.request<WireWebhook[]>({ method: "GET", path: webhookPath(target), context }));
  return all ?? [];
}

/** Finds the app's webhook with this URL (URLs are unique per app). */
async function findWebhookByUrl(target: Target, url: string): Promise<WireWebhook | undefined> {
  return (await listWebhooks(target, "Webhook lookup")).find((webhook) => webhook.url === url);
}

/** Webhooks for bulk reads: the list carries every field, all in one unpaged answer. */
const listedWebhooks: ListedKind<WireWebhook> = {
  kind: "webhooks",
  page: async (target) => ({ items: await listWebhooks(target, "Webhook read (list)"), last: true }),
  get: (target, id) =>
    unlessNotFound(() => target.client.request<WireWebhook>({ method: "GET", path: webhookPath(target, id), context: "Webhook read" })),
};

/**
 * One PATCH with the fields that differ: the webhook as it is then, or `undefined` when it already
 * matched (the same shape as the other resources' `converge`).
 */
async function converge(target: Target, id: string, current: WireWebhook, desired: WebhookInputs): Promise<WireWebhook | undefined> {
  const changed = changedKeys(current, desired, webhookDiffSpec);
  if (changed.length === 0) {
    return undefined;
  }
  forgetListed(target, listedWebhooks.kind, id);
  const updated = await target.client.request<Partial<WireWebhook>>({
    method: "PATCH",
    path: webhookPath(target, id),
    body: webhookBody(desired, changed),
    context: "Webhook update",
  });
  // The answer may leave fields out: what was sent stands for them.
  return { ...current, ...webhookBody(desired, changed), ...updated } as WireWebhook;
}

/** Webhook URLs are unique per app. */
const WEBHOOK_URL_CLAIM = { what: "webhook URL", property: "url" } as const;

/** The dynamic-provider methods of {@link Webhook}, run in the provider process. @internal */
export const webhookImplementation: ResourceImplementation<WebhookInputs, WebhookOutputs> = {
  async check(_olds, news) {
    return checkClaimingUnique<WebhookGiven, WebhookInputs>(news, WEBHOOK_URL_CLAIM, validateWebhook, applyWebhookDefaults);
  },

  async diff(_id, olds, news) {
    return diffWithPlacement(olds, news, webhookDiffSpec);
  },

  async create(inputs) {
    const target = desiredTarget(inputs);
    if (inputs.adoptExisting) {
      const existing = await findWebhookByUrl(target, inputs.url);
      if (existing !== undefined) {
        reportAdoption("webhook", existing.id, `url ${inputs.url}`);
        const converged = await converge(target, existing.id, existing, inputs);
        return { id: existing.id, outs: webhookOutputs(converged ?? existing, inputs, target) };
      }
    }
    try {
      const created = await createExactlyOnce(
        target,
        "webhook",
        inputs.url,
        { method: "POST", path: webhookPath(target), body: webhookBody(inputs, WEBHOOK_FIELDS), context: "Webhook create" },
        () => findWebhookByUrl(target, inputs.url),
      );
      // An ambiguous create may have been adopted from an earlier attempt: make sure it matches.
      const converged = await converge(target, created.id, created, inputs);
      return { id: created.id, outs: webhookOutputs(converged ?? created, inputs, target) };
    } catch (error) {
      if (isConflict(error)) {
        throw new ConflictError({
          ...error,
          hint: `A webhook with url ${inputs.url} already exists in app ${target.appId}; set adoptExisting: true to manage it from this stack`,
        });
      }
      throw error;
    }
  },

  async read(id, olds = {}) {
    const target = existingTarget(olds);
    const current = await readListed(target, listedWebhooks, id);
    if (current === undefined) {
      return GONE;
    }
    const outs = webhookOutputs(current, olds, target);
    const live = { name: outs.name, url: outs.url, events: outs.events, enabled: outs.enabled };
    const inputs = refreshedInputs(live, olds, ["adoptExisting"]);
    return { id, props: outs, inputs };
  },

  async update(id, olds, news) {
    const target = existingTarget(olds);
    const current: WireWebhook = {
      id,
      name: olds.name,
      url: olds.url,
      events: olds.events,
      enabled: olds.enabled,
      created_at: olds.createdAt,
      updated_at: olds.updatedAt,
    };
    const updated = await converge(target, id, current, news);
    return { outs: webhookOutputs(updated ?? current, news, target) };
  },

  async delete(id, olds) {
    const target = existingTarget(olds);
    forgetListed(target, listedWebhooks.kind, id);
    await unlessNotFound(() => target.client.request({ method: "DELETE", path: webhookPath(target, id), context: "Webhook delete" }));
  },
};

// ---------------------------------------------------------------------------------------------
// Resource

/**
 * A RealtimeKit webhook. Deliveries are signed (`rtk-signature`); verify them with
 * `verifyWebhookSignature`.
 *
 * - Create: POST. After an ambiguous failure the webhook is looked up by URL before any retry,
 *   so a lost response never makes a duplicate.
 * - Update: one PATCH with only the changed fields; the order of `events` never matters.
 * - Delete: DELETE (a webhook already gone counts as deleted).
 * - Adopt an existing webhook by URL with `adoptExisting: true`.
 *
 * @example
 * ```ts
 * const ended = new Webhook("ended", { name: "session ended", url: "https://example.com/rtk", events: ["meeting.ended"] });
 * ```
 */
export class Webhook extends AppResource {
  /** The webhook's name. */
  declare readonly name: pulumi.Output<string>;
  /** The receiving URL. */
  declare readonly url: pulumi.Output<string>;
  /** The subscribed events. */
  declare readonly events: pulumi.Output<WebhookEvent[]>;
  /** Whether events are delivered. */
  declare readonly enabled: pulumi.Output<boolean>;

  constructor(name: string, args: WebhookArgs, opts?: pulumi.CustomResourceOptions) {
    super(webhookProvider, "Webhook", name, WEBHOOK_FIELDS, { ...args, ...claimantOf("Webhook", name) }, opts);
  }
}
