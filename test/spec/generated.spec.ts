import assert from "node:assert/strict";
import { SPEC_OPERATIONS } from "../../emulator/specOperations";
import { loadSpec, staleFiles } from "../../scripts/generate-spec-modules";

describe("Modules generated from the spec", () => {
  it("are up to date with spec/realtimekit-openapi.json (run scripts/generate-spec-modules.ts)", () => {
    assert.deepEqual(staleFiles(), []);
  });

  it("list all 62 operations of the spec", () => {
    assert.equal(SPEC_OPERATIONS.length, 62);
    assert.equal(loadSpec().operations.length, 62);
  });
});
