import assert from "node:assert/strict";
import { notify, warn, withResource } from "../../provider/notices";
import { engineAddressFromArgs } from "../../provider/notices/engineLog";
import { takeNotices } from "../support/notices";

describe("notices", () => {
  beforeEach(() => takeNotices());

  it("attaches what is reported, however deep, to the resource being worked on", async () => {
    const deep = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      notify("waiting 8 s");
    };
    await Promise.all([withResource("urn:a", deep), withResource("urn:b", async () => warn("careful"))]);
    assert.deepEqual(
      takeNotices().sort((x, y) => x.urn.localeCompare(y.urn)),
      [
        { severity: "info", message: "waiting 8 s", urn: "urn:a" },
        { severity: "warning", message: "careful", urn: "urn:b" },
      ],
    );
  });

  it("reports outside any resource with no URN", () => {
    notify("plain");
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        assert.deepEqual(takeNotices(), [{ severity: "info", message: "plain", urn: "" }]);
        resolve();
      }),
    );
  });

  it("answers only once its notices are delivered, and even when the operation fails", async () => {
    await assert.rejects(
      withResource("urn:c", async () => {
        notify("before the failure");
        throw new Error("boom");
      }),
      /boom/,
    );
    assert.deepEqual(takeNotices(), [{ severity: "info", message: "before the failure", urn: "urn:c" }]);
  });

  it("finds the engine's address among a provider's arguments", () => {
    assert.equal(engineAddressFromArgs(["127.0.0.1:43121"]), "127.0.0.1:43121");
    assert.equal(engineAddressFromArgs(["--logtostderr", "-v=9", "--tracing", "x", "localhost:5000"]), "localhost:5000");
    assert.equal(engineAddressFromArgs(["--logtostderr"]), undefined);
  });
});
