/**
 * The few Pulumi CLI commands the `pulumi-realtimekit` commands need, run as the user would run
 * them (same PATH, login, `PULUMI_HOME` and passphrase environment), in the project folder.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type { DeploymentV3, StackStateStore } from "./pendingCreates";

const execFileAsync = promisify(execFile);

/** Where and how to run `pulumi`. */
export interface PulumiCliOptions {
  /** The `pulumi` executable. @default "pulumi" (from PATH) */
  readonly command?: string;
  /** The project folder (where `Pulumi.yaml` is). */
  readonly cwd: string;
  /** The stack name (`org/project/stack` or `stack`). */
  readonly stack: string;
  /** Environment of the commands. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

async function pulumi(options: PulumiCliOptions, args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync(options.command ?? "pulumi", [...args, "--stack", options.stack, "--non-interactive"], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      maxBuffer: 256 << 20,
    });
    return stdout;
  } catch (error) {
    const failure = error as { code?: unknown; stderr?: string; message?: string };
    if (failure.code === "ENOENT") {
      throw new Error(
        `cannot run ${JSON.stringify(options.command ?? "pulumi")}: not found (install the Pulumi CLI or pass --pulumi <path>)`,
        { cause: error },
      );
    }
    const detail = (failure.stderr ?? "").trim() || failure.message || String(error);
    throw new Error(`pulumi ${args.slice(0, 2).join(" ")} failed: ${detail}`, { cause: error });
  }
}

/** The stack's config, secrets decrypted (`pulumi config --json --show-secrets`), as key → value. */
export async function readStackConfig(options: PulumiCliOptions): Promise<Map<string, string>> {
  const parsed = JSON.parse(await pulumi(options, ["config", "--json", "--show-secrets"])) as Record<string, { value?: unknown }>;
  const config = new Map<string, string>();
  for (const [key, entry] of Object.entries(parsed)) {
    if (typeof entry?.value === "string") config.set(key, entry.value);
  }
  return config;
}

/** The stack's state through `pulumi stack export` / `pulumi stack import`; secrets stay encrypted. */
export function cliStateStore(options: PulumiCliOptions): StackStateStore {
  return {
    async exportState() {
      return JSON.parse(await pulumi(options, ["stack", "export"])) as { version: number; deployment: DeploymentV3 };
    },
    async importState(state) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-recover-"));
      const file = path.join(dir, "state.json");
      try {
        fs.writeFileSync(file, JSON.stringify(state), { mode: 0o600 });
        await pulumi(options, ["stack", "import", "--file", file]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
