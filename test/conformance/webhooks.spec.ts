import assert from "node:assert/strict";
import { ConflictError, NotFoundError } from "cloudflare";
import { describeTargets, emulatorOf, expectApiError, ISO_MS, unique, UUID } from "./harness";

describeTargets("Conformance: webhooks", ({ target, cleanup }) => {
  const created: string[] = [];

  cleanup(async (t) => {
    for (const id of created) {
      await t.client.realtimeKit.webhooks.deleteWebhook(id, { account_id: t.accountId, app_id: t.appId }).catch(() => undefined);
    }
  });

  const url = () => `https://example.com/rtk-conformance/${unique("hook")}`;

  it("list answers NotFoundError while the app has no webhook", async function () {
    const t = target();
    const emulator = emulatorOf(this, t);
    emulator.reset();
    await expectApiError(
      t,
      t.client.realtimeKit.webhooks.getWebhooks(t.appId, { account_id: t.accountId }),
      NotFoundError,
      `No webhooks found for app ${t.appId}`,
    );
  });

  it("create (201), get, list, PATCH, PUT and DELETE", async () => {
    const t = target();
    const webhooks = t.client.realtimeKit.webhooks;
    const params = { account_id: t.accountId, app_id: t.appId };
    const first = url();
    const { data: res, response } = await webhooks
      .createWebhook(t.appId, {
        account_id: t.accountId,
        name: "conformance",
        url: first,
        events: ["meeting.started", "meeting.ended"],
      })
      .withResponse();
    created.push(res.data.id);
    assert.equal(response.status, 201);
    assert.equal(res.success, true);
    assert.match(res.data.id, UUID);
    assert.match(res.data.created_at, ISO_MS);
    assert.deepEqual(res.data, {
      id: res.data.id,
      name: "conformance",
      url: first,
      events: ["meeting.started", "meeting.ended"],
      enabled: true,
      created_at: res.data.created_at,
      updated_at: res.data.updated_at,
    });

    assert.deepEqual((await webhooks.getWebhookByID(res.data.id, params)).data, res.data);
    const list = await webhooks.getWebhooks(t.appId, { account_id: t.accountId });
    assert.deepEqual(
      list.data.filter((w) => w.id === res.data.id),
      [res.data],
    );

    const edited = await webhooks.editWebhook(res.data.id, { ...params, enabled: false });
    assert.deepEqual({ ...edited.data, updated_at: res.data.updated_at }, { ...res.data, enabled: false });

    const second = url();
    const replaced = await webhooks.replaceWebhook(res.data.id, {
      ...params,
      name: "replaced",
      url: second,
      events: ["meeting.participantJoined"],
      enabled: true,
    });
    assert.equal(replaced.data.url, second);
    const got = await webhooks.getWebhookByID(res.data.id, params);
    assert.deepEqual(
      [got.data.name, got.data.url, got.data.events, got.data.enabled],
      ["replaced", second, ["meeting.participantJoined"], true],
    );

    const deleted = await webhooks.deleteWebhook(res.data.id, params);
    assert.deepEqual(deleted.data, got.data);
    await expectApiError(t, webhooks.getWebhookByID(res.data.id, params), NotFoundError, `Webhook ${res.data.id} not found`);
  });

  it("create answers ConflictError for a URL already used in the app", async () => {
    const t = target();
    const shared = url();
    const res = await t.client.realtimeKit.webhooks.createWebhook(t.appId, {
      account_id: t.accountId,
      name: "a",
      url: shared,
      events: ["meeting.started"],
    });
    created.push(res.data.id);
    await expectApiError(
      t,
      t.client.realtimeKit.webhooks.createWebhook(t.appId, { account_id: t.accountId, name: "b", url: shared, events: ["meeting.ended"] }),
      ConflictError,
      `A webhook with url ${shared} already exists in app ${t.appId}`,
    );
  });
});
