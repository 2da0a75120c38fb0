/**
 * The provider implementation, loaded by the serialized stubs (`stubs/factory.ts`) inside Pulumi's
 * dynamic-provider process. One module instance per process holds the configuration and the
 * shared REST clients (`runtime.ts`).
 * @internal
 */
import type * as pulumi from "@pulumi/pulumi";
import { withResource } from "./notices";
import { configureRuntime } from "./runtime";
import type { ProviderKind } from "./stubs/factory";
import { appImplementation } from "./resources/app";
import { meetingImplementation } from "./resources/meeting";
import { presetImplementation } from "./resources/preset";
import { webhookImplementation } from "./resources/webhook";
import { URN_PROPERTY } from "./resources/urn";

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
export const implementations: Record<ProviderKind, ServedProvider> = {
  Meeting: meetingImplementation,
  Webhook: webhookImplementation,
  Preset: presetImplementation,
  App: appImplementation,
};

/**
 * `implementation` working for the resource `urn`: what it reports while it runs (waits, retries,
 * live sessions, see `notices/`) is attached to that resource.
 */
export function workingFor(urn: string, implementation: ServedProvider): ServedProvider {
  return {
    check: (olds, news) => withResource(urn, () => implementation.check(olds, news)),
    diff: (id, olds, news) => withResource(urn, () => implementation.diff(id, olds, news)),
    create: (inputs) => withResource(urn, () => implementation.create(inputs)),
    read: (id, props) => withResource(urn, () => implementation.read(id, props)),
    update: (id, olds, news) => withResource(urn, () => implementation.update(id, olds, news)),
    delete: (id, props) => withResource(urn, () => implementation.delete(id, props)),
  };
}

type Properties = Record<string, unknown>;

/** A property map without the URN the program added, and that URN (`""` in state older than it). */
function withoutUrn(properties: Properties | undefined): { urn: string; rest: Properties | undefined } {
  if (properties === undefined || !(URN_PROPERTY in properties)) {
    return { urn: "", rest: properties };
  }
  const { [URN_PROPERTY]: urn, ...rest } = properties;
  return { urn: typeof urn === "string" ? urn : "", rest };
}

/** `properties` with the URN put back, so that state keeps it for the operations that get only outputs (delete, read). */
function withUrn<T extends Properties | undefined>(properties: T, urn: string): T {
  return (properties === undefined || urn === "" ? properties : { ...properties, [URN_PROPERTY]: urn }) as T;
}

/**
 * The dynamic-provider face of an implementation. Pulumi's dynamic-provider host does not tell a
 * provider which resource it works for, so the resources pass their URN as the hidden input
 * {@link URN_PROPERTY}: taken out here before the implementation sees the properties (it never
 * shows in a diff), used to attach notices to the resource, and kept in the outputs for delete and
 * refresh.
 */
function servedDynamically(implementation: ServedProvider): ServedProvider {
  return {
    async check(olds, news) {
      const given = withoutUrn(news);
      const result = await withResource(given.urn, () => implementation.check(withoutUrn(olds).rest, given.rest));
      return { ...result, inputs: withUrn(result.inputs, given.urn) };
    },
    async diff(id, olds, news) {
      const given = withoutUrn(news);
      return withResource(given.urn, () => implementation.diff(id, withoutUrn(olds).rest, given.rest));
    },
    async create(inputs) {
      const given = withoutUrn(inputs);
      const result = await withResource(given.urn, () => implementation.create(given.rest));
      return { ...result, outs: withUrn(result.outs, given.urn) };
    },
    async read(id, props) {
      const stored = withoutUrn(props);
      const result = await withResource(stored.urn, () => implementation.read(id, stored.rest));
      if (result.props === undefined) {
        return result;
      }
      return {
        ...result,
        props: withUrn(result.props, stored.urn),
        ...(result.inputs ? { inputs: withUrn(result.inputs, stored.urn) } : {}),
      };
    },
    async update(id, olds, news) {
      const given = withoutUrn(news);
      const result = await withResource(given.urn, () => implementation.update(id, withoutUrn(olds).rest, given.rest));
      return { ...result, outs: withUrn(result.outs, given.urn) };
    },
    async delete(id, props) {
      const stored = withoutUrn(props);
      await withResource(stored.urn, () => implementation.delete(id, stored.rest));
    },
  };
}

/** What the dynamic stubs call: each kind's implementation behind {@link servedDynamically}. */
export const providers = Object.fromEntries(
  Object.entries(implementations).map(([kind, implementation]) => [kind, servedDynamically(implementation)]),
) as Record<ProviderKind, ServedProvider>;
