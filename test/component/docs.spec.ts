/** The README's reference stays complete: every setting, every resource input and every public export. */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { CONFIG_SETTINGS } from "../../provider/config";
import { appSchema } from "../../provider/resources/app";
import { meetingSchema } from "../../provider/resources/meetingSchema";
import { presetSchema } from "../../provider/resources/preset";
import { webhookSchema } from "../../provider/resources/webhook";
import { Schema } from "../../provider/shared/check";
import * as api from "../../provider";

const reference = fs.readFileSync(path.resolve(__dirname, "..", "..", "README.md"), "utf8");
const fieldsOf = (schema: Schema) => (schema.kind === "object" ? Object.keys(schema.fields) : []);

describe("README reference", () => {
  it("documents every config key and environment variable", () => {
    const missing = CONFIG_SETTINGS.flatMap((setting) => [setting.key, setting.env]).filter((name) => !reference.includes(`\`${name}\``));
    assert.deepEqual(missing, []);
  });

  for (const [kind, schema] of [
    ["Meeting", meetingSchema],
    ["Webhook", webhookSchema],
    ["Preset", presetSchema],
    ["App", appSchema],
  ] as const) {
    it(`documents every input of ${kind}`, () => {
      const section = reference.slice(reference.indexOf(`### ${kind}`));
      const common = ["accountId", "appId"];
      const missing = fieldsOf(schema).filter(
        (field) => !section.includes(`| \`${field}\` |`) && !(common.includes(field) && reference.includes(`| \`${field}\` | string |`)),
      );
      assert.deepEqual(missing, []);
    });
  }

  it("mentions every runtime export of the package", () => {
    const missing = Object.keys(api).filter((name) => !reference.includes(name));
    assert.deepEqual(missing, []);
  });
});
