import assert from "node:assert/strict";
import { SECRET_SIG, SIG_KEY, protectProperties, revealProperties, secretValue } from "../../provider/plugin/secrets";

describe("Plugin secrets", () => {
  const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });

  it("reveals secrets at any depth and remembers the top-level keys that held one", () => {
    const { plain, secretKeys } = revealProperties({
      title: "Standup",
      recordingConfig: { storageConfig: { type: "aws", secret: secret("s3cr3t") } },
      tags: [secret("a"), "b"],
    });
    assert.deepEqual(plain, { title: "Standup", recordingConfig: { storageConfig: { type: "aws", secret: "s3cr3t" } }, tags: ["a", "b"] });
    assert.deepEqual([...secretKeys].sort(), ["recordingConfig", "tags"]);
  });

  it("marks secret the properties that came in secret, and the always-secret leaves when present", () => {
    const out = protectProperties(
      { title: "Standup", recordingConfig: { storageConfig: { type: "aws", accessKey: "AKIA", secret: "s" } }, createdAt: undefined },
      [],
      ["recordingConfig.storageConfig.accessKey", "recordingConfig.storageConfig.secret", "recordingConfig.storageConfig.password"],
    );
    assert.deepEqual(out, {
      title: "Standup",
      recordingConfig: { storageConfig: { type: "aws", accessKey: secret("AKIA"), secret: secret("s") } },
    });
    assert.deepEqual(protectProperties({ title: "Standup", status: "ACTIVE" }, ["title"], []), {
      title: secret("Standup"),
      status: "ACTIVE",
    });
  });

  it("never wraps a secret twice, and leaves absent or null paths alone", () => {
    assert.deepEqual(secretValue(secret("x")), secret("x"));
    assert.deepEqual(
      protectProperties({ recordingConfig: { storageConfig: null } }, ["recordingConfig"], ["recordingConfig.storageConfig.secret"]),
      {
        recordingConfig: secret({ storageConfig: null }),
      },
    );
    assert.deepEqual(protectProperties({ title: "t" }, ["missing"], ["recordingConfig.storageConfig.secret"]), { title: "t" });
  });
});
