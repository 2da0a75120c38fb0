/**
 * The Pulumi package schema of the `realtimekit` provider plugin, built from the very validation
 * schemas the resources' `check()` uses (the same objects the config file's JSON Schema comes
 * from), so the SDKs Pulumi generates for other languages cannot drift from what the provider
 * accepts. Descriptions are passed in: `scripts/generate-schema.ts` reads them from the TSDoc of
 * the TypeScript arguments and writes the result to `schema/pulumi.schema.json`, which the plugin
 * serves.
 * @internal
 */
import { CONFIG_SETTINGS } from "../config";
import { Schema } from "../shared/check";
import { withFields } from "../component/configSchema";
import { appSchema } from "../resources/app";
import { meetingSchema } from "../resources/meetingSchema";
import { presetSchema } from "../resources/preset";
import { presetConfigSchema, presetPermissionsSchema, presetUiSchema } from "../resources/presetTree";
import { STORAGE_CREDENTIAL_FIELDS } from "../resources/storageCredentials";
import { webhookSchema } from "../resources/webhook";

/** The package name: the `realtimekit` of `realtimekit:index:Meeting` and of `realtimekit:apiToken`. */
export const PACKAGE_NAME = "realtimekit";

/** The resource kinds the plugin serves, in schema order. */
export const RESOURCE_KINDS = ["Meeting", "Webhook", "Preset", "App"] as const;

/** One resource kind. */
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** The type token of a kind, e.g. `realtimekit:index:Meeting`. */
export function typeToken(kind: string): string {
  return `${PACKAGE_NAME}:index:${kind}`;
}

/** A node of a Pulumi package schema (JSON). */
export type PulumiSchemaNode = { [keyword: string]: unknown };

type ObjectSchema = Extract<Schema, { kind: "object" }>;

/** The validation schema of each kind's inputs; a preset's tree is validated by its own schemas. */
export const INPUT_SCHEMAS: Record<ResourceKind, ObjectSchema> = {
  Meeting: meetingSchema as ObjectSchema,
  Webhook: webhookSchema as ObjectSchema,
  Preset: withFields(presetSchema as ObjectSchema, {
    config: presetConfigSchema,
    permissions: presetPermissionsSchema,
    ui: presetUiSchema,
  }),
  App: appSchema as ObjectSchema,
};

const STRING: Schema = { kind: "string" };
const BOOLEAN: Schema = { kind: "boolean" };

/** Outputs besides the inputs, by kind (the API's timestamps and where the object lives). */
export const EXTRA_OUTPUTS: Record<ResourceKind, Record<string, Schema>> = {
  Meeting: { accountId: STRING, appId: STRING, createdAt: STRING, updatedAt: STRING },
  Webhook: { accountId: STRING, appId: STRING, createdAt: STRING, updatedAt: STRING },
  Preset: { accountId: STRING, appId: STRING, createdAt: STRING, updatedAt: STRING },
  App: { accountId: STRING, appId: STRING, adopted: BOOLEAN, createdAt: STRING },
};

/**
 * Properties that are secret wherever they appear: the storage credentials of a meeting's
 * recording config (paths as in the descriptions, e.g. `Meeting.recordingConfig.storageConfig.secret`).
 */
export const SECRET_PATHS: readonly string[] = STORAGE_CREDENTIAL_FIELDS.map((field) => `Meeting.recordingConfig.storageConfig.${field}`);

/** What Pulumi's code generators accept as a property name. */
const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** PascalCase of a camelCase path segment. */
function pascal(segment: string): string {
  return segment.charAt(0).toUpperCase() + segment.slice(1);
}

/** Builds the package schema; see the module comment. */
export class PulumiSchemaBuilder {
  private readonly types: Record<string, PulumiSchemaNode> = {};

  constructor(private readonly descriptions: Readonly<Record<string, string>>) {}

  /** A property's type spec (`type`, `items`, `$ref`, ...) with its description, for the node at `path`. */
  property(schema: Schema, path: string, typeName: string): PulumiSchemaNode {
    const spec = this.typeSpec(schema, path, typeName);
    const description = this.describe(schema, path);
    return {
      ...spec,
      ...(description !== undefined ? { description } : {}),
      ...(SECRET_PATHS.includes(path) ? { secret: true } : {}),
    };
  }

  private describe(schema: Schema, path: string): string | undefined {
    const base = this.descriptions[path];
    const shaped = schema.kind === "custom" ? schema.shape : schema;
    const allowed = shaped?.kind === "enum" ? `One of ${shaped.values.map((value) => `\`${value}\``).join(", ")}.` : undefined;
    if (base === undefined) {
      return allowed;
    }
    return allowed === undefined || base.includes(allowed) ? base : `${base}\n\n${allowed}`;
  }

  private typeSpec(schema: Schema, path: string, typeName: string): PulumiSchemaNode {
    switch (schema.kind) {
      case "string":
      case "enum":
        return { type: "string" };
      case "boolean":
        return { type: "boolean" };
      case "number":
        return { type: schema.integer ? "integer" : "number" };
      case "any":
        return { $ref: "pulumi.json#/Any" };
      case "array":
        return { type: "array", items: this.typeSpec(schema.items, `${path}[]`, `${typeName}Item`) };
      case "record":
        return { type: "object", additionalProperties: this.typeSpec(schema.values, `${path}.*`, `${typeName}Entry`) };
      case "object":
        if (!Object.keys(schema.fields).every((key) => PROPERTY_NAME.test(key))) {
          return this.mapOf(schema, path, typeName);
        }
        return { $ref: `#/types/${this.objectType(schema, path, typeName)}` };
      case "custom":
        if (schema.shape === undefined) {
          throw new Error(`no shape for the custom validation at "${path}": give the custom node a shape`);
        }
        return this.typeSpec(schema.shape, path, typeName);
    }
  }

  /**
   * An object whose keys are not property names (the shades `600` ... `1000` of a preset colour):
   * a map, typed when every value has the same type.
   */
  private mapOf(schema: ObjectSchema, path: string, typeName: string): PulumiSchemaNode {
    const specs = Object.entries(schema.fields).map(([key, field]) => this.typeSpec(field, `${path}.${key}`, `${typeName}${pascal(key)}`));
    const same = specs.every((spec) => JSON.stringify(spec) === JSON.stringify(specs[0]));
    return { type: "object", additionalProperties: same && specs.length > 0 ? specs[0] : { $ref: "pulumi.json#/Any" } };
  }

  /** Declares the named object type of the node at `path` and returns its token. */
  private objectType(schema: ObjectSchema, path: string, typeName: string): string {
    const token = typeToken(typeName);
    this.types[token] = {
      type: "object",
      ...(this.descriptions[path] !== undefined ? { description: this.descriptions[path] } : {}),
      properties: this.properties(schema.fields, path, typeName),
      ...(schema.required !== undefined && schema.required.length > 0 ? { required: [...schema.required] } : {}),
    };
    return token;
  }

  /** The properties of an object, by name. */
  properties(fields: Readonly<Record<string, Schema>>, path: string, typeName: string): Record<string, PulumiSchemaNode> {
    return Object.fromEntries(
      Object.entries(fields).map(([key, field]) => [key, this.property(field, `${path}.${key}`, `${typeName}${pascal(key)}`)]),
    );
  }

  /** The resource of a kind: its inputs, and outputs = inputs plus {@link EXTRA_OUTPUTS}. */
  resource(kind: ResourceKind): PulumiSchemaNode {
    const inputs = INPUT_SCHEMAS[kind];
    const inputProperties = this.properties(inputs.fields, kind, kind);
    const outputs = { ...inputProperties, ...this.properties(EXTRA_OUTPUTS[kind], kind, kind) };
    return {
      ...(this.descriptions[kind] !== undefined ? { description: this.descriptions[kind] } : {}),
      properties: outputs,
      required: Object.keys(EXTRA_OUTPUTS[kind]).filter((key) => key !== "createdAt" && key !== "updatedAt"),
      inputProperties,
      ...(inputs.required !== undefined && inputs.required.length > 0 ? { requiredInputs: [...inputs.required] } : {}),
    };
  }

  /** The whole package schema. */
  build(): PulumiSchemaNode {
    const resources = Object.fromEntries(RESOURCE_KINDS.map((kind) => [typeToken(kind), this.resource(kind)]));
    const variables = Object.fromEntries(
      CONFIG_SETTINGS.map((setting) => [
        setting.key.slice(`${PACKAGE_NAME}:`.length),
        {
          type: "string",
          description: `${setting.description} Environment variable: \`${setting.env}\`.`,
          ...(setting.secret ? { secret: true } : {}),
        },
      ]),
    );
    return {
      name: PACKAGE_NAME,
      displayName: "Cloudflare RealtimeKit",
      description: "Cloudflare RealtimeKit meetings, webhooks, presets and apps as Pulumi resources.",
      keywords: ["pulumi", "cloudflare", "realtimekit", "category/cloud"],
      license: "Apache-2.0",
      config: { variables },
      provider: {
        description: "The RealtimeKit provider: credentials and client settings (stack config `realtimekit:*` for the default provider).",
        inputProperties: variables,
      },
      resources,
      types: Object.fromEntries(Object.entries(this.types).sort(([a], [b]) => a.localeCompare(b))),
      language: {
        nodejs: { packageName: "@pulumi-realtimekit/realtimekit", respectSchemaVersion: true },
        python: { packageName: "pulumi_realtimekit", respectSchemaVersion: true },
        go: { importBasePath: "example.com/pulumi-realtimekit/sdk/go/realtimekit", respectSchemaVersion: true },
        csharp: { rootNamespace: "PulumiRealtimeKit", respectSchemaVersion: true },
      },
    };
  }
}

/**
 * The package schema with the given descriptions (by path: `Meeting.title`,
 * `Preset.permissions.media`). Without `version`: the plugin adds its package version when serving.
 */
export function pulumiPackageSchema(descriptions: Readonly<Record<string, string>> = {}): PulumiSchemaNode {
  return new PulumiSchemaBuilder(descriptions).build();
}
