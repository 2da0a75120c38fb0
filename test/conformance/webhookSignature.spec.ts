import assert from "node:assert/strict";
import { verify } from "node:crypto";
import { type Receiver, startReceiver } from "../emulator/helpers";
import { dataOf, describeTargets, emulatorOf } from "./harness";

describeTargets("Conformance: webhook deliveries", ({ target }) => {
  let receiver: Receiver | undefined;

  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  it("signs each delivery's raw body with the key from /.well-known/webhooks.json", async function () {
    const t = target();
    const emulator = emulatorOf(this, t);
    receiver = await startReceiver();
    const scope = { account_id: t.accountId };
    const webhook = await t.client.realtimeKit.webhooks.createWebhook(t.appId, {
      ...scope,
      name: "signed",
      url: receiver.url,
      events: ["meeting.started", "meeting.participantJoined", "meeting.participantLeft", "meeting.ended"],
    });
    const meeting = dataOf(await t.client.realtimeKit.meetings.create(t.appId, { ...scope, title: "signed" }));
    const { session } = emulator.join(meeting.id, 1);
    await t.client.realtimeKit.activeSession.kickAllParticipants(meeting.id, { ...scope, app_id: t.appId });
    await emulator.waitForDeliveries();

    const wellKnown = (await (await fetch(`${emulator.origin}/.well-known/webhooks.json`)).json()) as {
      success: boolean;
      data: { publicKey: string };
      message: string;
    };
    assert.equal(wellKnown.success, true);
    assert.equal(wellKnown.message, "");
    const publicKey = wellKnown.data.publicKey;

    const events = receiver.received.map((request) => {
      const signature = Buffer.from(String(request.headers["rtk-signature"]), "base64");
      assert.equal(verify("sha256", request.rawBody, publicKey, signature), true);
      assert.equal(request.headers["rtk-webhook-id"], webhook.data.id);
      assert.match(String(request.headers["rtk-uuid"]), /^[0-9a-f-]{36}$/);
      const payload = JSON.parse(request.rawBody.toString("utf8")) as { event: string; meeting: { sessionId: string } };
      assert.equal(payload.meeting.sessionId, session.id);
      return payload.event;
    });
    assert.deepEqual(events, ["meeting.started", "meeting.participantJoined", "meeting.participantLeft", "meeting.ended"]);
    const ended = JSON.parse(receiver.received[3].rawBody.toString("utf8")) as { reason: string };
    assert.equal(ended.reason, "HOST_ENDED_MEETING");
  });
});
