/**
 * The provider objects that Pulumi serializes into every resource's state (`__provider`).
 *
 * They hold no logic: each call loads the implementation installed in `node_modules` by package
 * name and forwards to it, so refresh and destroy run the installed code rather than a copy frozen
 * into state. Each stub is the whole `module.exports` of its own file, so when the package is
 * installed the serializer stores just `require("pulumi-realtimekit/dist/provider/stubs/<kind>.js")`:
 * a few hundred bytes, byte-identical across package versions, so an upgrade causes no diff.
 * Changing these files or their paths changes every stack's `__provider`.
 * @internal
 */
import type * as pulumi from "@pulumi/pulumi";

/** The resource kinds the host serves. */
export type ProviderKind = "Meeting" | "Webhook" | "Preset" | "App";

/** A provider whose every method forwards to the installed implementation of `kind`. */
export function providerStub(kind: ProviderKind): pulumi.dynamic.ResourceProvider {
  const host = () => require("pulumi-realtimekit/dist/provider/host.js");
  return {
    configure: (req) => host().configure(req),
    check: (olds, news) => host().providers[kind].check(olds, news),
    diff: (id, olds, news) => host().providers[kind].diff(id, olds, news),
    create: (inputs) => host().providers[kind].create(inputs),
    read: (id, props) => host().providers[kind].read(id, props),
    update: (id, olds, news) => host().providers[kind].update(id, olds, news),
    delete: (id, props) => host().providers[kind].delete(id, props),
  };
}
