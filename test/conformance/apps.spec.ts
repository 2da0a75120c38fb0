import assert from "node:assert/strict";
import { BadRequestError } from "cloudflare";
import { describeTargets, emulatorOf, expectApiError, ISO_MS, UUID } from "./harness";

describeTargets("Conformance: apps", ({ target }) => {
  it("list answers apps with paging, including the configured app", async () => {
    const t = target();
    const res = await t.client.realtimeKit.apps.get({ account_id: t.accountId, per_page: 100, page_no: 1 });
    assert.equal(res.success, true);
    const app = res.data?.find((a) => a.id === t.appId);
    assert.ok(app, "configured app listed");
    assert.match(app.created_at ?? "", ISO_MS);
    assert.equal(typeof res.paging?.total_count, "number");
  });

  // Apps cannot be deleted, so creating one is emulator-only.
  it("create answers data.app; names need not be unique; search and sort_order work", async function () {
    const t = target();
    emulatorOf(this, t);
    const first = await t.client.realtimeKit.apps.post({ account_id: t.accountId, name: "conformance-app" });
    assert.equal(first.success, true);
    assert.match(first.data?.app?.id ?? "", UUID);
    assert.equal(first.data?.app?.name, "conformance-app");
    assert.match(first.data?.app?.created_at ?? "", ISO_MS);
    const second = await t.client.realtimeKit.apps.post({ account_id: t.accountId, name: "conformance-app" });
    const found = await t.client.realtimeKit.apps.get({ account_id: t.accountId, search: "CONFORMANCE-app", sort_order: "DESC" });
    assert.deepEqual(
      found.data?.map((a) => a.id),
      [second.data?.app?.id, first.data?.app?.id],
    );
    assert.deepEqual(found.paging, { start_offset: 0, end_offset: 1, total_count: 2 });
    await expectApiError(
      t,
      t.client.realtimeKit.apps.post({ account_id: t.accountId, name: "" }),
      BadRequestError,
      "name must not be empty",
    );
  });
});
