/**
 * A Pulumi project folder driven the way a user drives it: the `pulumi` binary itself, run in the
 * folder, so the CLI starts the Node.js language host on `Pulumi.yaml` and the program runs as it
 * would on the user's machine (no Automation API inline program in between).
 *
 * The environment is the offline one of {@link offlineEnvironment} (file backend, private
 * `PULUMI_HOME`, fixed passphrase), minus what would let the program or the provider process find
 * modules outside the project: no `NODE_PATH`, no repository `node_modules` on `PATH`. The CLI's
 * `bin/` folder comes first on `PATH`, as after a normal Pulumi install, so `pulumi` in a README
 * line and the language host and dynamic-provider plugin beside it are the ones found.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pulumiRoot, type OfflineEnvironment } from "./offlineEngine";

/** What one command did. */
export interface CommandResult {
  /** The command line as printed, e.g. `pulumi up --yes`. */
  readonly command: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
  /** True when the command was stopped at its `timeoutSeconds` rather than ending by itself. */
  readonly timedOut?: boolean;
}

/** A failed command, with its whole output in the message. */
export class CommandFailedError extends Error {
  constructor(readonly result: CommandResult) {
    super(
      `\`${result.command}\` ${result.timedOut ? "was stopped" : `exited with code ${result.code}`} after ${result.seconds.toFixed(1)} s\n` +
        `--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
    );
    this.name = "CommandFailedError";
  }
}

/** The counts of one update in `pulumi stack history`, e.g. `{ create: 4 }`. */
export type ResourceChanges = Readonly<Record<string, number>>;

/** One entry of `pulumi stack history --json`. */
export interface UpdateRecord {
  readonly kind: string;
  readonly result: string;
  readonly resourceChanges?: ResourceChanges;
}

/** Options of {@link PulumiProject}. */
export interface PulumiProjectOptions {
  /** The folder holding `Pulumi.yaml`. */
  readonly dir: string;
  /** Backend, `PULUMI_HOME` and passphrase. */
  readonly env: OfflineEnvironment;
  /** Called with each command line before it runs, and with its output when `showOutput` is set. */
  readonly echo?: (text: string) => void;
  /** Pass each command's output to `echo` as well. */
  readonly showOutput?: boolean;
  /** More environment for every command (e.g. `REALTIMEKIT_STATE_DIR`). */
  readonly extraEnv?: Readonly<Record<string, string>>;
  /** Values masked as `<secret>` wherever a command line or its output is printed (API tokens). */
  readonly secrets?: readonly string[];
}

/** Options of one command of a {@link PulumiProject}. */
export interface CommandOptions {
  /** Resolve with a non-zero exit code instead of rejecting. */
  readonly allowFailure?: boolean;
  /** Neither print the command nor its output (the harness's own queries). */
  readonly quiet?: boolean;
  /** Values masked as `<secret>` where the command line is printed (e.g. an API token). */
  readonly secrets?: readonly string[];
  /** Stop the command after this many seconds, as a user's Ctrl-C twice would (see {@link RunCommandOptions.timeoutSeconds}). */
  readonly timeoutSeconds?: number;
}

const QUIET: CommandOptions = { quiet: true };

/** Runs `pulumi` and shell lines in one project folder. */
export class PulumiProject {
  readonly dir: string;
  /** The environment every command gets. */
  readonly processEnv: NodeJS.ProcessEnv;
  /** `<root>/bin/pulumi`. */
  readonly pulumiPath: string;

  constructor(private readonly options: PulumiProjectOptions) {
    this.dir = options.dir;
    const bin = path.join(pulumiRoot(), "bin");
    this.pulumiPath = path.join(bin, "pulumi");
    const { NODE_PATH: _nodePath, PATH: _path, ...offline } = options.env.envVars;
    this.processEnv = {
      ...userShellEnvironment(),
      ...offline,
      PATH: [bin, process.env.PATH ?? ""].join(path.delimiter),
      // What a user does at the prompt of `pulumi up` / `destroy`: confirm.
      PULUMI_SKIP_CONFIRMATIONS: "true",
      ...options.extraEnv,
    };
  }

  /** Runs `pulumi <args>` in the project folder; rejects with the output when it fails. */
  pulumi(args: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
    return this.run(this.pulumiPath, args, `pulumi ${args.join(" ")}`, options);
  }

  /** Runs one shell line (e.g. from the README) with bash in the project folder. */
  shell(line: string, options: CommandOptions = {}): Promise<CommandResult> {
    return this.run("bash", ["-euo", "pipefail", "-c", line], line, options);
  }

  /** The newest entry of `pulumi stack history`. */
  async lastUpdate(stack?: string): Promise<UpdateRecord> {
    const history = JSON.parse((await this.pulumi(["stack", "history", "--json", ...stackArgs(stack)], QUIET)).stdout) as UpdateRecord[];
    if (history.length === 0) {
      throw new Error("the stack has no update history");
    }
    return history[0];
  }

  /** `pulumi stack output --json --show-secrets`. */
  async outputs(stack?: string): Promise<Record<string, unknown>> {
    return JSON.parse((await this.pulumi(["stack", "output", "--json", "--show-secrets", ...stackArgs(stack)], QUIET)).stdout) as Record<
      string,
      unknown
    >;
  }

  /** The resources of `pulumi stack export` (secrets stay encrypted). */
  async stateResources(stack?: string): Promise<Array<{ urn: string; type: string; id?: string }>> {
    const exported = JSON.parse((await this.pulumi(["stack", "export", ...stackArgs(stack)], QUIET)).stdout) as {
      deployment: { resources?: Array<{ urn: string; type: string; id?: string }> };
    };
    return exported.deployment.resources ?? [];
  }

  private run(file: string, args: readonly string[], shown: string, options: CommandOptions): Promise<CommandResult> {
    return runCommand(file, args, {
      cwd: this.dir,
      env: this.processEnv,
      shown,
      secrets: [...(this.options.secrets ?? []), ...(options.secrets ?? [])],
      echo: options.quiet ? undefined : this.options.echo,
      showOutput: this.options.showOutput,
      allowFailure: options.allowFailure,
      timeoutSeconds: options.timeoutSeconds,
    });
  }
}

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** The command line as printed; default the file and arguments joined. */
  readonly shown?: string;
  readonly echo?: (text: string) => void;
  readonly showOutput?: boolean;
  /** Resolve with a non-zero exit code instead of rejecting. */
  readonly allowFailure?: boolean;
  /** Values masked as `<secret>` in the printed command line, the echoed output and the error. */
  readonly secrets?: readonly string[];
  /**
   * Stop the command after this many seconds: SIGINT twice, a second apart, as a user's Ctrl-C twice
   * (the `pulumi` CLI then ends at once and stops the plugins it started), and SIGKILL if it is still
   * running {@link KILL_GRACE_MS} later. The result then has `timedOut` set; it is a failure unless
   * `allowFailure` is set.
   */
  readonly timeoutSeconds?: number;
}

/** How long a command stopped at its `timeoutSeconds` has to end after its two SIGINTs before SIGKILL. */
const KILL_GRACE_MS = 15_000;

/** Runs one program to its end, collecting its output; rejects when it fails unless allowed. */
export function runCommand(file: string, args: readonly string[], options: RunCommandOptions): Promise<CommandResult> {
  const mask = (text: string) => masked(text, options.secrets);
  const shown = mask(options.shown ?? [file, ...args].join(" "));
  const { showOutput } = options;
  const echo = options.echo && ((text: string) => options.echo?.(mask(text)));
  echo?.(`$ ${shown}\n`);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (showOutput) echo?.(chunk);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
      if (showOutput) echo?.(chunk);
    });
    let timedOut = false;
    const timers: NodeJS.Timeout[] = [];
    if (options.timeoutSeconds !== undefined) {
      const stopAt = options.timeoutSeconds * 1000;
      const signal = (name: NodeJS.Signals, afterMs: number, then?: () => void) =>
        timers.push(
          setTimeout(() => {
            then?.();
            child.kill(name);
          }, afterMs),
        );
      signal("SIGINT", stopAt, () => (timedOut = true));
      signal("SIGINT", stopAt + 1000);
      signal("SIGKILL", stopAt + 1000 + KILL_GRACE_MS);
    }
    child.on("error", reject);
    child.on("close", (code) => {
      timers.forEach(clearTimeout);
      const result = { command: shown, code: code ?? -1, stdout, stderr, seconds: (Date.now() - started) / 1000, timedOut };
      if (result.code !== 0 && !options.allowFailure) {
        reject(new CommandFailedError({ ...result, stdout: mask(stdout), stderr: mask(stderr) }));
      } else {
        resolve(result);
      }
    });
  });
}

/**
 * This process's environment as a user's shell would have it: without `NODE_PATH` and without
 * the variables `npm run` sets for the repository's own scripts (`npm_package_*`,
 * `npm_config_local_prefix`, `INIT_CWD`, …), which would point an `npm` run in another folder
 * back at this repository.
 */
export function userShellEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      key === "NODE_PATH" ||
      key === "INIT_CWD" ||
      /^npm_(package|lifecycle)_/.test(key) ||
      /^npm_config_(local_prefix|prefix|global|argv)$/.test(key)
    ) {
      continue;
    }
    env[key] = value;
  }
  return env;
}

function masked(line: string, secrets: readonly string[] | undefined): string {
  return (secrets ?? []).filter(Boolean).reduce((text, secret) => text.split(secret).join("<secret>"), line);
}

function stackArgs(stack: string | undefined): string[] {
  return stack ? ["--stack", stack] : [];
}

/** Writes files (name → text) into `dir`, creating folders, for projects made by tests. */
export function writeFiles(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}
