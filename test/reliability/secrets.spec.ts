/**
 * Scenario 5: the API token and storage credentials never appear in plain text in the state, the
 * CLI output, the verbose engine logs or any error message; credential errors name the config key.
 */
import assert from "node:assert/strict";
import { NEVER_IN_SDK_DEBUG_LINES, runSecretsScenario } from "../../harness/reliability/secrets";
import { RELIABILITY_TIMEOUT_MS, assertNoLeaks, note } from "./helpers";

describe("Reliability: credentials and secrets", function () {
  this.timeout(RELIABILITY_TIMEOUT_MS);

  it("keeps credentials out of state, output, -v=9 / --debug logs and error messages", async () => {
    const result = await runSecretsScenario();
    note(`${Math.round(result.bytesSearched / 1024)} KiB searched in ${result.checks.length} places`);
    for (const check of result.checks.filter((c) => c.expected || c.inSdkDebugLines.length > 0)) {
      note(`measured: ${check.where}: ${[...check.found, ...check.inSdkDebugLines].join(", ") || "nothing"}`);
    }
    assert.ok(result.configCredentialsDelivered, "the credentials named in credentialsFromConfig should reach the API");
    for (const check of result.checks.filter((c) => !c.expected)) {
      assert.deepEqual(check.found, [], `credential in ${check.where}`);
      // The Node SDK's own debug lines print resource inputs, so literal storage credentials, but
      // never what the provider reads from stack config: the token and credentialsFromConfig.
      for (const name of NEVER_IN_SDK_DEBUG_LINES) {
        assert.ok(!check.inSdkDebugLines.includes(name), `${name} in SDK debug lines of ${check.where}`);
      }
    }
    assert.equal(result.errors.length, 3);
    for (const error of result.errors) {
      note(`${error.case}: ${error.message.replace(/^.*error: /, "").slice(0, 160)}`);
      assert.equal(error.ok, false, `${error.case}: the up should fail`);
      assert.ok(error.namesKey, `${error.case}: the message should name the config key: ${error.message}`);
      assert.equal(error.containsToken, false, `${error.case}: the message contains the token`);
      assert.equal(error.writes, 0, `${error.case}: something was written`);
    }
  });

  after(assertNoLeaks);
});
