import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { LOOKUP_ROUND_DELAYS_MS } from "../../provider/resources/meetingCreates";
import { stateDir } from "../../provider/runtime";
import { ProviderFixture, startProviderFixture } from "./harness";
import { sleep } from "../../common/sleep";

describe("Meeting provider", () => {
  let fx: ProviderFixture;
  beforeEach(async () => {
    fx = await startProviderFixture();
  });
  afterEach(async () => {
    await fx.close();
  });

  describe("create", () => {
    it("creates an ACTIVE meeting with one POST and returns the API's values", async () => {
      const { id, outs } = await fx.create(fx.meeting, { title: "Standup", persistChat: true });
      assert.deepEqual(fx.takeRequests(), ["POST /meetings"]);
      const stored = fx.emulator.state().meetings.find((m: any) => m.id === id) as any;
      assert.equal(stored.title, "Standup");
      assert.equal(outs.title, "Standup");
      assert.equal(outs.status, "ACTIVE");
      assert.equal(outs.persistChat, true);
      assert.equal(outs.sessionKeepAliveTimeInSecs, stored.session_keep_alive_time_in_secs);
      assert.equal(outs.createdAt, stored.created_at);
      assert.equal(outs.accountId, fx.emulator.accountId);
      assert.equal(outs.appId, fx.emulator.appId);
    });

    it("creates an INACTIVE meeting with POST then a status PATCH, and no kick-all", async () => {
      const { id, outs } = await fx.create(fx.meeting, { title: "Closed", status: "INACTIVE" });
      assert.deepEqual(fx.takeRequests(), ["POST /meetings", `PATCH /meetings/${id}`]);
      assert.deepEqual(fx.emulator.requests()[1].body, { status: "INACTIVE" });
      assert.equal(outs.status, "INACTIVE");
    });

    it("adopts an existing meeting by id without a POST and converges it", async () => {
      const { id } = await fx.create(fx.meeting, { title: "Old title" });
      fx.takeRequests();
      const adopted = await fx.create(fx.meeting, { title: "New title", adoptMeetingId: id });
      assert.equal(adopted.id, id);
      assert.deepEqual(fx.takeRequests(), [`GET /meetings/${id}`, `PATCH /meetings/${id}`]);
      assert.equal(adopted.outs.title, "New title");
      assert.equal(adopted.outs.adoptMeetingId, id);
    });

    it("adopts a meeting that already matches with one GET; storage credentials from config are sent once, being unreadable", async () => {
      const storage = { type: "aws", bucket: "rec", region: "us-east-1" };
      const { id } = await fx.create(fx.meeting, {
        title: "Recorded",
        persistChat: true,
        recordingConfig: { maxSeconds: 600, storageConfig: { ...storage, accessKey: "AK1", secret: "SK1" } },
      });
      fx.takeRequests();
      await fx.create(fx.meeting, { title: "Recorded", persistChat: true, recordingConfig: { maxSeconds: 600 }, adoptMeetingId: id });
      assert.deepEqual(fx.takeRequests(), [`GET /meetings/${id}`], "settings that match cause no write");

      fx.setConfig("recordings:accessKey", "AK1");
      fx.setConfig("recordings:secret", "SK1");
      try {
        const credentialsFromConfig = { accessKey: "recordings:accessKey", secret: "recordings:secret" };
        await fx.create(fx.meeting, {
          title: "Recorded",
          persistChat: true,
          recordingConfig: { maxSeconds: 600, storageConfig: { ...storage, credentialsFromConfig } },
          adoptMeetingId: id,
        });
        assert.deepEqual(fx.takeRequests(), [`GET /meetings/${id}`, `PATCH /meetings/${id}`]);
      } finally {
        fx.setConfig("recordings:accessKey", undefined);
        fx.setConfig("recordings:secret", undefined);
      }
    });

    it("fails clearly when the meeting to adopt does not exist", async () => {
      const missing = "0b9f5e4c-1111-4222-8333-944445555666";
      await assert.rejects(fx.create(fx.meeting, { adoptMeetingId: missing }), {
        message: `Meeting adopt failed: adoptMeetingId "${missing}" does not exist in app ${fx.emulator.appId}`,
      });
    });

    it("adopts the meeting a lost response created instead of creating a duplicate", async () => {
      fx.emulator.faults.add({ method: "POST", path: "/accounts/*/realtime/kit/*/meetings", drop: true, when: "after" });
      const { id } = await fx.create(fx.meeting, { title: "Lost response", recordOnStart: true });
      const meetings = fx.emulator.state().meetings as any[];
      assert.equal(meetings.length, 1);
      assert.equal(meetings[0].id, id);
    });

    it("creates again when the lost request never reached the API", async () => {
      fx.emulator.faults.add({ method: "POST", path: "/accounts/*/realtime/kit/*/meetings", status: 503, when: "before" });
      await fx.create(fx.meeting, { title: "Retried" });
      assert.equal((fx.emulator.state().meetings as any[]).length, 1);
    });
  });

  describe("update", () => {
    it("sends one PATCH with only the changed field", async () => {
      const { id, outs } = await fx.create(fx.meeting, { title: "Standup", persistChat: true });
      fx.takeRequests();
      const updated = await fx.update(fx.meeting, id, outs, { title: "Daily standup", persistChat: true });
      assert.deepEqual(fx.takeRequests(), [`PATCH /meetings/${id}`]);
      assert.deepEqual(fx.emulator.requests().at(-1)!.body, { title: "Daily standup" });
      assert.equal(updated.title, "Daily standup");
      assert.equal(updated.createdAt, outs.createdAt);
    });

    it("ends the live session with kick-all before setting INACTIVE", async () => {
      const { id, outs } = await fx.create(fx.meeting, { title: "Live" });
      fx.emulator.join(id, 3);
      fx.takeRequests();
      const updated = await fx.update(fx.meeting, id, outs, { title: "Live", status: "INACTIVE" });
      assert.deepEqual(fx.takeRequests(), [`POST /meetings/${id}/active-session/kick-all`, `PATCH /meetings/${id}`]);
      assert.deepEqual(fx.emulator.requests().at(-1)!.body, { status: "INACTIVE" });
      assert.equal(updated.status, "INACTIVE");
      const sessions = fx.emulator.state().sessions as any[];
      assert.deepEqual(
        sessions.map((s) => s.status),
        ["ENDED"],
      );
      assert.throws(() => fx.emulator.join(id, 1));
    });

    it("reactivates with a single PATCH", async () => {
      const { id, outs } = await fx.create(fx.meeting, { status: "INACTIVE" });
      fx.takeRequests();
      await fx.update(fx.meeting, id, outs, { status: "ACTIVE" });
      assert.deepEqual(fx.takeRequests(), [`PATCH /meetings/${id}`]);
    });

    it("keeps write-only storage credentials without showing them as drift", async () => {
      const recordingConfig = {
        storageConfig: { type: "aws", bucket: "rec", region: "us-east-1", accessKey: "AKIAEXAMPLE", secret: "s3cr3t" },
      };
      const { id, outs } = await fx.create(fx.meeting, { title: "Rec", recordingConfig });
      const stored = fx.emulator.state().meetings.find((m: any) => m.id === id) as any;
      assert.equal(stored.recording_config.storage_config.secret, "s3cr3t");
      assert.deepEqual(outs.recordingConfig.storageConfig.secret, "s3cr3t");
      const read = await fx.meeting.read(id, outs);
      assert.equal((read.props as any).recordingConfig.storageConfig.accessKey, "AKIAEXAMPLE");
      const news = (await fx.meeting.check(outs, { title: "Rec", recordingConfig })).inputs;
      assert.equal((await fx.meeting.diff(id, read.props as any, news)).changes, false);
    });
  });

  describe("storage credentials from stack config", () => {
    const ACCESS_KEY = "AKIAFROMCONFIG1";
    const SECRET = "secret-from-config-1";
    const recordingConfig = {
      storageConfig: {
        type: "aws",
        bucket: "rec",
        region: "us-east-1",
        credentialsFromConfig: { accessKey: "recordings:accessKey", secret: "recordings:secretKey" },
      },
    };
    beforeEach(() => {
      fx.setConfig("recordings:accessKey", ACCESS_KEY);
      fx.setConfig("recordings:secretKey", SECRET);
    });

    it("sends the values read from config, and keeps only key names and a digest", async () => {
      const { id, outs } = await fx.create(fx.meeting, { title: "Rec", recordingConfig });
      const sent = fx.emulator.requests()[0].body as any;
      assert.equal(sent.recording_config.storage_config.access_key, ACCESS_KEY);
      assert.equal(sent.recording_config.storage_config.secret, SECRET);
      assert.equal(sent.recording_config.storage_config.credentials_from_config, undefined);
      assert.equal(sent.recording_config.storage_config.credentials_digest, undefined);
      const storage = outs.recordingConfig.storageConfig;
      assert.deepEqual(storage.credentialsFromConfig, recordingConfig.storageConfig.credentialsFromConfig);
      assert.match(storage.credentialsDigest, /^hmac-sha256:[0-9a-f]{32}:[0-9a-f]{64}$/);
      const read = await fx.meeting.read(id, outs);
      for (const kept of [outs, read.props, read.inputs]) {
        const text = JSON.stringify(kept);
        assert.ok(!text.includes(ACCESS_KEY) && !text.includes(SECRET), text);
      }
      assert.equal((read.inputs as any).recordingConfig.storageConfig.credentialsDigest, storage.credentialsDigest);
    });

    it("shows no diff while the values stay, and updates the meeting when one changes", async () => {
      const { id, outs } = await fx.create(fx.meeting, { title: "Rec", recordingConfig });
      const same = (await fx.meeting.check(outs, { title: "Rec", recordingConfig })).inputs;
      assert.equal((await fx.meeting.diff(id, outs, same)).changes, false);
      fx.setConfig("recordings:secretKey", "rotated-secret-2");
      const rotated = (await fx.meeting.check(outs, { title: "Rec", recordingConfig })).inputs;
      const diff = await fx.meeting.diff(id, outs, rotated);
      assert.equal(diff.changes, true);
      assert.deepEqual(diff.replaces ?? [], []);
      fx.takeRequests();
      const updated = await fx.update(fx.meeting, id, outs, { title: "Rec", recordingConfig });
      assert.deepEqual(fx.takeRequests(), [`PATCH /meetings/${id}`]);
      const patched = fx.emulator.requests().at(-1)!.body as any;
      assert.equal(patched.recording_config.storage_config.secret, "rotated-secret-2");
      assert.ok(!JSON.stringify(updated).includes("rotated-secret-2"));
    });

    it("fails the check, naming the property and the config key, when a key is not set", async () => {
      fx.setConfig("recordings:secretKey", undefined);
      const checked = await fx.meeting.check({}, { title: "Rec", recordingConfig });
      assert.deepEqual(checked.failures, [
        {
          property: "recordingConfig.storageConfig.credentialsFromConfig.secret",
          reason:
            'stack config key "recordings:secretKey" is not set; set it with `pulumi config set --secret recordings:secretKey <value>`',
        },
      ]);
      assert.deepEqual(fx.takeRequests(), []);
    });
  });

  describe("read", () => {
    it("returns live values as outputs and inputs, so refresh shows drift", async () => {
      const { id, outs } = await fx.create(fx.meeting, { title: "Before" });
      await fetch(`${fx.emulator.url}/accounts/${fx.emulator.accountId}/realtime/kit/${fx.emulator.appId}/meetings/${id}`, {
        method: "PATCH",
        headers: { authorization: `Bearer ${fx.emulator.token}`, "content-type": "application/json" },
        body: JSON.stringify({ title: "Changed out of band" }),
      });
      const read = await fx.meeting.read(id, outs);
      assert.equal(read.id, id);
      assert.equal((read.props as any).title, "Changed out of band");
      assert.equal((read.inputs as any).title, "Changed out of band");
      const news = (await fx.meeting.check({}, { title: "Before" })).inputs;
      assert.deepEqual(await fx.meeting.diff(id, read.props as any, news), { changes: true, replaces: [], deleteBeforeReplace: false });
    });

    it("returns a blank id for a meeting that does not exist", async () => {
      const { outs } = await fx.create(fx.meeting, { title: "x" });
      const read = await fx.meeting.read("0b9f5e4c-1111-4222-8333-944445555666", outs);
      assert.equal(read.id, "");
    });
  });

  describe("diff", () => {
    it("reports no change when nothing changed", async () => {
      const { id, outs } = await fx.create(fx.meeting, { title: "Same" });
      const news = (await fx.meeting.check({}, { title: "Same" })).inputs;
      assert.deepEqual(await fx.meeting.diff(id, outs, news), { changes: false, replaces: [], deleteBeforeReplace: false });
    });

    it("replaces the meeting when it moves to another app", async () => {
      const { id, outs } = await fx.create(fx.meeting, { title: "Same" });
      const news = (await fx.meeting.check({}, { title: "Same", appId: "2d0c3f3e-0000-4000-8000-000000000000" })).inputs;
      assert.deepEqual(await fx.meeting.diff(id, outs, news), { changes: true, replaces: ["appId"], deleteBeforeReplace: false });
    });
  });

  describe("delete", () => {
    it("ends the live session and deactivates the meeting (meetings cannot be deleted)", async () => {
      const { id, outs } = await fx.create(fx.meeting, { title: "Bye" });
      fx.emulator.join(id, 2);
      fx.takeRequests();
      await fx.meeting.delete(id, outs);
      assert.deepEqual(fx.takeRequests(), [`POST /meetings/${id}/active-session/kick-all`, `PATCH /meetings/${id}`]);
      const stored = fx.emulator.state().meetings.find((m: any) => m.id === id) as any;
      assert.equal(stored.status, "INACTIVE");
      assert.deepEqual(
        (fx.emulator.state().sessions as any[]).map((s) => s.status),
        ["ENDED"],
      );
    });

    it("treats 'nothing live' as success", async () => {
      const { id, outs } = await fx.create(fx.meeting, { title: "Idle" });
      await fx.meeting.delete(id, outs);
      assert.equal((fx.emulator.state().meetings.find((m: any) => m.id === id) as any).status, "INACTIVE");
    });
  });
});

describe("Meeting provider: ambiguous creates of identical meetings", () => {
  let fx: ProviderFixture;
  beforeEach(async () => {
    fx = await startProviderFixture();
  });
  afterEach(async () => {
    await fx.close();
  });

  const meetingsPath = "/accounts/*/realtime/kit/*/meetings";

  it("gives each of ten identical creates its own meeting when some responses are lost", async () => {
    fx.emulator.faults.add({ method: "POST", path: meetingsPath, drop: true, when: "after", count: 4 });
    const results = await Promise.all(Array.from({ length: 10 }, () => fx.create(fx.meeting, { title: "Same" })));
    const ids = results.map((result) => result.id);
    assert.equal(new Set(ids).size, 10);
    const stored = (fx.emulator.state().meetings as any[]).map((meeting) => meeting.id).sort();
    assert.deepEqual(stored, [...ids].sort());
  });

  it("never hands a failed create the meeting of a sibling whose response is still on its way", async () => {
    fx.emulator.faults.add({ method: "POST", path: meetingsPath, delayMs: 1_500, count: 1 });
    fx.emulator.faults.add({ method: "POST", path: meetingsPath, status: 500, when: "before", count: 1 });
    const slow = fx.create(fx.meeting, { title: "Same" });
    await sleep(200);
    const failed = fx.create(fx.meeting, { title: "Same" });
    const [first, second] = await Promise.all([slow, failed]);
    assert.notEqual(first.id, second.id);
    assert.equal((fx.emulator.state().meetings as any[]).length, 2);
  });

  it("tries a failed lookup again in further rounds, so a committed meeting is not orphaned", async () => {
    fx.emulator.faults.add({ method: "POST", path: meetingsPath, drop: true, when: "after", count: 2 });
    // Six failed lists: the first lookup round fails after the client's 4 attempts, the second succeeds.
    fx.emulator.faults.add({ method: "GET", path: meetingsPath, status: 503, count: 6 });
    const results = await Promise.all([fx.create(fx.meeting, { title: "Same" }), fx.create(fx.meeting, { title: "Same" })]);
    const stored = (fx.emulator.state().meetings as any[]).map((meeting) => meeting.id).sort();
    assert.deepEqual(stored, results.map((result) => result.id).sort());
    assert.equal(new Set(stored).size, 2);
    assert.ok(fx.sleeps.includes(LOOKUP_ROUND_DELAYS_MS[0]), `the second round waits ${LOOKUP_ROUND_DELAYS_MS[0]} ms: ${fx.sleeps}`);
  });

  it("adopts a meeting whose create response was lost, and sends what lists do not show (AI settings, storage credentials)", async () => {
    fx.emulator.faults.add({ method: "POST", path: meetingsPath, drop: true, when: "after", count: 1 });
    const secret = `journal-canary-${Date.now()}`;
    const { id } = await fx.create(fx.meeting, {
      title: "Summarised",
      aiConfig: { summarization: { summaryType: "lecture", wordLimit: 300 } },
      recordingConfig: { storageConfig: { type: "aws", bucket: "rec", region: "eu-west-1", accessKey: "AKIAJOURNAL", secret } },
    });
    const meetings = fx.emulator.state().meetings as any[];
    assert.deepEqual(
      meetings.map((meeting) => meeting.id),
      [id],
    );
    assert.equal(meetings[0].ai_config.summarization.summary_type, "lecture");
    assert.equal(meetings[0].recording_config.storage_config.secret, secret);
    assert.deepEqual(
      fx.takeRequests().map((request) => request.replace(id, ":id").replace(/\?.*$/, "")),
      ["POST /meetings", "GET /meetings", "PATCH /meetings/:id"],
    );
    // The create journal keys meetings by what lists show: never a credential.
    const dir = stateDir() as string;
    for (const name of fs.readdirSync(dir).filter((file) => file.startsWith("creates-"))) {
      assert.ok(!fs.readFileSync(path.join(dir, name), "utf8").includes(secret), `${name} holds the storage secret`);
    }
  });

  it("adopts an identical meeting committed by an interrupted earlier attempt instead of leaving it behind", async () => {
    fx.emulator.faults.add({ method: "POST", path: meetingsPath, status: 502, when: "after", count: 1 });
    const { id } = await fx.create(fx.meeting, { title: "Once" });
    assert.deepEqual(
      (fx.emulator.state().meetings as any[]).map((meeting) => meeting.id),
      [id],
    );
  });
});
