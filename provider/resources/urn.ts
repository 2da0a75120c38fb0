/**
 * How a dynamic resource tells its provider which resource it is: Pulumi's dynamic-provider host
 * passes no URN to the provider, so each resource sends its own as a hidden input (`host.ts` takes
 * it out before the implementation sees the inputs and attaches the provider's notices to it).
 */
import * as pulumi from "@pulumi/pulumi";

/** The hidden input that carries the URN. */
export const URN_PROPERTY = "__urn";

/**
 * The URN the engine will give the dynamic resource `name` of kind `kind` (type
 * `pulumi-nodejs:dynamic/realtimekit:<kind>`) under `opts.parent`.
 */
export function dynamicResourceUrn(kind: string, name: string, opts: pulumi.CustomResourceOptions | undefined): pulumi.Output<string> {
  const urn = pulumi.createUrn(name, `pulumi-nodejs:dynamic/realtimekit:${kind}`, opts?.parent);
  // The URN is a name, not a dependency. createUrn's output depends on the parent, and a resource
  // that depends on a component waits for all of the component's children: itself among them.
  return pulumi.output(new Promise<string>((resolve) => urn.apply(resolve)));
}
