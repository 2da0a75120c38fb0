import assert from "node:assert/strict";
import { verify } from "node:crypto";
import { type RunningEmulator, startEmulator } from "../../emulator";
import { WEBHOOK_EVENTS } from "../../emulator/limits";
import { api, at, control, type Receiver, startReceiver, startTestEmulator, unusedUrl } from "./helpers";

describe("Emulator webhook delivery", () => {
  let emu: RunningEmulator;
  let receiver: Receiver;

  before(async () => {
    emu = await startTestEmulator();
  });
  after(() => emu.close());
  beforeEach(async () => {
    emu.reset();
    emu.setClock(at(0));
    receiver = await startReceiver();
  });
  afterEach(() => receiver.close());

  async function createWebhook(body: Record<string, unknown>): Promise<string> {
    const res = await api(emu, "POST", `/${emu.appId}/webhooks`, { body });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.data.id as string;
  }

  async function createMeeting(title = "Standup"): Promise<string> {
    const res = await api(emu, "POST", `/${emu.appId}/meetings`, { body: { title } });
    return res.body.data.id as string;
  }

  it("delivers signed meeting.started / participantJoined / participantLeft / ended in order", async () => {
    const webhookId = await createWebhook({ name: "all", url: receiver.url, events: [...WEBHOOK_EVENTS] });
    const meetingId = await createMeeting();
    const { session, joined } = emu.join(meetingId, 1);
    emu.advanceClock(5_000);
    emu.leave(meetingId);
    emu.advanceClock(60_000);
    const attempts = await emu.waitForDeliveries();

    assert.deepEqual(
      attempts.map((a) => [a.event, a.attempt, a.status, a.outcome, a.webhookId, a.url]),
      [
        ["meeting.started", 1, 200, "delivered", webhookId, receiver.url],
        ["meeting.participantJoined", 1, 200, "delivered", webhookId, receiver.url],
        ["meeting.participantLeft", 1, 200, "delivered", webhookId, receiver.url],
        ["meeting.ended", 1, 200, "delivered", webhookId, receiver.url],
      ],
    );
    assert.equal(receiver.received.length, 4);

    const bodies = receiver.received.map((r) => JSON.parse(r.rawBody.toString("utf8")));
    const meeting = {
      id: meetingId,
      sessionId: session.id,
      title: "Standup",
      roomName: meetingId,
      status: "LIVE",
      createdAt: at(0),
      startedAt: at(0),
      organizedBy: { id: emu.appId, name: "default" },
    };
    assert.deepEqual(bodies[0], { event: "meeting.started", meeting });
    assert.deepEqual(bodies[1], {
      event: "meeting.participantJoined",
      meeting,
      participant: {
        peerId: joined[0].peerId,
        userDisplayName: "Participant 1",
        customParticipantId: "emulator-participant-1",
        clientSpecificId: "emulator-participant-1",
        joinedAt: at(0),
        leftAt: null,
      },
    });
    assert.equal(bodies[2].participant.leftAt, at(5_000));
    assert.deepEqual(bodies[3], {
      event: "meeting.ended",
      meeting: { ...meeting, endedAt: at(65_000), organizedBy: meeting.organizedBy },
      reason: "ALL_PARTICIPANTS_LEFT",
    });

    for (const [index, request] of receiver.received.entries()) {
      assert.equal(request.method, "POST");
      assert.equal(request.headers["content-type"], "application/json");
      assert.equal(request.headers["rtk-webhook-id"], webhookId);
      assert.equal(request.headers["rtk-uuid"], attempts[index].rtkUuid);
      assert.equal(request.rawBody.toString("utf8"), attempts[index].body);
      const signature = Buffer.from(String(request.headers["rtk-signature"]), "base64");
      assert.equal(verify("sha256", request.rawBody, emu.publicKeyPem, signature), true);
      const tampered = Buffer.from(request.rawBody.toString("utf8").replace("Standup", "Standdown"));
      assert.equal(verify("sha256", tampered, emu.publicKeyPem, signature), false);
    }
  });

  it("reports HOST_ENDED_MEETING after kick-all", async () => {
    await createWebhook({ name: "ended", url: receiver.url, events: ["meeting.ended"] });
    const meetingId = await createMeeting();
    emu.join(meetingId, 2);
    await api(emu, "POST", `/${emu.appId}/meetings/${meetingId}/active-session/kick-all`);
    const attempts = await emu.waitForDeliveries();
    assert.deepEqual(
      attempts.map((a) => a.event),
      ["meeting.ended"],
    );
    assert.equal(JSON.parse(attempts[0].body).reason, "HOST_ENDED_MEETING");
  });

  it("sends only subscribed events, only to enabled webhooks of the meeting's app", async () => {
    const other = await startReceiver("/other");
    try {
      await createWebhook({ name: "joins", url: receiver.url, events: ["meeting.participantJoined"] });
      await createWebhook({ name: "off", url: other.url, events: [...WEBHOOK_EVENTS], enabled: false });
      const meetingId = await createMeeting();
      emu.join(meetingId, 2);
      const attempts = await emu.waitForDeliveries();
      assert.deepEqual(
        attempts.map((a) => [a.event, a.url]),
        [
          ["meeting.participantJoined", receiver.url],
          ["meeting.participantJoined", receiver.url],
        ],
      );
      assert.equal(other.received.length, 0);
    } finally {
      await other.close();
    }
  });

  it("drops events while a webhook is disabled and resumes when it is re-enabled", async () => {
    const webhookId = await createWebhook({ name: "w", url: receiver.url, events: ["meeting.started"], enabled: false });
    const first = await createMeeting("first");
    emu.join(first, 1);
    await api(emu, "PATCH", `/${emu.appId}/webhooks/${webhookId}`, { body: { enabled: true } });
    const second = await createMeeting("second");
    emu.join(second, 1);
    const attempts = await emu.waitForDeliveries();
    assert.deepEqual(
      attempts.map((a) => JSON.parse(a.body).meeting.title),
      ["second"],
    );
  });

  it("retries 5xx with a new rtk-uuid per attempt until a 2xx", async () => {
    receiver.respondWith(503, 500);
    await createWebhook({ name: "w", url: receiver.url, events: ["meeting.started"] });
    emu.join(await createMeeting(), 1);
    const attempts = await emu.waitForDeliveries();
    assert.deepEqual(
      attempts.map((a) => [a.attempt, a.status, a.outcome]),
      [
        [1, 503, "retrying"],
        [2, 500, "retrying"],
        [3, 200, "delivered"],
      ],
    );
    assert.equal(new Set(attempts.map((a) => a.rtkUuid)).size, 3);
    assert.equal(new Set(attempts.map((a) => a.deliveryId)).size, 1);
    assert.deepEqual(
      receiver.received.map((r) => r.headers["rtk-uuid"]),
      attempts.map((a) => a.rtkUuid),
    );
    assert.equal(new Set(receiver.received.map((r) => r.rawBody.toString("utf8"))).size, 1);
  });

  it("gives up after the configured retries", async () => {
    receiver.respondWith(500, 502, 503, 504, 500);
    await createWebhook({ name: "w", url: receiver.url, events: ["meeting.started"] });
    emu.join(await createMeeting(), 1);
    const attempts = await emu.waitForDeliveries();
    assert.deepEqual(
      attempts.map((a) => [a.attempt, a.status, a.outcome]),
      [
        [1, 500, "retrying"],
        [2, 502, "retrying"],
        [3, 503, "retrying"],
        [4, 504, "failed"],
      ],
    );
  });

  it("does not retry 4xx", async () => {
    receiver.respondWith(410);
    await createWebhook({ name: "w", url: receiver.url, events: ["meeting.started"] });
    emu.join(await createMeeting(), 1);
    const attempts = await emu.waitForDeliveries();
    assert.deepEqual(
      attempts.map((a) => [a.attempt, a.status, a.error, a.outcome]),
      [[1, 410, null, "failed"]],
    );
    assert.equal(receiver.received.length, 1);
  });

  it("retries network errors", async () => {
    const url = await unusedUrl();
    await createWebhook({ name: "w", url, events: ["meeting.started"] });
    emu.join(await createMeeting(), 1);
    const attempts = await emu.waitForDeliveries();
    assert.deepEqual(
      attempts.map((a) => [a.attempt, a.status, a.error, a.outcome]),
      [
        [1, null, "ECONNREFUSED", "retrying"],
        [2, null, "ECONNREFUSED", "retrying"],
        [3, null, "ECONNREFUSED", "retrying"],
        [4, null, "ECONNREFUSED", "failed"],
      ],
    );
  });

  it("does not block the API call that caused the event", async () => {
    receiver.respondWith(500, 500, 500, 500);
    await createWebhook({ name: "w", url: receiver.url, events: ["meeting.ended"] });
    const meetingId = await createMeeting();
    emu.join(meetingId, 1);
    const res = await api(emu, "POST", `/${emu.appId}/meetings/${meetingId}/active-session/kick-all`);
    assert.equal(res.status, 200);
    assert.equal(emu.deliveries().length < 4, true);
    await emu.webhooks.idle();
    assert.equal(emu.deliveries().length, 4);
  });

  it("serves deliveries on the control API, optionally after waiting", async () => {
    await createWebhook({ name: "w", url: receiver.url, events: ["meeting.started"] });
    emu.join(await createMeeting(), 1);
    const res = await control(emu, "GET", "/webhook-deliveries?wait=true");
    assert.equal(res.status, 200);
    assert.equal(res.body.data.length, 1);
    assert.deepEqual(Object.keys(res.body.data[0]).sort(), [
      "attempt",
      "body",
      "deliveryId",
      "error",
      "event",
      "outcome",
      "rtkUuid",
      "status",
      "time",
      "url",
      "webhookId",
    ]);
    assert.equal(res.body.data[0].time, at(0));
  });

  it("serves the public key at /.well-known/webhooks.json", async () => {
    const res = await fetch(`${emu.origin}/.well-known/webhooks.json`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { success: true, data: { publicKey: emu.publicKeyPem }, message: "" });
    assert.match(emu.publicKeyPem, /^-----BEGIN PUBLIC KEY-----\n/);
  });

  it("waits 100 ms, then 200 ms between attempts by default", async () => {
    const defaults = await startEmulator({ rateLimit: false });
    try {
      receiver.respondWith(500, 502);
      const created = await api(defaults, "POST", `/${defaults.appId}/webhooks`, {
        body: { name: "w", url: receiver.url, events: ["meeting.started"] },
      });
      assert.equal(created.status, 201);
      const meeting = await api(defaults, "POST", `/${defaults.appId}/meetings`, { body: {} });
      const started = Date.now();
      defaults.join(meeting.body.data.id, 1);
      const attempts = await defaults.waitForDeliveries();
      assert.deepEqual(
        attempts.map((a) => a.outcome),
        ["retrying", "retrying", "delivered"],
      );
      assert.equal(Date.now() - started >= 300, true);
    } finally {
      await defaults.close();
    }
  });

  it("forgets deliveries on reset", async () => {
    await createWebhook({ name: "w", url: receiver.url, events: ["meeting.started"] });
    emu.join(await createMeeting(), 1);
    await emu.waitForDeliveries();
    emu.reset();
    assert.deepEqual(emu.deliveries(), []);
  });
});
