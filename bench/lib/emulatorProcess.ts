/**
 * The RealtimeKit emulator in a child process, so that its work never shares the event loop of the
 * inline programs the benchmark runs in its own process, and its CPU time is counted apart.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { EmulatorControl } from "../../harness/emulatorControl";
import { repoRoot, type RealtimeKitTarget } from "../../harness/offlineEngine";

/** A Cloudflare-style rate limit: at most `limit` requests per `windowSeconds`. */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

/** A running emulator: where it listens, its control client, and its process (for its CPU time and to stop it). */
export interface EmulatorProcess {
  readonly target: RealtimeKitTarget;
  readonly control: EmulatorControl;
  readonly child: ChildProcess;
}

/** How {@link startEmulatorProcess} configures the emulator. */
export interface EmulatorOptions {
  /** Added to every response, as the real API's round trip. */
  latencyMs: number;
  /** The limit to enforce; without one the emulator never answers 429 (the floor benchmark measures the engine, not the limit). */
  rateLimit?: RateLimit;
}

/** Starts `dist/emulator/cli.js` on a free port and reads where it listens from its banner. */
export async function startEmulatorProcess(options: EmulatorOptions): Promise<EmulatorProcess> {
  const cli = path.join(repoRoot, "dist", "emulator", "cli.js");
  const { rateLimit } = options;
  const rateLimitArgs = rateLimit ? ["--rate-limit", `${rateLimit.limit}/${rateLimit.windowSeconds}`] : ["--no-rate-limit"];
  const child = spawn(process.execPath, [cli, "--port", "0", "--latency-ms", String(options.latencyMs), ...rateLimitArgs], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.includes("\n")) resolve(buffer.split("\n")[0]);
    });
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  const match = /listening on (\S+) account=(\S+) app=(\S+) token=(\S+)/.exec(line);
  if (!match) throw new Error(`unexpected emulator banner: ${line}`);
  const target = { url: match[1], accountId: match[2], appId: match[3], token: match[4] };
  return { target, control: new EmulatorControl(target), child };
}

/**
 * Calls the emulator's control API (`/__emulator/<route>`, with `body` as JSON when given), e.g.
 * `POST reset` between scenarios, `DELETE requests` before an operation; throws unless it succeeds.
 */
export async function controlCall(emulator: EmulatorProcess, method: string, route: string, body?: unknown): Promise<void> {
  const init: RequestInit =
    body === undefined ? { method } : { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
  const response = await fetch(`${emulator.control.origin}/__emulator/${route}`, init);
  if (!response.ok) throw new Error(`${method} /__emulator/${route}: ${response.status}`);
}
