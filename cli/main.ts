#!/usr/bin/env node
/**
 * `pulumi-realtimekit`: commands for operating stacks that use this package.
 *
 *   pulumi-realtimekit recover-pending --stack <stack> [--cwd <project folder>] [--pulumi <path>] [--dry-run]
 *   pulumi-realtimekit export [--stack <stack>] [--app <app id>] [--format yaml|ts] [--out <file>] [--select …] [--no-adopt]
 *
 * `recover-pending` puts the objects that an interrupted `pulumi up` created, but did not record,
 * back into the state (see `pendingCreates.ts`). Run `pulumi cancel` first if the stack is still
 * locked, and `pulumi refresh` then `pulumi up` after it.
 *
 * `export` writes the desired state of an existing app (see `export/command.ts`).
 */
import { createRealtimeKitClient } from "../provider/client/client";
import { resolveCredentials } from "../provider/config";
import { clientOptionsFor, journalFor } from "../provider/runtime";
import { STACK_OPTIONS, UsageError, parseCommandLine } from "./commandLine";
import { EXPORT_USAGE, parseExportArgs, runExport } from "./export/command";
import { listRemote, recoverPendingCreates, type PendingDecision } from "./pendingCreates";
import { cliStateStore, readStackConfig, type PulumiCliOptions } from "./pulumiCli";

const RECOVER_USAGE = "usage: pulumi-realtimekit recover-pending --stack <stack> [--cwd <project folder>] [--pulumi <path>] [--dry-run]";
const USAGE = `${RECOVER_USAGE}\n${EXPORT_USAGE}`;

interface RecoverArgs {
  readonly stack: string;
  readonly cwd: string;
  readonly pulumi?: string;
  readonly dryRun: boolean;
}

function parseRecoverArgs(argv: readonly string[]): RecoverArgs {
  const values = parseCommandLine(
    argv,
    { ...STACK_OPTIONS, "dry-run": { type: "boolean", default: false } },
    "recover-pending",
    RECOVER_USAGE,
  );
  const { stack, cwd, pulumi } = values;
  if (stack === undefined) throw new UsageError("--stack is required", RECOVER_USAGE, "recover-pending");
  return { stack, cwd: cwd ?? process.cwd(), pulumi, dryRun: values["dry-run"] === true };
}

/** One line per decision, e.g. `import urn:… = <id> (found by name "host")`. */
export function describeDecision(decision: PendingDecision): string {
  return `${decision.action === "import" ? "import" : "clear "} ${decision.urn}${decision.id ? ` = ${decision.id}` : ""} (${decision.reason})`;
}

async function recoverPending(args: RecoverArgs, print: (line: string) => void): Promise<void> {
  const cli: PulumiCliOptions = { command: args.pulumi, cwd: args.cwd, stack: args.stack };
  const config = await readStackConfig(cli);
  const credentials = resolveCredentials({ get: (key) => config.get(key) }, process.env);
  const client = createRealtimeKitClient(clientOptionsFor(credentials));
  const journal = journalFor(credentials.baseUrl, credentials.apiToken);
  const decisions = await recoverPendingCreates(cliStateStore(cli), () => listRemote(client, credentials.appId), {
    dryRun: args.dryRun,
    journal,
  });
  if (decisions.length === 0) {
    print("no pending creates: nothing to recover");
    return;
  }
  decisions.forEach((decision) => print(describeDecision(decision)));
  print(args.dryRun ? "dry run: the state was not changed" : "state imported; now run `pulumi refresh` and `pulumi up`");
}

/**
 * Runs a command line; returns the exit code (0 done, 1 failed, 2 usage).
 *
 * @param argv - the arguments after the program name, e.g. `["recover-pending", "--stack", "dev"]`.
 * @param print - where output lines go (`export`: the file, without `--out`). @default console.log
 * @param printError - where error lines go. @default console.error
 */
export async function main(
  argv: readonly string[],
  print: (line: string) => void = console.log,
  printError: (line: string) => void = console.error,
): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === "recover-pending") {
      await recoverPending(parseRecoverArgs(rest), print);
      return 0;
    }
    if (command === "export") {
      await runExport(parseExportArgs(rest), { print, printError });
      return 0;
    }
    throw new UsageError(command === undefined ? "missing command" : `unknown command ${JSON.stringify(command)}`, USAGE);
  } catch (error) {
    if (error instanceof UsageError) {
      printError(`pulumi-realtimekit${error.command === undefined ? "" : ` ${error.command}`}: ${error.message}\n${error.usage}`);
      return 2;
    }
    printError(`pulumi-realtimekit: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
