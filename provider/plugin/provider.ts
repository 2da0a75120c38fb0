/**
 * The `realtimekit` provider plugin's resource provider: one object serving every type token by
 * dispatching to the same implementations the dynamic resources use (`host.ts`), so the two
 * faces share their check, diff, create, read, update and delete. What this layer adds is only
 * what the gRPC boundary needs: the kind from the URN, and secrets revealed on the way in and
 * marked on the way out (`secrets.ts`).
 * @internal
 */
import type * as pulumi from "@pulumi/pulumi";
import { ServedProvider, implementations, workingFor } from "../host";
import { RESOURCE_KINDS, ResourceKind, SECRET_PATHS } from "./schema";
import { RevealedProperties, protectProperties, revealProperties } from "./secrets";

/** The type token of a URN (`urn:pulumi:<stack>::<project>::<parent$>type::<name>`). */
export function typeOfUrn(urn: string): string {
  const qualifiedType = urn.split("::")[2] ?? "";
  return qualifiedType.split("$").pop() ?? "";
}

/** The kind served for a type token, e.g. `Meeting` for `realtimekit:index:Meeting`. */
export function kindOfType(type: string): ResourceKind {
  const match = /^realtimekit:index:(\w+)$/.exec(type);
  const kind = match?.[1];
  if (kind === undefined || !(RESOURCE_KINDS as readonly string[]).includes(kind)) {
    throw new Error(
      `unknown resource type ${JSON.stringify(type)}; the realtimekit provider serves ${RESOURCE_KINDS.map((k) => `realtimekit:index:${k}`).join(", ")}`,
    );
  }
  return kind as ResourceKind;
}

/** The secret paths of a kind's properties, relative to the resource (`recordingConfig.storageConfig.secret`). */
function alwaysSecret(kind: ResourceKind): string[] {
  return SECRET_PATHS.filter((path) => path.startsWith(`${kind}.`)).map((path) => path.slice(kind.length + 1));
}

/** The provider object handed to `provider.main` (see `main.ts`). */
export class RealtimeKitProvider implements pulumi.provider.Provider {
  constructor(
    readonly version: string,
    private readonly loadSchema: () => Promise<string>,
  ) {}

  getSchema(): Promise<string> {
    return this.loadSchema();
  }

  private serve(urn: string): { kind: ResourceKind; implementation: ServedProvider } {
    const kind = kindOfType(typeOfUrn(urn));
    return { kind, implementation: workingFor(urn, implementations[kind]) };
  }

  /** Marks secret what came in secret and what is secret always. */
  private protect(
    kind: ResourceKind,
    properties: Record<string, unknown> | undefined,
    ...from: RevealedProperties[]
  ): Record<string, unknown> {
    const secretKeys = from.flatMap((bag) => [...bag.secretKeys]);
    return protectProperties(properties ?? {}, secretKeys, alwaysSecret(kind));
  }

  async check(urn: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.provider.CheckResult> {
    const { kind, implementation } = this.serve(urn);
    const given = revealProperties(news);
    const result = await implementation.check(revealProperties(olds).plain, given.plain);
    return { inputs: this.protect(kind, result.inputs, given), failures: result.failures ?? [] };
  }

  async diff(id: string, urn: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.provider.DiffResult> {
    const { implementation } = this.serve(urn);
    return implementation.diff(id, revealProperties(olds).plain, revealProperties(news).plain);
  }

  async create(urn: string, inputs: Record<string, unknown>): Promise<pulumi.provider.CreateResult> {
    const { kind, implementation } = this.serve(urn);
    const given = revealProperties(inputs);
    const result = await this.keepingSecretsOnFailure(kind, given, () => implementation.create(given.plain));
    return { id: result.id, outs: this.protect(kind, result.outs, given) };
  }

  async read(id: string, urn: string, props?: Record<string, unknown>): Promise<pulumi.provider.ReadResult> {
    const { kind, implementation } = this.serve(urn);
    const stored = revealProperties(props);
    const result = await implementation.read(id, stored.plain);
    return {
      id: result.id,
      props: this.protect(kind, result.props, stored),
      ...(result.inputs !== undefined ? { inputs: this.protect(kind, result.inputs, stored) } : {}),
    };
  }

  async update(
    id: string,
    urn: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.provider.UpdateResult> {
    const { kind, implementation } = this.serve(urn);
    const given = revealProperties(news);
    const result = await this.keepingSecretsOnFailure(kind, given, () =>
      implementation.update(id, revealProperties(olds).plain, given.plain),
    );
    return { outs: this.protect(kind, result.outs, given) };
  }

  async delete(id: string, urn: string, props: Record<string, unknown>): Promise<void> {
    const { implementation } = this.serve(urn);
    await implementation.delete(id, revealProperties(props).plain);
  }

  /**
   * Runs an operation whose failure may carry the properties of an object that exists anyway
   * (`ResourceInitError`): those go to state too, so they are protected like any output.
   */
  private async keepingSecretsOnFailure<T>(kind: ResourceKind, given: RevealedProperties, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      const failure = error as { id?: unknown; properties?: Record<string, unknown> };
      if (typeof failure?.id === "string" && failure.properties !== undefined) {
        failure.properties = this.protect(kind, failure.properties, given);
      }
      throw error;
    }
  }
}
