/**
 * What every `pulumi-realtimekit` command does with its command line: strict `node:util`
 * `parseArgs` (no positionals, no unknown flags), and one error for the mistakes it finds.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

/** A mistake in a command line: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  /**
   * @param message - what is wrong, e.g. `--stack is required`.
   * @param usage - the usage lines to print after it.
   * @param command - the command at fault (`export`), when the mistake is in its arguments.
   */
  constructor(
    message: string,
    readonly usage: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/** The options of a command that reads a stack's config: which stack, where its project is, and which `pulumi` runs. */
export const STACK_OPTIONS = {
  stack: { type: "string" },
  cwd: { type: "string" },
  pulumi: { type: "string" },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

/**
 * The option values of a command's arguments.
 * @throws {@link UsageError} naming the command, for an unknown flag, a missing value or a positional.
 */
export function parseCommandLine<Options extends NonNullable<ParseArgsConfig["options"]>>(
  argv: readonly string[],
  options: Options,
  command: string,
  usage: string,
): ReturnType<typeof parseArgs<{ options: Options; strict: true; allowPositionals: false }>>["values"] {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message, usage, command);
  }
}
