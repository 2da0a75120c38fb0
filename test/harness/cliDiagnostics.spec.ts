import assert from "node:assert/strict";
import { budgetWaits, diagnosticLines, diagnosticsOf, resourceName } from "../../harness/cliDiagnostics";

/** The end of a `pulumi up` output (v3.274.1) with budget waits and a warning, as the CLI prints it. */
const UP_OUTPUT = `Updating (bench):
     Type                                        Name                              Status
 +   pulumi:pulumi:Stack                         rtk-bench-small-rate-limit-bench  created (23s)
 +   ├─ pulumi-nodejs:dynamic/realtimekit:Webhook  hook-25                         created (11s)

Diagnostics:
  pulumi-nodejs:dynamic/realtimekit:Webhook (hook-25):
    waiting 10 s for the API's rate limit: it reported 4 requests left for this token in its window (2 of ours on their way, 2 kept for other clients of the token), and room in 10 s

  realtimekit:index:Meeting (town-hall):
    warning: meeting "Town hall" (id 1) has a live session with 3 participants: up will end it (kick-all) before setting INACTIVE
    waiting 3 s for the request budget: 20 requests started in the last 10 s, the most allowed (realtimekit:maxRequestsPerWindow 20 per rateLimitWindowSeconds 10)

Resources:
    + 41 created

Duration: 23s
`;

describe("harness: the CLI's Diagnostics section", () => {
  it("reads each line with the resource it is printed under", () => {
    const lines = diagnosticLines(diagnosticsOf(UP_OUTPUT));
    assert.deepEqual(
      lines.map(({ resource, line }) => [resourceName(resource), line.slice(0, 30)]),
      [
        ["hook-25", "waiting 10 s for the API's rat"],
        ["town-hall", 'warning: meeting "Town hall" ('],
        ["town-hall", "waiting 3 s for the request bu"],
      ],
    );
    assert.equal(lines[0].resource, "pulumi-nodejs:dynamic/realtimekit:Webhook (hook-25)");
  });

  it("picks the budget's waits, both kinds, and nothing else", () => {
    const waits = budgetWaits(diagnosticsOf(UP_OUTPUT));
    assert.deepEqual(
      waits.map(({ line }) => /^waiting \d+ s for the [^:]+/.exec(line)?.[0]),
      ["waiting 10 s for the API's rate limit", "waiting 3 s for the request budget"],
    );
  });

  it("of an up that prints its preview's section first, reads the update's", () => {
    const preview =
      "Previewing update (bench):\n\nDiagnostics:\n  realtimekit:index:Meeting (town-hall):\n    warning: up will end it\n\nResources:\n    ~ 1 to update\n\n";
    assert.deepEqual(
      diagnosticLines(diagnosticsOf(preview + UP_OUTPUT)).map(({ line }) => line.slice(0, 12)),
      ["waiting 10 s", "warning: mee", "waiting 3 s "],
    );
  });

  it("finds no section in an output without one (e.g. an up stopped before its summary)", () => {
    const stopped = UP_OUTPUT.slice(0, UP_OUTPUT.indexOf("Diagnostics:"));
    assert.equal(diagnosticsOf(stopped), "");
    assert.deepEqual(budgetWaits(diagnosticsOf(stopped)), []);
  });
});
