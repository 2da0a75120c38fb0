import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { JsonSchema } from "../provider/component/jsonSchema";

const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));

/**
 * The errors of `value` against a JSON Schema (draft-07) as `<instance path>: <message>` lines, empty
 * when it is valid: the tests check that the published schema agrees with the loader on documents.
 */
export function jsonSchemaErrors(value: unknown, schema: JsonSchema): string[] {
  // Ajv keeps every schema by its `$id` and refuses a second one with the same: the generated schemas
  // are the same whenever they are made, so the first compiled serves.
  const id = typeof schema.$id === "string" ? schema.$id : undefined;
  const validate: ValidateFunction = (id !== undefined ? ajv.getSchema(id) : undefined) ?? ajv.compile(schema as object);
  return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || "(root)"}: ${error.message}`);
}
