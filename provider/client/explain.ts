/**
 * The lines the REST client gives the person running Pulumi when a request waits: for the request
 * budget, for a 429's `Retry-After`, or before it retries a failure (see `notices/`).
 */
import type { BudgetWait } from "./budget";
import type { Failure } from "./retry";
import { plural } from "../../common/words";

/** `ms` as whole seconds, at least 1 (`"8 s"`). */
export function seconds(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))} s`;
}

/** Why a request waits for the budget. */
export function describeBudgetWait(wait: BudgetWait): string {
  if (wait.kind === "window") {
    return (
      `waiting ${seconds(wait.waitMs)} for the request budget: ${plural(wait.started, "request")} started in the last ` +
      `${seconds(wait.windowMs)}, the most allowed (realtimekit:maxRequestsPerWindow ${wait.maxRequests} per ` +
      `rateLimitWindowSeconds ${Math.round(wait.windowMs / 1000)})`
    );
  }
  const kept = [
    wait.inFlight > 0 ? `${wait.inFlight} of ours on their way` : undefined,
    wait.reserve > 0 ? `${wait.reserve} kept for other clients of the token` : undefined,
  ].filter((part) => part !== undefined);
  return (
    `waiting ${seconds(wait.waitMs)} for the API's rate limit: it reported ${plural(wait.remaining, "request")} left ` +
    `for this token in its window${kept.length > 0 ? ` (${kept.join(", ")})` : ""}, and room in ${seconds(wait.waitMs)}`
  );
}

/** What went wrong with an attempt, in a few words. */
export function describeFailure(failure: Failure): string {
  switch (failure.kind) {
    case "status":
      return `HTTP ${failure.status}`;
    case "network":
      return `a network error (${failure.code})`;
    case "timeout":
      return "no answer in time";
  }
}

/** The line for a 429 whose `Retry-After` holds back every request on the token. */
export function describeRateLimitPause(context: string, waitMs: number): string {
  return (
    `${context}: the API answered 429 (rate limited); waiting ${seconds(waitMs)} as its Retry-After asks, ` +
    "and every other request on this token with it"
  );
}

/** The line before the first retry of a request. */
export function describeRetry(context: string, failure: Failure, delayMs: number, maxRetries: number): string {
  return `${context}: ${describeFailure(failure)}; retrying in ${seconds(delayMs)} (up to ${plural(maxRetries, "retry", "retries")})`;
}

/** The line for a create whose answer was lost, resolved by looking up what it made. */
export function describeRecoveredCreate(context: string, id: unknown): string {
  return `${context}: the API's answer to the create was lost; a lookup found the object it made${typeof id === "string" ? ` (id ${id})` : ""}, so it was not created twice`;
}
