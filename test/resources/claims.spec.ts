import assert from "node:assert/strict";
import { presetImplementation } from "../../provider/resources/preset";
import { webhookImplementation } from "../../provider/resources/webhook";
import { CLAIMANT_KEY, claimantOf, resetClaims } from "../../provider/resources/claims";
import { UNKNOWN_VALUE } from "../../provider/shared/check";
import type { ServedProvider } from "../../provider/host";
import { configureRuntime } from "../../provider/runtime";

const ACCOUNT = "0123456789abcdef0123456789abcdef";

describe("Uniqueness claims in check()", () => {
  const check = (impl: ServedProvider, news: Record<string, unknown>) => impl.check({}, news);

  before(() => {
    configureRuntime(
      new Map([
        ["realtimekit:accountId", ACCOUNT],
        ["realtimekit:appId", "app-1"],
        ["realtimekit:apiToken", "t"],
      ]),
    );
  });
  after(() => configureRuntime(undefined));
  beforeEach(() => resetClaims());

  it("fails the second preset claiming a name in the same app, naming both, and strips the claimant", async () => {
    const first = await check(presetImplementation, { name: "host", ...claimantOf("Preset", "a") });
    assert.deepEqual(first.failures, []);
    assert.equal(Object.hasOwn(first.inputs ?? {}, CLAIMANT_KEY), false);
    const again = await check(presetImplementation, { name: "host", ...claimantOf("Preset", "a") });
    assert.deepEqual(again.failures, [], "the same resource checked twice is no conflict");
    const second = await check(presetImplementation, { name: "host", ...claimantOf("Preset", "b") });
    assert.deepEqual(second.failures, [
      {
        property: "name",
        reason:
          'Preset "b" and Preset "a" both use the preset name "host" in app app-1; the API allows one per app (the second create would fail with 409)',
      },
    ]);
  });

  it("allows the same name in another app, and lets unknown names or apps through", async () => {
    assert.deepEqual((await check(presetImplementation, { name: "host", ...claimantOf("Preset", "a") })).failures, []);
    assert.deepEqual((await check(presetImplementation, { name: "host", appId: "app-2", ...claimantOf("Preset", "b") })).failures, []);
    assert.deepEqual(
      (await check(presetImplementation, { name: "host", appId: UNKNOWN_VALUE, ...claimantOf("Preset", "c") })).failures,
      [],
    );
    assert.deepEqual((await check(presetImplementation, { name: UNKNOWN_VALUE, ...claimantOf("Preset", "d") })).failures, []);
  });

  it("fails the second webhook claiming a URL in the same app", async () => {
    const url = "https://example.com/hook";
    assert.deepEqual((await check(webhookImplementation, { name: "a", url, ...claimantOf("Webhook", "a") })).failures, []);
    const second = await check(webhookImplementation, { name: "b", url, ...claimantOf("Webhook", "b") });
    assert.equal(second.failures?.[0]?.property, "url");
    assert.match(second.failures?.[0]?.reason ?? "", /^Webhook "b" and Webhook "a" both use the webhook URL "https:\/\/example.com\/hook"/);
  });
});
