/**
 * The spec checker itself: it must catch what the issue found (wrong success statuses, a preset
 * PATCH answer without `data.id`, out-of-range values), or the conformance suites prove nothing.
 */
import assert from "node:assert/strict";
import { SpecChecker } from "./openapi";

const KIT = "/accounts/0123456789abcdef0123456789abcdef/realtime/kit";
const APP = "11111111-1111-4111-8111-111111111111";
const ID = "22222222-2222-4222-8222-222222222222";
const NOW = "2026-01-01T00:00:00.000Z";

describe("Spec checker", () => {
  const checker = new SpecChecker();

  it("refuses a success status the spec does not list (add participant answering 200)", () => {
    const problems = checker.checkResponse("POST", `${KIT}/${APP}/meetings/${ID}/participants`, 200, { success: true, data: {} });
    assert.equal(problems.length, 1);
    assert.match(problems[0].problem, /success status 200 is not in the spec's list \(201, 500\)/);
  });

  it("refuses a preset PATCH answer without data.id", () => {
    const problems = checker.checkResponse("PATCH", `${KIT}/${APP}/presets/${ID}`, 200, { success: true, data: { name: "host" } });
    assert.ok(
      problems.some((problem) => /must have required property 'id'/.test(problem.problem)),
      JSON.stringify(problems),
    );
  });

  it("refuses out-of-range and mistyped values in request bodies, and accepts nullable fields as null", () => {
    const meetings = `${KIT}/${APP}/meetings`;
    assert.deepEqual(checker.checkRequestBody("POST", meetings, { title: null, session_keep_alive_time_in_secs: 600 }), []);
    const problems = checker.checkRequestBody("POST", meetings, {
      session_keep_alive_time_in_secs: 30,
      ai_config: { summarization: { word_limit: 2000 } },
    });
    assert.deepEqual(problems.map((problem) => problem.problem.split(" {")[0]).sort(), [
      "/ai_config/summarization/word_limit must be <= 1000",
      "/session_keep_alive_time_in_secs must be >= 60",
    ]);
    const picture = checker.checkRequestBody("POST", `${meetings}/${ID}/participants`, {
      custom_participant_id: "u",
      preset_name: "p",
      picture: "no uri",
    });
    assert.match(picture[0]?.problem ?? "", /\/picture must match format "uri"/);
  });

  it("matches literal path segments before parameters (webhooks/all is its own operation)", () => {
    assert.equal(checker.operationOf("GET", `${KIT}/${APP}/webhooks/all`)?.operationId, "getAllWebhookEvents");
    assert.equal(checker.operationOf("GET", `${KIT}/${APP}/webhooks/${ID}`)?.operationId, "getWebhook");
    assert.equal(checker.operationOf("GET", `${KIT}/apps/${APP}`)?.operationId, "get_app");
  });

  it("checks undeclared error statuses against the RealtimeKit error body (waiver undeclared-error-statuses)", () => {
    const meeting = `${KIT}/${APP}/meetings/${ID}`;
    assert.deepEqual(
      checker.checkResponse("GET", meeting, 404, { success: false, error: { code: 404, message: "Meeting not found" } }),
      [],
    );
    assert.equal(checker.checkResponse("GET", meeting, 404, { success: false, message: "nope" }).length > 0, true);
    assert.equal(checker.checkResponse("GET", meeting, 404, { success: false, error: { code: 400, message: "x" } }).length, 1);
    assert.deepEqual(
      checker.checkResponse("GET", meeting, 200, {
        success: true,
        data: { id: ID, created_at: NOW, updated_at: NOW, status: "ACTIVE", session_keep_alive_time_in_secs: 60 },
      }),
      [],
    );
  });
});
