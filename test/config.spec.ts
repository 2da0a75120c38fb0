import * as assert from "node:assert/strict";

import { createRealtimeKitClient } from "../provider/client/client";
import { ConfigError } from "../provider/client/errors";
import { CONFIG_KEYS, CONFIG_SETTINGS, ConfigSource, resolveCredentials } from "../provider/config";

/** A config source answering full keys only, like the dynamic provider's config object. */
function config(values: Record<string, string>): ConfigSource {
  return { get: (key: string) => values[key] };
}

const required = {
  "realtimekit:accountId": "cfg-account",
  "realtimekit:appId": "cfg-app",
  "realtimekit:apiToken": "cfg-token",
};
const env = {
  CLOUDFLARE_ACCOUNT_ID: "env-account",
  REALTIMEKIT_APP_ID: "env-app",
  CLOUDFLARE_API_TOKEN: "env-token",
};

describe("resolveCredentials", () => {
  it("reads stack config with full keys and applies the defaults", () => {
    const seen: string[] = [];
    const source: ConfigSource = {
      get: (key) => {
        seen.push(key);
        return (required as Record<string, string>)[key];
      },
    };
    assert.deepEqual(resolveCredentials(source, {}), {
      accountId: "cfg-account",
      appId: "cfg-app",
      apiToken: "cfg-token",
      baseUrl: "https://api.cloudflare.com/client/v4",
      budget: { maxRequests: 1000, windowMs: 300_000 },
      timeoutMs: 30_000,
      maxRetries: 4,
      maxRateLimitWaitMs: 600_000,
    });
    assert.ok(seen.every((k) => k.startsWith("realtimekit:")));
  });

  it("falls back to environment variables", () => {
    assert.deepEqual(
      resolveCredentials(undefined, {
        ...env,
        REALTIMEKIT_API_BASE_URL: "http://127.0.0.1:8787/client/v4/",
        REALTIMEKIT_MAX_REQUESTS_PER_WINDOW: "50",
        REALTIMEKIT_RATE_LIMIT_WINDOW_SECONDS: "60",
        REALTIMEKIT_REQUEST_TIMEOUT_SECONDS: "5",
        REALTIMEKIT_MAX_RETRIES: "0",
        REALTIMEKIT_MAX_RATE_LIMIT_WAIT_SECONDS: "0",
      }),
      {
        accountId: "env-account",
        appId: "env-app",
        apiToken: "env-token",
        baseUrl: "http://127.0.0.1:8787/client/v4",
        budget: { maxRequests: 50, windowMs: 60_000 },
        timeoutMs: 5000,
        maxRetries: 0,
        maxRateLimitWaitMs: 0,
      },
    );
  });

  it("prefers stack config over the environment, and overrides over both", () => {
    const c = config({
      ...required,
      "realtimekit:apiBaseUrl": "https://cfg.example/v4",
      "realtimekit:maxRetries": "2",
    });
    const r = resolveCredentials(c, { ...env, REALTIMEKIT_API_BASE_URL: "https://env.example", REALTIMEKIT_MAX_RETRIES: "9" });
    assert.equal(r.accountId, "cfg-account");
    assert.equal(r.apiToken, "cfg-token");
    assert.equal(r.baseUrl, "https://cfg.example/v4");
    assert.equal(r.maxRetries, 2);
    const o = resolveCredentials(c, env, { accountId: "arg-account", appId: "arg-app" });
    assert.deepEqual([o.accountId, o.appId, o.apiToken], ["arg-account", "arg-app", "cfg-token"]);
  });

  it("mixes sources per key and trims values; empty values count as unset", () => {
    const r = resolveCredentials(config({ "realtimekit:appId": "  cfg-app  ", "realtimekit:apiToken": "" }), env);
    assert.deepEqual([r.accountId, r.appId, r.apiToken], ["env-account", "cfg-app", "env-token"]);
  });

  it("names the config key and the environment variable when a value is missing", () => {
    const cases: Array<[Record<string, string>, string]> = [
      [
        { "realtimekit:accountId": "a", "realtimekit:appId": "b" },
        "Missing required configuration realtimekit:apiToken: set it with `pulumi config set --secret realtimekit:apiToken <token>` or the CLOUDFLARE_API_TOKEN environment variable",
      ],
      [
        { "realtimekit:appId": "b", "realtimekit:apiToken": "t" },
        "Missing required configuration realtimekit:accountId: set it with `pulumi config set realtimekit:accountId <account id>` or the CLOUDFLARE_ACCOUNT_ID environment variable",
      ],
      [
        { "realtimekit:accountId": "a", "realtimekit:apiToken": "t" },
        "Missing required configuration realtimekit:appId: set it with `pulumi config set realtimekit:appId <app id>` or the REALTIMEKIT_APP_ID environment variable",
      ],
    ];
    for (const [values, message] of cases) {
      assert.throws(
        () => resolveCredentials(config(values), {}),
        (e: unknown) => {
          assert.ok(e instanceof ConfigError);
          assert.equal(e.message, message);
          assert.equal(e.name, "ConfigError");
          return true;
        },
      );
    }
  });

  it("rejects a base URL that is not http(s)", () => {
    for (const bad of ["ftp://x.example", "not a url", "https://x.example/v4?x=1", "https://x.example/v4#top", "https://x.example/v4?"]) {
      assert.throws(() => resolveCredentials(config({ ...required, "realtimekit:apiBaseUrl": bad }), {}), {
        name: "ConfigError",
        message: `Invalid configuration realtimekit:apiBaseUrl (from stack config): expected an http:// or https:// URL without query or fragment, got ${JSON.stringify(bad)}`,
      });
    }
    assert.throws(() => resolveCredentials(config(required), { REALTIMEKIT_API_BASE_URL: "file:///etc" }), {
      message:
        'Invalid configuration realtimekit:apiBaseUrl (from the REALTIMEKIT_API_BASE_URL environment variable): expected an http:// or https:// URL without query or fragment, got "file:///etc"',
    });
  });

  it("rejects a token with whitespace or control characters inside, without showing it", () => {
    for (const token of ["two words", "tok\u0000en", "line\nbreak"]) {
      assert.throws(
        () => resolveCredentials(config({ ...required, "realtimekit:apiToken": token }), {}),
        (e: unknown) => {
          assert.ok(e instanceof ConfigError);
          assert.equal(
            e.message,
            "Invalid configuration realtimekit:apiToken: expected a non-empty token without whitespace or control characters (the value is not shown)",
          );
          return true;
        },
      );
    }
  });

  it("accepts what the client accepts: the resolved settings create a client", () => {
    const r = resolveCredentials(config({ ...required, "realtimekit:apiBaseUrl": "http://127.0.0.1:8787/client/v4/" }), {});
    assert.equal(r.baseUrl, "http://127.0.0.1:8787/client/v4");
    assert.equal(createRealtimeKitClient({ ...r, budget: false }).accountId, r.accountId);
  });

  it("rejects numbers that are not positive integers", () => {
    const cases: Array<[string, string, string]> = [
      ["realtimekit:requestTimeoutSeconds", "0", "a positive integer"],
      ["realtimekit:requestTimeoutSeconds", "1.5", "a positive integer"],
      ["realtimekit:rateLimitWindowSeconds", "-3", "a positive integer"],
      ["realtimekit:maxRetries", "two", "a non-negative integer"],
      ["realtimekit:maxRateLimitWaitSeconds", "-1", "a non-negative integer"],
      ["realtimekit:maxRequestsPerWindow", "lots", 'a positive integer, or "off" / 0 to disable the budget'],
    ];
    for (const [key, value, expected] of cases) {
      assert.throws(
        () => resolveCredentials(config({ ...required, [key]: value }), {}),
        (e: unknown) => {
          assert.ok(e instanceof ConfigError);
          assert.equal(e.key, key);
          assert.equal(e.message, `Invalid configuration ${key} (from stack config): expected ${expected}, got ${JSON.stringify(value)}`);
          return true;
        },
      );
    }
  });

  it("disables the budget with 'off' or 0", () => {
    for (const off of ["off", "OFF", "0"]) {
      const r = resolveCredentials(config({ ...required, "realtimekit:maxRequestsPerWindow": off }), {});
      assert.equal(r.budget, false);
    }
    assert.equal(resolveCredentials(config(required), { REALTIMEKIT_MAX_REQUESTS_PER_WINDOW: "off" }).budget, false);
  });

  it("never puts the token into an error message", () => {
    const token = "very-secret-token-value";
    assert.throws(
      () => resolveCredentials(config({ ...required, "realtimekit:apiToken": token, "realtimekit:maxRetries": "x" }), {}),
      (e: unknown) => !(e as Error).message.includes(token),
    );
  });

  it("documents every key with its environment variable", () => {
    assert.deepEqual(CONFIG_KEYS, [
      "realtimekit:accountId",
      "realtimekit:appId",
      "realtimekit:apiToken",
      "realtimekit:apiBaseUrl",
      "realtimekit:maxRequestsPerWindow",
      "realtimekit:rateLimitWindowSeconds",
      "realtimekit:requestTimeoutSeconds",
      "realtimekit:maxRetries",
      "realtimekit:maxRateLimitWaitSeconds",
      "realtimekit:onLiveSession",
    ]);
    assert.deepEqual(
      CONFIG_SETTINGS.map((s) => s.env),
      [
        "CLOUDFLARE_ACCOUNT_ID",
        "REALTIMEKIT_APP_ID",
        "CLOUDFLARE_API_TOKEN",
        "REALTIMEKIT_API_BASE_URL",
        "REALTIMEKIT_MAX_REQUESTS_PER_WINDOW",
        "REALTIMEKIT_RATE_LIMIT_WINDOW_SECONDS",
        "REALTIMEKIT_REQUEST_TIMEOUT_SECONDS",
        "REALTIMEKIT_MAX_RETRIES",
        "REALTIMEKIT_MAX_RATE_LIMIT_WAIT_SECONDS",
        "REALTIMEKIT_ON_LIVE_SESSION",
      ],
    );
    assert.deepEqual(
      CONFIG_SETTINGS.filter((s) => s.secret).map((s) => s.key),
      ["realtimekit:apiToken"],
    );
  });
});
