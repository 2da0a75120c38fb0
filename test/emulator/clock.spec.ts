import assert from "node:assert/strict";
import { Clock } from "../../emulator/clock";
import { at } from "./helpers";

describe("Emulator clock", () => {
  describe("frozen", () => {
    it("stands still until advanced or set", () => {
      const clock = new Clock({ now: at(0), frozen: true });
      assert.equal(clock.iso(), at(0));
      clock.advance(1_234);
      assert.equal(clock.iso(), at(1_234));
      clock.set(at(-5_000));
      assert.equal(clock.now(), Date.parse(at(-5_000)));
      assert.equal(clock.isFrozen, true);
    });

    it("fires due timers in due order, including timers scheduled by timers", () => {
      const clock = new Clock({ now: at(0), frozen: true });
      const fired: string[] = [];
      clock.schedule(Date.parse(at(300)), () => fired.push("c"));
      clock.schedule(Date.parse(at(100)), () => {
        fired.push("a");
        clock.schedule(Date.parse(at(200)), () => fired.push("b"));
      });
      const cancelled = clock.schedule(Date.parse(at(150)), () => fired.push("x"));
      clock.cancel(cancelled);
      clock.advance(250);
      assert.deepEqual(fired, ["a", "b"]);
      assert.equal(clock.pendingTimers, 1);
      clock.set(at(300));
      assert.deepEqual(fired, ["a", "b", "c"]);
    });

    it("rejects a negative advance and a bad time", () => {
      const clock = new Clock({ frozen: true });
      assert.throws(() => clock.advance(-1), { name: "RangeError" });
      assert.throws(() => clock.set("never"), { message: "invalid time: never" });
      assert.throws(() => new Clock({ now: "garbage" }), { message: "invalid time: garbage" });
    });

    it("cancelAll drops every timer", () => {
      const clock = new Clock({ now: at(0), frozen: true });
      let fired = false;
      clock.schedule(Date.parse(at(1)), () => {
        fired = true;
      });
      clock.cancelAll();
      clock.advance(10);
      assert.equal(fired, false);
    });
  });

  describe("running", () => {
    it("follows the wall clock from its start time, shifted by advance", () => {
      const clock = new Clock({ now: at(0) });
      const first = clock.now();
      assert.equal(first >= Date.parse(at(0)) && first < Date.parse(at(1_000)), true);
      clock.advance(60_000);
      assert.equal(clock.now() >= Date.parse(at(60_000)), true);
      clock.dispose();
    });

    it("fires timers in real time", async () => {
      const clock = new Clock();
      const fired = new Promise<number>((resolve) => clock.schedule(clock.now() + 20, () => resolve(clock.now())));
      const firedAt = await fired;
      assert.equal(clock.pendingTimers, 0);
      assert.equal(firedAt > 0, true);
      clock.dispose();
    });
  });
});
