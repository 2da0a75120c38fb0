import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AmbiguousCreateError, ConflictError } from "../../provider/client/errors";
import { withCreateJournal } from "../../provider/resources/exactlyOnce";
import { CreateJournal, ORPHAN_TTL_MS } from "../../provider/state/createJournal";

const DIGEST = "a".repeat(64);
/** The pid of a process that has exited. */
const deadPid = spawnSync(process.execPath, ["-e", ""]).pid as number;

describe("create journal", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-journal-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function leftBy(pid: number, content: unknown, digest = DIGEST): string {
    const file = path.join(dir, `creates-${digest}-${pid}.json`);
    fs.writeFileSync(file, JSON.stringify(content));
    return file;
  }

  it("hands each unsettled create of a dead process out once, and removes it from that process's file", () => {
    const now = Date.now();
    const file = leftBy(deadPid, {
      unsettled: [
        { key: "preset host", sentAt: now - 1000 },
        { key: "preset host", sentAt: now - 500 },
        { key: "webhook x", sentAt: now },
      ],
      created: [{ key: "meeting m", id: "m1", at: now }],
    });
    const journal = new CreateJournal(dir, DIGEST);
    assert.deepEqual(journal.takeOrphaned("preset host"), { key: "preset host", sentAt: now - 1000 });
    assert.deepEqual(journal.takeOrphaned("preset host"), { key: "preset host", sentAt: now - 500 });
    assert.equal(journal.takeOrphaned("preset host"), undefined);
    assert.deepEqual(JSON.parse(fs.readFileSync(file, "utf8")).unsettled, [{ key: "webhook x", sentAt: now }]);
    assert.deepEqual([...journal.createdByOthers("meeting m")], ["m1"]);
  });

  it("leaves alone the creates of running processes, of other tokens, and older than an hour", () => {
    const now = Date.now();
    leftBy(process.ppid, { unsettled: [{ key: "k", sentAt: now }], created: [] });
    leftBy(deadPid, { unsettled: [{ key: "k", sentAt: now }], created: [] }, "b".repeat(64));
    leftBy(deadPid, { unsettled: [{ key: "k", sentAt: now - ORPHAN_TTL_MS - 1 }], created: [] });
    assert.equal(new CreateJournal(dir, DIGEST).takeOrphaned("k"), undefined);
  });

  it("records its own creates until they settle, and what they made", () => {
    const journal = new CreateJournal(dir, DIGEST, () => 42);
    const own = path.join(dir, `creates-${DIGEST}-${process.pid}.json`);
    const entry = journal.begin("preset host");
    assert.deepEqual(JSON.parse(fs.readFileSync(own, "utf8")), { unsettled: [{ key: "preset host", sentAt: 42 }], created: [] });
    entry.created("p1");
    journal.begin("webhook x").nothingCreated();
    assert.deepEqual(JSON.parse(fs.readFileSync(own, "utf8")), { unsettled: [], created: [{ key: "preset host", id: "p1", at: 42 }] });
  });

  describe("withCreateJournal", () => {
    const where = { context: "Preset create", method: "POST" as const, path: "/p" };

    it("adopts the object of a dead process's unsettled create instead of creating it again", async () => {
      leftBy(deadPid, { unsettled: [{ key: "preset host", sentAt: Date.now() }], created: [] });
      const journal = new CreateJournal(dir, DIGEST);
      let creates = 0;
      const result = await withCreateJournal(
        journal,
        "preset host",
        async () => ({ id: "p-left" }),
        async () => ({ id: `p${++creates}` }),
      );
      assert.deepEqual([result, creates], [{ id: "p-left" }, 0]);
      // Without an orphan the lookup is not even called.
      const second = await withCreateJournal(
        journal,
        "preset host",
        async () => assert.fail("no lookup expected"),
        async () => ({ id: `p${++creates}` }),
      );
      assert.deepEqual(second, { id: "p1" });
    });

    it("creates when the orphan's object does not exist", async () => {
      leftBy(deadPid, { unsettled: [{ key: "preset host", sentAt: Date.now() }], created: [] });
      const result = await withCreateJournal(
        new CreateJournal(dir, DIGEST),
        "preset host",
        async () => undefined,
        async () => ({ id: "p1" }),
      );
      assert.deepEqual(result, { id: "p1" });
    });

    it("keeps a create unsettled only when its failure may have created the object", async () => {
      const journal = new CreateJournal(dir, DIGEST);
      const own = path.join(dir, `creates-${DIGEST}-${process.pid}.json`);
      const conflict = new ConflictError({ ...where, status: 409, code: 409, apiMessage: "exists" });
      await assert.rejects(
        withCreateJournal(
          journal,
          "a",
          async () => undefined,
          async () => {
            throw conflict;
          },
        ),
      );
      assert.deepEqual(JSON.parse(fs.readFileSync(own, "utf8")).unsettled, []);
      const ambiguous = new AmbiguousCreateError(where, conflict);
      await assert.rejects(
        withCreateJournal(
          journal,
          "b",
          async () => undefined,
          async () => {
            throw ambiguous;
          },
        ),
      );
      assert.deepEqual(
        JSON.parse(fs.readFileSync(own, "utf8")).unsettled.map((e: { key: string }) => e.key),
        ["b"],
      );
    });
  });
});
