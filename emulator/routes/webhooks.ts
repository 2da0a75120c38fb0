/**
 * Webhooks: create (201), list (no paging; an app with none: 404, or `200 []` under the
 * `emptyWebhookList: "200"` variant), get, PATCH, PUT and DELETE (answers the deleted object).
 * URLs are unique per app (409). `enabled` defaults to true on create and PUT (the spec's
 * `default: true`; the `webhookEnabledDefault` variant flips it).
 */
import type { EmulatorContext } from "../context";
import { ok } from "../envelope";
import { conflict, EmulatorHttpError } from "../errors";
import { newId } from "../ids";
import type { Route, RouteRequest } from "../router";
import { type AppData, requireRecord, type WebhookRecord } from "../store";
import { validateWebhookBody, validateWebhookPatch } from "../validation/webhook";
import { webhookView } from "../views";
import { appOf, byCreation } from "./common";

/** 409 when another webhook of the app already uses `url`. */
function assertUrlFree(app: AppData, url: string, exceptId?: string): void {
  for (const webhook of app.webhooks.values()) {
    if (webhook.url === url && webhook.id !== exceptId) {
      throw conflict(`A webhook with url ${url} already exists in app ${app.app.id}`);
    }
  }
}

/** Routes under `/accounts/{account_id}/realtime/kit/{app_id}/webhooks`. */
export function webhookRoutes(ctx: EmulatorContext): Route[] {
  const webhookOf = (request: RouteRequest) => {
    const app = appOf(ctx, request);
    return { app, webhook: requireRecord(app.webhooks, "Webhook", request.params.webhook_id) };
  };

  return [
    {
      method: "POST",
      pattern: "/:app_id/webhooks",
      handler: (request) => {
        const app = appOf(ctx, request);
        const body = validateWebhookBody(request.body ?? {});
        assertUrlFree(app, body.url);
        const now = ctx.clock.iso();
        const webhook: WebhookRecord = {
          id: newId(),
          app_id: app.app.id,
          name: body.name,
          url: body.url,
          events: [...body.events],
          enabled: body.enabled ?? ctx.options.variants.webhookEnabledDefault,
          created_at: now,
          updated_at: now,
        };
        app.webhooks.set(webhook.id, webhook);
        return ok(webhookView(webhook), { status: 201 });
      },
    },
    {
      method: "GET",
      pattern: "/:app_id/webhooks",
      handler: (request) => {
        const app = appOf(ctx, request);
        if (app.webhooks.size === 0 && ctx.options.variants.emptyWebhookList === "404") {
          throw new EmulatorHttpError(404, `No webhooks found for app ${app.app.id}`);
        }
        return ok(byCreation(app.webhooks.values()).map(webhookView));
      },
    },
    {
      method: "GET",
      pattern: "/:app_id/webhooks/:webhook_id",
      handler: (request) => ok(webhookView(webhookOf(request).webhook)),
    },
    {
      method: "PATCH",
      pattern: "/:app_id/webhooks/:webhook_id",
      handler: (request) => {
        const { app, webhook } = webhookOf(request);
        const body = validateWebhookPatch(request.body ?? {});
        if (body.url !== undefined) {
          assertUrlFree(app, body.url, webhook.id);
        }
        webhook.name = body.name ?? webhook.name;
        webhook.url = body.url ?? webhook.url;
        webhook.events = body.events === undefined ? webhook.events : [...body.events];
        webhook.enabled = body.enabled ?? webhook.enabled;
        webhook.updated_at = ctx.clock.iso();
        return ok(webhookView(webhook));
      },
    },
    {
      method: "PUT",
      pattern: "/:app_id/webhooks/:webhook_id",
      handler: (request) => {
        const { app, webhook } = webhookOf(request);
        const body = validateWebhookBody(request.body ?? {});
        assertUrlFree(app, body.url, webhook.id);
        webhook.name = body.name;
        webhook.url = body.url;
        webhook.events = [...body.events];
        webhook.enabled = body.enabled ?? ctx.options.variants.webhookEnabledDefault;
        webhook.updated_at = ctx.clock.iso();
        return ok(webhookView(webhook));
      },
    },
    {
      method: "DELETE",
      pattern: "/:app_id/webhooks/:webhook_id",
      handler: (request) => {
        const { app, webhook } = webhookOf(request);
        app.webhooks.delete(webhook.id);
        return ok(webhookView(webhook));
      },
    },
  ];
}
