import * as assert from "node:assert/strict";
import type { Target } from "../../provider/runtime";
import { LISTING_TTL_MS, ListedKind, forgetListed, readListed, resetListings } from "../../provider/resources/bulkReads";

interface Thing {
  id: string;
  version: number;
}

describe("bulk reads", () => {
  const target = { accountId: "a".repeat(32), appId: "app", client: {}, journal: {} } as unknown as Target;
  const PER_PAGE = 100;
  let server: Map<string, Thing>;
  let calls: { pages: number[]; get: string[] };
  let failPage: number | undefined;
  let now: number;
  const clock = (): number => now;
  const kind: ListedKind<Thing> = {
    kind: "things",
    async page(_target, pageNo) {
      calls.pages.push(pageNo);
      if (pageNo === failPage) throw new Error("page failed");
      const all = [...server.values()];
      const items = all.slice((pageNo - 1) * PER_PAGE, pageNo * PER_PAGE).map((thing) => ({ ...thing }));
      return { items, last: pageNo * PER_PAGE >= all.length };
    },
    async get(_target, id) {
      calls.get.push(id);
      const thing = server.get(id);
      return thing === undefined ? undefined : { ...thing };
    },
  };
  const ids = (count: number, from = 0): string[] => Array.from({ length: count }, (_, i) => `t${from + i}`);
  const read = (id: string): Promise<Thing | undefined> => readListed(target, kind, id, clock);
  const readAll = (list: string[]): Promise<(Thing | undefined)[]> => Promise.all(list.map(read));

  beforeEach(() => {
    resetListings();
    server = new Map(ids(300).map((id) => [id, { id, version: 1 }]));
    calls = { pages: [], get: [] };
    failPage = undefined;
    now = 1_000_000;
  });

  it("reads every object from the pages, each page fetched once", async () => {
    const things = await readAll(ids(300));
    assert.deepEqual(calls, { pages: [1, 2, 3], get: [] });
    assert.deepEqual(
      things,
      ids(300).map((id) => ({ id, version: 1 })),
    );
  });

  it("one read costs the pages up to its object", async () => {
    assert.deepEqual(await read("t5"), { id: "t5", version: 1 });
    assert.deepEqual(calls, { pages: [1], get: [] });
    assert.deepEqual(await read("t150"), { id: "t150", version: 1 });
    assert.deepEqual(calls.pages, [1, 2]);
  });

  it("GETs an object missing from every page: moved between pages meanwhile, or gone (undefined)", async () => {
    await readAll(ids(150)); // pages 1 and 2
    server.delete("t10"); // t200 moves back onto page 2, already fetched
    server.delete("t299");
    server.set("new", { id: "new", version: 1 });
    assert.deepEqual(await read("new"), { id: "new", version: 1 }); // page 3
    assert.deepEqual(await read("t200"), { id: "t200", version: 1 });
    assert.equal(await read("t299"), undefined);
    assert.deepEqual(calls.pages, [1, 2, 3]);
    assert.deepEqual(calls.get, ["t200", "t299"]);
  });

  it("a second read of an object starts a new listing, so the next operation never sees the last one's data", async () => {
    await readAll(ids(50));
    server.set("t20", { id: "t20", version: 2 });
    server.set("t30", { id: "t30", version: 2 });
    assert.deepEqual(await read("t20"), { id: "t20", version: 2 });
    assert.deepEqual(await read("t30"), { id: "t30", version: 2 });
    assert.deepEqual(calls.pages, [1, 1]);
  });

  it("a listing older than its TTL serves no read", async () => {
    await readAll(ids(20));
    server.set("t30", { id: "t30", version: 2 });
    now += LISTING_TTL_MS + 1;
    assert.deepEqual(await read("t30"), { id: "t30", version: 2 });
    assert.deepEqual(calls.pages, [1, 1]);
  });

  it("an object this process wrote since the listing began is read with a GET", async () => {
    await readAll(ids(20));
    forgetListed(target, "things", "t40");
    server.set("t40", { id: "t40", version: 2 });
    assert.deepEqual(await read("t40"), { id: "t40", version: 2 });
    assert.deepEqual(await read("t41"), { id: "t41", version: 1 });
    assert.deepEqual(calls.get, ["t40"]);
  });

  it("a failed page ends the listing: the reads still looking GET", async () => {
    failPage = 2;
    const things = await readAll(ids(300));
    assert.deepEqual(calls.pages, [1, 2]);
    assert.equal(calls.get.length, 200);
    assert.ok(things.every((thing) => thing?.version === 1));
  });

  it("keeps listings of other apps and kinds apart", async () => {
    const other = { ...target, appId: "other" } as Target;
    await readAll(ids(20));
    assert.deepEqual(await readListed(other, kind, "t1", clock), { id: "t1", version: 1 });
    assert.deepEqual(calls.pages, [1, 1]);
  });
});
