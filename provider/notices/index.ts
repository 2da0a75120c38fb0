/**
 * What the provider tells the person running Pulumi while it works: one line, attached to the
 * resource it concerns, when it waits, retries, adopts, recovers a lost create or ends a live
 * session, and a warning when a planned change will drop people from a live session.
 *
 * A provider method runs inside {@link withResource}, which names the resource (its URN) for
 * everything reported below it, however deep (the REST client reports its waits without knowing
 * which resource asked). Lines go to the engine's diagnostics (`engineLog.ts`), so the CLI prints
 * them under the resource and `pulumi preview --json` / Automation API events carry them with the
 * URN; tests install their own sink with {@link setNoticeSink}.
 * @internal
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { engineNoticeSink } from "./engineLog";

/** How loud a notice is: `info` explains what the provider is doing, `warning` asks for attention. */
export type NoticeSeverity = "info" | "warning";

/** One line for the person running Pulumi. */
export interface Notice {
  readonly severity: NoticeSeverity;
  readonly message: string;
  /** The resource it concerns (`""` when no resource is known, e.g. a stack upgraded from an older version). */
  readonly urn: string;
}

/** Where notices go. `deliver` may be asynchronous; the operation waits for it before it answers the engine. */
export interface NoticeSink {
  deliver(notice: Notice): Promise<void> | void;
}

interface ResourceScope {
  readonly urn: string;
  /** Deliveries started inside the scope and not yet awaited. */
  readonly pending: Promise<void>[];
}

const scopes = new AsyncLocalStorage<ResourceScope>();
let sink: NoticeSink | undefined;

/** Replaces where notices go (tests); `undefined` restores the engine's diagnostics. */
export function setNoticeSink(replacement: NoticeSink | undefined): void {
  sink = replacement;
}

/**
 * Runs one provider operation on behalf of the resource `urn`: every notice reported while it runs
 * is attached to that resource, and the operation answers only once they are delivered, so the
 * engine prints them before the resource's outcome.
 */
export async function withResource<T>(urn: string, operation: () => Promise<T>): Promise<T> {
  const scope: ResourceScope = { urn, pending: [] };
  try {
    return await scopes.run(scope, operation);
  } finally {
    await Promise.allSettled(scope.pending);
  }
}

/** Tells the person running Pulumi `message`, attached to the resource being worked on. */
export function notify(message: string, severity: NoticeSeverity = "info"): void {
  const scope = scopes.getStore();
  const notice: Notice = { severity, message, urn: scope?.urn ?? "" };
  const delivery = Promise.resolve()
    .then(() => (sink ?? engineNoticeSink()).deliver(notice))
    .catch(() => undefined);
  scope?.pending.push(delivery);
}

/** {@link notify} with `warning` severity. */
export function warn(message: string): void {
  notify(message, "warning");
}
