import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { configJsonSchema, presetEntrySchema } from "../../provider/component/configSchema";
import { JsonSchema, caseInsensitiveSource, patternOf, propertyPaths, toJsonSchema } from "../../provider/component/jsonSchema";
import { ConfigFileError, parseRealtimeKitConfig } from "../../provider/component/loader";
import { validateMeeting } from "../../provider/resources/meetingSchema";
import { Schema } from "../../provider/shared/check";
import { jsonSchemaErrors } from "../../harness/jsonSchemaErrors";
import { CONFIG_DOC_FILE, PROPERTY_REFERENCE_MARKERS, generatedFiles, staleFiles } from "../../scripts/generate-schema";

const root = path.resolve(__dirname, "..", "..");

describe("toJsonSchema", () => {
  const rows: Array<[string, Schema, JsonSchema]> = [
    ["a boolean", { kind: "boolean" }, { type: "boolean" }],
    [
      "a constrained string",
      { kind: "string", minLength: 1, maxLength: 9, pattern: /^a+$/ },
      { type: "string", minLength: 1, maxLength: 9, pattern: "^a+$" },
    ],
    ["an integer range", { kind: "number", integer: true, min: 1, max: 600 }, { type: "integer", minimum: 1, maximum: 600 }],
    ["a number", { kind: "number", min: 0 }, { type: "number", minimum: 0 }],
    ["an enum", { kind: "enum", values: ["A", "B"] }, { type: "string", enum: ["A", "B"] }],
    [
      "a unique non-empty list",
      { kind: "array", items: { kind: "boolean" }, minItems: 1, unique: true },
      { type: "array", items: { type: "boolean" }, minItems: 1, uniqueItems: true },
    ],
    ["a nullable list", { kind: "array", items: { kind: "any" }, nullable: true }, { type: ["array", "null"], items: {} }],
    ["a record", { kind: "record", values: { kind: "boolean" } }, { type: "object", additionalProperties: { type: "boolean" } }],
    [
      "an object",
      { kind: "object", required: ["a"], fields: { a: { kind: "boolean" }, b: { kind: "any" } } },
      {
        type: "object",
        properties: { a: { type: "boolean" }, b: {} },
        additionalProperties: false,
        required: ["a"],
      },
    ],
  ];
  for (const [description, schema, expected] of rows) {
    it(`converts ${description}`, () => {
      assert.deepEqual(toJsonSchema(schema), expected);
    });
  }

  it("uses the fragment given for a custom node, by path", () => {
    const schema: Schema = { kind: "object", fields: { url: { kind: "custom", validate: () => undefined } } };
    assert.deepEqual(toJsonSchema(schema, { fragments: { url: { type: "string", format: "uri" } } }).properties, {
      url: { type: "string", format: "uri" },
    });
  });

  it("refuses a custom node without a fragment", () => {
    const schema: Schema = { kind: "record", values: { kind: "object", fields: { x: { kind: "custom", validate: () => undefined } } } };
    assert.throws(() => toJsonSchema(schema), {
      message: 'no JSON Schema fragment for the custom validation at "*.x"; add one to the fragments',
    });
  });

  it("adds descriptions and a scalar alternative", () => {
    const schema: Schema = { kind: "object", fields: { n: { kind: "number" }, s: { kind: "string" } } };
    const json = toJsonSchema(schema, { descriptions: { n: "A number." }, scalarAlternative: { $ref: "#/definitions/reference" } });
    assert.deepEqual(json.properties, {
      n: { description: "A number.", anyOf: [{ type: "number" }, { $ref: "#/definitions/reference" }] },
      s: { type: "string" },
    });
  });

  it("rewrites case-insensitive patterns", () => {
    assert.equal(caseInsensitiveSource("^[0-9a-f]{32}$"), "^[0-9a-fA-F]{32}$");
    assert.equal(caseInsensitiveSource("^rtmps?:\\/\\/\\S+$"), "^[rR][tT][mM][pP][sS]?:\\/\\/\\S+$");
    assert.equal(caseInsensitiveSource("[^\\s/?#x]"), "[^\\s/?#xX]");
    assert.equal(patternOf(/^#(?:[0-9a-f]{3,4})$/i), "^#(?:[0-9a-fA-F]{3,4})$");
    assert.throws(() => patternOf(/a/g), { message: 'cannot express the regular expression flags "g" of /a/g in JSON Schema' });
  });
});

describe("schema/realtimekit.schema.json", () => {
  const schema = configJsonSchema();

  it("is committed as the generator writes it (and so are the overlay schema and the docs table)", () => {
    assert.deepEqual(staleFiles(), [], "run: npx ts-node --transpile-only scripts/generate-schema.ts");
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(root, "schema/realtimekit.schema.json"), "utf8")), schema);
    assert.ok(Object.keys(generatedFiles()).includes(CONFIG_DOC_FILE));
  });

  it("describes the preset tree with the preset resource's own schema", () => {
    const preset = (schema.definitions as Record<string, JsonSchema>).preset;
    assert.deepEqual(Object.keys(preset.properties as object), Object.keys(presetEntrySchema.fields));
    const paths = propertyPaths(schema);
    for (const leaf of [
      "presets.*.permissions.media.audio.canProduce",
      "presets.*.ui.designTokens.colors.brand.500",
      "presets.*.permissions.plugins.config",
    ]) {
      assert.ok(paths.includes(leaf), leaf);
    }
  });

  it("lists the storage fields the meeting validator accepts", () => {
    const failures = validateMeeting({ recordingConfig: { storageConfig: { type: "gcs", zzz: 1 } } });
    const accepted = failures[0].reason.replace("unknown property; expected one of ", "").split(", ");
    const storage = (
      (
        ((schema.definitions as Record<string, JsonSchema>).meeting.properties as Record<string, JsonSchema>).recordingConfig
          .properties as Record<string, JsonSchema>
      ).storageConfig.oneOf as JsonSchema[]
    )[1];
    assert.deepEqual(Object.keys(storage.properties as object), accepted);
  });

  it("has no required fields in the overlay variant, whose entries may be null", () => {
    const overlay = configJsonSchema({ overlay: true });
    assert.doesNotMatch(JSON.stringify(overlay), /"required"|"if"/);
    assert.deepEqual(jsonSchemaErrors({ webhooks: { ended: { enabled: false } }, meetings: { sandbox: null } }, overlay), []);
    assert.notDeepEqual(jsonSchemaErrors({ webhooks: { ended: { enabled: false } } }, schema), []);
  });

  const documents: Array<[string, string, boolean]> = [
    [
      "a full valid file",
      [
        "app: { name: acme }",
        "presets:",
        "  host:",
        "    config: { viewType: GROUP_CALL, maxVideoStreams: { desktop: 9 }, livestreamViewerQualities: null }",
        "    permissions: { kickParticipant: true, media: { audio: { canProduce: ALLOWED } }, plugins: { config: { 0f1e2d3c-4b5a-4987-8654-3210fedcba98: { accessControl: VIEW_ONLY, custom: 1 } } } }",
        '    ui: { designTokens: { theme: dark, logo: https://x.example/logo.png, colors: { brand: { "500": "#ff0000" } } } }',
        "webhooks:",
        '  ended: { url: https://x.example/hook, events: [meeting.ended, meeting.started], enabled: "${values.on}" }',
        "meetings:",
        '  standup: { title: "${app.name} standup", status: INACTIVE, sessionKeepAliveTimeInSecs: 600 }',
        "  rec:",
        "    recordingConfig:",
        '      storageConfig: { type: aws, bucket: b, region: r, accessKey: "${values.k}", secret: "${values.s}" }',
      ].join("\n"),
      true,
    ],
    ["a bad status", "meetings: { a: { status: PAUSED } }", false],
    ["a keep-alive out of range", "meetings: { a: { sessionKeepAliveTimeInSecs: 601 } }", false],
    ["a fractional number", "meetings: { a: { sessionKeepAliveTimeInSecs: 1.5 } }", false],
    ["an unknown property", "meetings: { a: { titel: x } }", false],
    ["a placement input", "webhooks: { a: { url: https://x.example, appId: x } }", false],
    ["a webhook without url", "webhooks: { a: { events: [meeting.ended] } }", false],
    ["a non-http webhook url", "webhooks: { a: { url: ftp://x.example } }", false],
    ["an empty event list", "webhooks: { a: { url: https://x.example, events: [] } }", false],
    ["a duplicate event", "webhooks: { a: { url: https://x.example, events: [meeting.ended, meeting.ended] } }", false],
    ["a bad entry name", 'meetings: { "a b": {} }', false],
    ["a bad color", "presets: { p: { ui: { designTokens: { colors: { danger: red } } } } }", false],
    ["a bad plugin id", "presets: { p: { permissions: { plugins: { config: { nope: {} } } } } }", false],
    ["a literal storage secret", "meetings: { a: { recordingConfig: { storageConfig: { type: gcs, secret: hunter2 } } } }", false],
    [
      "aws storage without region",
      'meetings: { a: { recordingConfig: { storageConfig: { type: aws, accessKey: "${values.k}" } } } }',
      false,
    ],
    ["a null storage config", "meetings: { a: { recordingConfig: { storageConfig: null } } }", true],
    ["an unknown top-level key", "meeting: {}", false],
    ["an app id", "app: { id: 14a396e7-ca44-4937-bf1f-050a69118543 }", true],
  ];
  for (const [description, text, valid] of documents) {
    it(`agrees with the loader on ${description}`, () => {
      let loaderValid = true;
      try {
        parseRealtimeKitConfig([{ file: "realtimekit.yaml", text }], { values: ["on", "k", "s"] });
      } catch (error) {
        assert.ok(error instanceof ConfigFileError, String(error));
        loaderValid = false;
      }
      const schemaErrors = jsonSchemaErrors(parse(text), schema);
      assert.equal(loaderValid, valid, "loader");
      assert.equal(schemaErrors.length === 0, valid, `JSON Schema: ${schemaErrors.join("; ")}`);
    });
  }
});

describe("docs/config-file.md", () => {
  const doc = fs.readFileSync(path.join(root, CONFIG_DOC_FILE), "utf8");
  const paths = propertyPaths(configJsonSchema()).map((p) => p.replace(/\*/g, "<name>"));

  it("mentions every property of the schema", () => {
    const missing = paths.filter((p) => !doc.includes(`\`${p}\``));
    assert.deepEqual(missing, []);
  });

  it("explains every top-level key and entry field outside the generated table", () => {
    const prose = doc.slice(0, doc.indexOf(PROPERTY_REFERENCE_MARKERS.start));
    const entryLevel = paths.filter((p) => /^[^.]+$|^app\.[^.]+$|^(presets|webhooks|meetings)\.<name>\.[^.]+$/.test(p));
    const missing = entryLevel.filter((p) => !prose.includes(`\`${p}\``));
    assert.deepEqual(missing, []);
  });
});
