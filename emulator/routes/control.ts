/**
 * The control API under `/__emulator` (no authentication; loopback only). Bodies and answers use
 * camelCase (this is the emulator's own API); resource objects inside answers keep the
 * RealtimeKit wire shape. Every answer is `{ success: true, data }`; errors use the RealtimeKit
 * error body. Reference: `emulator/README.md`.
 */
import type { Controller } from "../control";
import { ok } from "../envelope";
import { badRequest } from "../errors";
import type { FaultSpec } from "../faults";
import type { Route } from "../router";
import { arr, bool, num, obj, opt, str, validate } from "../validation/schema";

const joinSchema = obj({
  count: opt(num({ integer: true, min: 1, max: 1000 })),
  participantIds: opt(arr(str({ nonEmpty: true }), { minItems: 1 })),
  presetName: opt(str({ nonEmpty: true })),
});

const leaveSchema = obj({
  count: opt(num({ integer: true, min: 1 })),
  participantIds: opt(arr(str({ nonEmpty: true }), { minItems: 1 })),
});

const clockSchema = obj({ advanceMs: opt(num({ min: 0 })), now: opt(str({ nonEmpty: true })) });

const latencySchema = obj({ ms: opt(num({ min: 0 })) });

const rateLimitSchema = obj({
  enabled: opt(bool()),
  limit: opt(num({ integer: true, min: 1 })),
  windowMs: opt(num({ integer: true, min: 1 })),
  lockoutMs: opt(num({ integer: true, min: 1 })),
});

/** Routes under `/__emulator`. */
export function controlRoutes(control: Controller): Route[] {
  return [
    {
      method: "POST",
      pattern: "/reset",
      handler: () => {
        control.reset();
        return ok({ reset: true });
      },
    },
    { method: "GET", pattern: "/state", handler: () => ok(control.state()) },
    { method: "GET", pattern: "/requests", handler: () => ok(control.requests()) },
    {
      method: "DELETE",
      pattern: "/requests",
      handler: () => {
        control.clearRequests();
        return ok({ cleared: true });
      },
    },
    {
      method: "GET",
      pattern: "/webhook-deliveries",
      handler: async ({ query }) => {
        const wait = query.get("wait");
        return ok(wait === "true" || wait === "1" ? await control.waitForDeliveries() : control.deliveries());
      },
    },
    {
      method: "POST",
      pattern: "/meetings/:meeting_id/join",
      handler: ({ params, body }) => ok(control.join(params.meeting_id, validate(joinSchema, body ?? {}))),
    },
    {
      method: "POST",
      pattern: "/meetings/:meeting_id/leave",
      handler: ({ params, body }) => ok(control.leave(params.meeting_id, validate(leaveSchema, body ?? {}))),
    },
    { method: "GET", pattern: "/faults", handler: () => ok(control.faults()) },
    {
      method: "POST",
      pattern: "/faults",
      handler: ({ body }) => ok(control.addFault((body ?? {}) as FaultSpec)),
    },
    {
      method: "DELETE",
      pattern: "/faults",
      handler: () => {
        control.clearFaults();
        return ok({ cleared: true });
      },
    },
    { method: "GET", pattern: "/clock", handler: () => ok({ now: control.now() }) },
    {
      method: "POST",
      pattern: "/clock",
      handler: ({ body }) => {
        const { advanceMs, now } = validate<{ advanceMs?: number; now?: string }>(clockSchema, body ?? {});
        if ((advanceMs === undefined) === (now === undefined)) {
          throw badRequest("give exactly one of advanceMs or now");
        }
        if (now !== undefined && !Number.isFinite(Date.parse(now))) {
          throw badRequest("now must be an ISO 8601 date-time");
        }
        return ok({ now: now !== undefined ? control.setClock(now) : control.advanceClock(advanceMs ?? 0) });
      },
    },
    { method: "GET", pattern: "/latency", handler: () => ok({ ms: control.latency() }) },
    {
      method: "POST",
      pattern: "/latency",
      handler: ({ body }) => {
        const { ms } = validate<{ ms?: number }>(latencySchema, body ?? {});
        if (ms === undefined) {
          throw badRequest("ms is required");
        }
        control.setLatency(ms);
        return ok({ ms });
      },
    },
    { method: "GET", pattern: "/rate-limit", handler: () => ok(control.rateLimit()) },
    {
      method: "POST",
      pattern: "/rate-limit",
      handler: ({ body }) => {
        const { enabled, ...limits } = validate<{ enabled?: boolean; limit?: number; windowMs?: number; lockoutMs?: number }>(
          rateLimitSchema,
          body ?? {},
        );
        control.setRateLimit(enabled === false ? false : limits);
        return ok(control.rateLimit());
      },
    },
  ];
}
