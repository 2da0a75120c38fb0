/**
 * Webhook body schemas: `name`, `url` and `events` are required on create and PUT, everything is
 * optional on PATCH; `events` holds only the nine documented names.
 */
import { WEBHOOK_EVENTS, type WebhookEventName } from "../limits";
import { arr, bool, obj, oneOf, opt, req, type Schema, str, validate } from "./schema";

const eventsSchema = arr(oneOf(WEBHOOK_EVENTS), { minItems: 1, unique: true });

/** Create / PUT body. */
export const webhookBodySchema: Schema = obj({
  name: req(str({ nonEmpty: true })),
  url: req(str({ format: "http-url" })),
  events: req(eventsSchema),
  enabled: opt(bool()),
});

/** A validated webhook body. */
export interface WebhookBody {
  readonly name: string;
  readonly url: string;
  readonly events: WebhookEventName[];
  readonly enabled?: boolean;
}

/** Validates a create or PUT body. */
export function validateWebhookBody(body: unknown): WebhookBody {
  return validate<WebhookBody>(webhookBodySchema, body);
}

/** Validates a PATCH body (every field optional). */
export function validateWebhookPatch(body: unknown): Partial<WebhookBody> {
  return validate<Partial<WebhookBody>>(webhookBodySchema, body, { partial: true });
}
