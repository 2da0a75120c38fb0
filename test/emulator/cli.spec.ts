import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { parseCliArgs } from "../../emulator/cli";
import { FLIPPED_VARIANTS } from "../../emulator/variants";

describe("Emulator CLI", () => {
  describe("parseCliArgs", () => {
    it("defaults to port 8787 and Cloudflare's rate limit", () => {
      assert.deepEqual(parseCliArgs([]), {
        port: 8787,
        token: undefined,
        accountId: undefined,
        appId: undefined,
        latencyMs: undefined,
        rateLimit: undefined,
        variants: undefined,
      });
    });

    it("reads every option", () => {
      assert.deepEqual(
        parseCliArgs([
          "--port",
          "0",
          "--token",
          "t",
          "--account-id",
          "0123456789abcdef0123456789abcdef",
          "--app-id",
          "app",
          "--latency-ms",
          "25",
          "--rate-limit",
          "100/60",
        ]),
        {
          port: 0,
          token: "t",
          accountId: "0123456789abcdef0123456789abcdef",
          appId: "app",
          latencyMs: 25,
          rateLimit: { limit: 100, windowMs: 60_000, lockoutMs: 60_000 },
          variants: undefined,
        },
      );
      assert.equal(parseCliArgs(["--no-rate-limit"]).rateLimit, false);
      assert.deepEqual(parseCliArgs(["-h"]), { help: true });
    });

    it("reads --variant switches, and all=flipped for every one", () => {
      assert.deepEqual(parseCliArgs(["--variant", "presetCreateStatus=200", "--variant", "webhookEnabledDefault=false"]).variants, {
        presetCreateStatus: 200,
        webhookEnabledDefault: false,
      });
      assert.deepEqual(parseCliArgs(["--variant", "all=flipped"]).variants, FLIPPED_VARIANTS);
      assert.throws(() => parseCliArgs(["--variant", "presetCreateStatus=202"]), {
        message: "--variant presetCreateStatus must be one of 201, 200; got 202",
      });
      assert.throws(() => parseCliArgs(["--variant", "bogus=1"]), /--variant bogus: not a known switch/);
    });

    it("rejects bad values", () => {
      assert.throws(() => parseCliArgs(["--rate-limit", "100"]), {
        message: "--rate-limit must look like <requests>/<seconds>, e.g. 1200/300; got 100",
      });
      assert.throws(() => parseCliArgs(["--port", "http"]), { message: "--port must be a non-negative integer, got http" });
      assert.throws(() => parseCliArgs(["--rate-limit", "1/1", "--no-rate-limit"]), {
        message: "give either --rate-limit or --no-rate-limit, not both",
      });
      assert.throws(() => parseCliArgs(["--bogus"]), /Unknown option '--bogus'/);
    });
  });

  it("prints one line with URL and credentials, serves the API, and exits on SIGTERM", async function () {
    this.timeout(30_000);
    const child = spawn(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", "emulator/cli.ts", "--port", "0", "--token", "cli-token", "--no-rate-limit"],
      { cwd: `${__dirname}/../..`, stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once("line", resolve);
        child.once("exit", (code) => reject(new Error(`exited early with ${String(code)}`)));
      });
      const match =
        /^RealtimeKit emulator listening on (http:\/\/127\.0\.0\.1:\d+\/client\/v4) account=([0-9a-f]{32}) app=([0-9a-f-]{36}) token=(\S+)$/.exec(
          line,
        );
      assert.ok(match, line);
      const [, url, account, app, token] = match;
      assert.equal(token, "cli-token");
      const res = await fetch(`${url}/accounts/${account}/realtime/kit/apps`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.status, 200);
      const body = (await res.json()) as { data: Array<{ id: string }> };
      assert.equal(body.data[0].id, app);
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      assert.equal(await exited, 0);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
