/**
 * Shared by the reliability specs (the CI sample of `npm run reliability`; see docs/reliability.md).
 * The scenarios live in harness/reliability/; the specs run them with small parameters and
 * assert the invariants. Every spec file ends by checking that no credential used so far appears in
 * anything the engine printed or threw.
 */
import assert from "node:assert/strict";
import { transcriptLeaks } from "../../harness/reliability/fixture";

/** Mocha timeout for one reliability test. */
export const RELIABILITY_TIMEOUT_MS = 300_000;

/** Prints a measured figure under the test title. */
export function note(line: string): void {
  console.log(`      ${line}`);
}

/** No token or storage credential in any CLI output, verbose log or error message so far. */
export function assertNoLeaks(): void {
  assert.deepEqual(transcriptLeaks(), [], "a credential appears in the engine output or an error message");
}
