import * as assert from "node:assert/strict";
import type { Target } from "../../provider/runtime";
import {
  GETS_BEFORE_LISTING, LISTING_TTL_MS, ListedKind, forgetListed, readListed, resetListings,
} from "../../provider/resources/bulkReads";

interface Thing {
  id: string;
  version: number;
}

describe("bulk reads", () => {
  const target = { accountId: "a".repeat(32), appId: "app", client: {}, journal: {} } as unknown as Target;
  let server: Map<string, Thing>;
  let calls: { list: number; get: string[] };
  let failList: boolean;
  let now: number;
  const clock = (): number => now;
  const kind: ListedKind<Thing> = {
    kind: "things",
    async list() {
      calls.list++;
      if (failList) throw new Error("list failed");
      return [...server.values()].map((thing) => ({ ...thing }));
    },
    async get(_target, id) {
      calls.get.push(id);
      const thing = server.get(id);
      return thing === undefined ? undefined : { ...thing };
    },
  };
  const ids = (count: number, from = 0): string[] => Array.from({ length: count }, (_, i) => `t${from + i}`);
  const readAll = (list: string[]): Promise<(Thing | undefined)[]> => Promise.all(list.map((id) => readListed(target, kind, id, clock)));

  beforeEach(() => {
    resetListings();
    server = new Map(ids(300).map((id) => [id, { id, version: 1 }]));
    calls = { list: 0, get: [] };
    failList = false;
    now = 1_000_000;
  });

  it("GETs the first reads, then lists once and serves the rest from the listing", async () => {
    const read = await readAll(ids(300));
    assert.equal(calls.get.length, GETS_BEFORE_LISTING);
    assert.equal(calls.list, 1);
    assert.deepEqual(read, ids(300).map((id) => ({ id, version: 1 })));
  });

  it("a single read is one GET", async () => {
    assert.deepEqual(await readListed(target, kind, "t5", clock), { id: "t5", version: 1 });
    assert.deepEqual(calls, { list: 0, get: ["t5"] });
  });

  it("GETs an object missing from the listing: created meanwhile, or gone (undefined)", async () => {
    await readAll(ids(GETS_BEFORE_LISTING));
    const listed = await readListed(target, kind, "t100", clock); // makes the listing
    server.set("new", { id: "new", version: 1 });
    server.delete("t200");
    assert.deepEqual(listed, { id: "t100", version: 1 });
    assert.deepEqual(await readListed(target, kind, "new", clock), { id: "new", version: 1 });
    assert.equal(await readListed(target, kind, "t299", clock).then((t) => t?.version), 1);
    server.delete("t298");
    // t298 is still in the listing made before it went away: as if it had been read then.
    assert.deepEqual(await readListed(target, kind, "t298", clock), { id: "t298", version: 1 });
    assert.equal(calls.list, 1);
    assert.deepEqual(calls.get.slice(GETS_BEFORE_LISTING), ["new"]);
  });

  it("a second read of an object starts a new listing, so the next operation never sees the last one's data", async () => {
    await readAll(ids(50));
    server.set("t20", { id: "t20", version: 2 });
    assert.deepEqual(await readListed(target, kind, "t20", clock), { id: "t20", version: 2 });
    assert.equal(calls.get.at(-1), "t20");
    const again = await readAll(ids(50, 21));
    assert.equal(calls.list, 2);
    assert.ok(again.every((thing) => thing?.version === 1));
  });

  it("a listing older than its TTL serves no read", async () => {
    await readAll(ids(20));
    server.set("t30", { id: "t30", version: 2 });
    now += LISTING_TTL_MS + 1;
    assert.deepEqual(await readListed(target, kind, "t30", clock), { id: "t30", version: 2 });
    assert.deepEqual(calls.get.at(-1), "t30");
  });

  it("an object this process wrote after the listing is read with a GET", async () => {
    await readAll(ids(20));
    forgetListed(target, "things", "t40");
    server.set("t40", { id: "t40", version: 2 });
    assert.deepEqual(await readListed(target, kind, "t40", clock), { id: "t40", version: 2 });
    assert.deepEqual(await readListed(target, kind, "t41", clock), { id: "t41", version: 1 });
    assert.deepEqual(calls.get.slice(GETS_BEFORE_LISTING), ["t40"]);
  });

  it("falls back to GETs when the listing fails", async () => {
    failList = true;
    const read = await readAll(ids(20));
    assert.equal(calls.list, 1);
    assert.equal(calls.get.length, 20);
    assert.ok(read.every((thing) => thing?.version === 1));
  });

  it("keeps listings of other apps and kinds apart", async () => {
    const other = { ...target, appId: "other" } as Target;
    await readAll(ids(20));
    assert.deepEqual(await readListed(other, kind, "t1", clock), { id: "t1", version: 1 });
    assert.equal(calls.get.at(-1), "t1");
  });
});
