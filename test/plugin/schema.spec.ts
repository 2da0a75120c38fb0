/**
 * The Pulumi package schema: generated from the validation schemas (so it cannot drift from what
 * `check` accepts), secrets marked, served by the plugin with the package version. That the
 * committed schema/pulumi.schema.json is up to date is checked with the other generated files in
 * test/component/schema.spec.ts.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { CONFIG_SETTINGS } from "../../provider/config";
import { INPUT_SCHEMAS, RESOURCE_KINDS, pulumiPackageSchema, typeToken } from "../../provider/plugin/schema";

const committed = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "schema", "pulumi.schema.json"), "utf8"));

describe("Plugin schema", () => {
  const schema = pulumiPackageSchema() as any;

  it("declares each resource's inputs exactly as its validation schema, with the required ones", () => {
    for (const kind of RESOURCE_KINDS) {
      const resource = schema.resources[typeToken(kind)];
      assert.deepEqual(Object.keys(resource.inputProperties).sort(), Object.keys(INPUT_SCHEMAS[kind].fields).sort(), kind);
      assert.deepEqual(resource.requiredInputs ?? [], [...(INPUT_SCHEMAS[kind].required ?? [])], kind);
      for (const key of Object.keys(resource.inputProperties)) {
        assert.ok(key in resource.properties, `${kind}.${key} is an input but not an output`);
      }
    }
  });

  it("has the provider configuration of the dynamic resources, the token secret", () => {
    assert.deepEqual(
      Object.keys(schema.config.variables).map((key) => `realtimekit:${key}`),
      CONFIG_SETTINGS.map((setting) => setting.key),
    );
    assert.equal(schema.config.variables.apiToken.secret, true);
    assert.deepEqual(schema.provider.inputProperties, schema.config.variables);
  });

  it("marks the storage credentials secret and nests the preset tree in named types", () => {
    const storage = schema.types["realtimekit:index:MeetingRecordingConfigStorageConfig"];
    for (const field of ["accessKey", "secret", "password", "privateKey"]) {
      assert.equal(storage.properties[field].secret, true, field);
    }
    assert.equal(storage.properties.bucket.secret, undefined);
    assert.deepEqual(schema.types["realtimekit:index:PresetPermissions"].properties.kickParticipant.type, "boolean");
    // Keys that are not property names (colour shades) become a map.
    assert.deepEqual(schema.types["realtimekit:index:PresetUiDesignTokensColors"].properties.background.additionalProperties, {
      type: "string",
    });
  });

  it("carries the TSDoc of the arguments in the committed file", () => {
    const meeting = committed.resources["realtimekit:index:Meeting"];
    assert.match(meeting.description, /A RealtimeKit meeting/);
    assert.match(meeting.inputProperties.status.description, /kick-all/);
    assert.match(meeting.inputProperties.status.description, /One of `ACTIVE`, `INACTIVE`\./);
    assert.match(committed.types["realtimekit:index:PresetPermissions"].properties.kickParticipant.description, /kickAll\(\)/);
  });
});
