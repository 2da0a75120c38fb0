import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const requireFromString: (code: string) => { handler: () => pulumi.dynamic.ResourceProvider } = require("require-from-string");

const repoRoot = path.resolve(__dirname, "../..");
const installedRoot = path.join(repoRoot, "node_modules", "pulumi-realtimekit");
const kinds = ["meeting", "webhook", "preset", "app"] as const;

/** Loads a stub module from the installed copy, as a user's program does. */
function installedStub(kind: string): pulumi.dynamic.ResourceProvider {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(installedRoot, "dist", "provider", "stubs", `${kind}.js`));
}

async function serialize(provider: pulumi.dynamic.ResourceProvider): Promise<string> {
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return serialized.text;
}

describe("serialized provider", () => {
  before(() => {
    assert.ok(
      fs.existsSync(path.join(installedRoot, "dist", "provider", "host.js")),
      "node_modules/pulumi-realtimekit is missing: run `npm run build` (it installs the package into node_modules)",
    );
  });

  for (const kind of kinds) {
    it(`serializes the installed ${kind} stub as a one-line require of its module`, async () => {
      const text = await serialize(installedStub(kind));
      assert.ok(text.includes(`require("pulumi-realtimekit/dist/provider/stubs/${kind}.js")`), text);
      assert.ok(text.length <= 400, `serialized provider is ${text.length} bytes`);
    });
  }

  it("is byte-identical whatever the implementation holds", async () => {
    const before = await serialize(installedStub("meeting"));
    const hostPath = path.join(installedRoot, "dist", "provider", "host.js");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const host = require(hostPath);
    const original = host.providers.Meeting;
    host.providers.Meeting = { ...original, marker: "a different implementation" };
    try {
      assert.equal(await serialize(installedStub("meeting")), before);
    } finally {
      host.providers.Meeting = original;
    }
  });

  it("captures neither credentials nor configuration", async () => {
    process.env.CLOUDFLARE_API_TOKEN = "token-that-must-not-be-captured";
    try {
      for (const kind of kinds) {
        const text = await serialize(installedStub(kind));
        assert.equal(text.includes("token-that-must-not-be-captured"), false);
      }
    } finally {
      delete process.env.CLOUDFLARE_API_TOKEN;
    }
  });

  it("round-trips through the host's loader and reaches the installed implementation", async () => {
    const text = await serialize(installedStub("webhook"));
    const provider = requireFromString(text).handler();
    const result = await provider.check!({}, { name: "ended", url: "https://example.com/hook" });
    assert.deepEqual(result, {
      inputs: { name: "ended", url: "https://example.com/hook", events: ["meeting.ended"], enabled: true },
      failures: [],
    });
  });

  it("round-trips the by-value form used when the package is not installed", async () => {
    // Imported from the sources, the stub is local code and is inlined; it must still work.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const local: pulumi.dynamic.ResourceProvider = require("../../provider/stubs/meeting");
    const text = await serialize(local);
    assert.equal(text.includes('require("pulumi-realtimekit/dist/provider/host.js")'), true);
    const provider = requireFromString(text).handler();
    const result = await provider.check!({}, { status: "PAUSED" });
    assert.deepEqual(result.failures, [{ property: "status", reason: 'must be one of "ACTIVE", "INACTIVE"; got "PAUSED"' }]);
  });
});
