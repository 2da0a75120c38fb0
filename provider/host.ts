/**
 * The provider implementation, loaded by the serialized stubs (`stubs/factory.ts`) inside Pulumi's
 * dynamic-provider process. One module instance per process holds the configuration and the
 * shared REST clients (`runtime.ts`).
 * @internal
 */
import type * as pulumi from "@pulumi/pulumi";
import { configureRuntime } from "./runtime";
import type { ProviderKind } from "./stubs/factory";
import { appImplementation } from "./resources/app";
import { meetingImplementation } from "./resources/meeting";
import { presetImplementation } from "./resources/preset";
import { webhookImplementation } from "./resources/webhook";

/** Receives the stack config (all namespaces, full keys such as `realtimekit:apiToken`). */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  configureRuntime(req.config);
}

/**
 * A kind's provider methods as the engine-facing servers (the dynamic stubs, the plugin) call them:
 * every method but `configure`, with the property maps the engine passes. Each kind's typed
 * `ResourceImplementation` (`resources/implementation.ts`) is one.
 */
export type ServedProvider = Required<Omit<pulumi.dynamic.ResourceProvider, "configure">>;

/** The implementation of each resource kind. */
export const providers: Record<ProviderKind, ServedProvider> = {
  Meeting: meetingImplementation,
  Webhook: webhookImplementation,
  Preset: presetImplementation,
  App: appImplementation,
};
