import assert from "node:assert/strict";
import { UNKNOWN_VALUE } from "../../provider/shared/check";
import { DiffSpec, changedKeys, deepPatch, diffResource, isEqual, isSatisfiedBy } from "../../provider/shared/diff";

const spec: DiffSpec = {
  inputKeys: ["title", "events", "config", "name"],
  replaceOnChange: ["name"],
  unorderedKeys: ["events"],
};

describe("diffResource", () => {
  const olds = {
    title: "Standup",
    events: ["meeting.started", "meeting.ended"],
    config: { media: { video: { quality: "hd", simulcast: false } }, viewType: "GROUP_CALL" },
    name: "host",
    createdAt: "2026-01-01T00:00:00.000Z",
    __provider: "exports.handler = ...",
  };

  const cases: Array<{ name: string; news: Record<string, unknown>; changes: boolean; replaces: string[] }> = [
    { name: "reports no change for identical inputs", news: { ...olds }, changes: false, replaces: [] },
    {
      name: "ignores keys that are not managed (server fields, __provider)",
      news: { ...olds, createdAt: "x", __provider: "other" },
      changes: false,
      replaces: [],
    },
    {
      name: "ignores the order of unordered keys",
      news: { ...olds, events: ["meeting.ended", "meeting.started"] },
      changes: false,
      replaces: [],
    },
    {
      name: "sees an added event",
      news: { ...olds, events: ["meeting.ended", "meeting.started", "meeting.summary"] },
      changes: true,
      replaces: [],
    },
    { name: "sees a removed event", news: { ...olds, events: ["meeting.ended"] }, changes: true, replaces: [] },
    { name: "sees a changed scalar", news: { ...olds, title: "Retro" }, changes: true, replaces: [] },
    { name: "treats an absent input as unmanaged", news: { ...olds, title: undefined }, changes: false, replaces: [] },
    {
      name: "ignores server-added nested fields",
      news: { ...olds, config: { media: { video: { quality: "hd" } }, viewType: "GROUP_CALL" } },
      changes: false,
      replaces: [],
    },
    {
      name: "sees a changed nested leaf",
      news: { ...olds, config: { media: { video: { quality: "fhd" } } } },
      changes: true,
      replaces: [],
    },
    { name: "marks a replace-on-change key", news: { ...olds, name: "moderator" }, changes: true, replaces: ["name"] },
    { name: "treats an unknown value as a change", news: { ...olds, title: UNKNOWN_VALUE }, changes: true, replaces: [] },
    { name: "treats an unknown replace key as a replacement", news: { ...olds, name: UNKNOWN_VALUE }, changes: true, replaces: ["name"] },
  ];

  for (const { name, news, changes, replaces } of cases) {
    it(name, () => {
      assert.deepEqual(diffResource(olds, news, spec), { changes, replaces, deleteBeforeReplace: false });
    });
  }

  it("asks for delete-before-replace only when a replacement happens and the spec says so", () => {
    const strict = { ...spec, deleteBeforeReplace: true };
    assert.equal(diffResource(olds, { ...olds, name: "other" }, strict).deleteBeforeReplace, true);
    assert.equal(diffResource(olds, { ...olds, title: "other" }, strict).deleteBeforeReplace, false);
  });
});

describe("changedKeys", () => {
  it("lists only the managed keys that differ, in spec order", () => {
    assert.deepEqual(changedKeys({ title: "a", name: "b" }, { name: "c", title: "d" }, spec), ["title", "name"]);
  });
});

describe("isSatisfiedBy", () => {
  it("compares arrays in order unless unordered", () => {
    assert.equal(isSatisfiedBy([1, 2], [2, 1]), false);
    assert.equal(isSatisfiedBy([1, 2], [2, 1], true), true);
    assert.equal(isSatisfiedBy([1, 1, 2], [2, 1], true), true);
  });

  it("distinguishes null from a value", () => {
    assert.equal(isSatisfiedBy(null, null), true);
    assert.equal(isSatisfiedBy(null, [30]), false);
    assert.equal(isSatisfiedBy([30], null), false);
  });

  it("treats a missing actual object as unsatisfied", () => {
    assert.equal(isSatisfiedBy({ a: 1 }, undefined), false);
  });
});

describe("isEqual", () => {
  it("treats undefined members as absent", () => {
    assert.equal(isEqual({ a: 1, b: undefined }, { a: 1 }), true);
    assert.equal(isEqual({ a: 1 }, { a: 1, c: 2 }), false);
  });
});

describe("deepPatch", () => {
  it("keeps only the differing leaves of nested objects", () => {
    const current = { chat: { public: { canSend: true, text: true } }, kickParticipant: false, pinParticipant: false };
    const desired = { chat: { public: { canSend: true, text: false } }, kickParticipant: true, pinParticipant: false };
    assert.deepEqual(deepPatch(current, desired), { chat: { public: { text: false } }, kickParticipant: true });
  });

  it("sends arrays whole", () => {
    assert.deepEqual(deepPatch({ q: [1, 2] }, { q: [1, 3] }), { q: [1, 3] });
  });
});
