#!/usr/bin/env node
/**
 * Command-line entry: `npm run emulator -- --port 8787` (or `npx ts-node emulator/cli.ts`).
 * Prints one line with the API base URL and the account id, app id and token to use, then runs
 * until SIGINT or SIGTERM.
 */
import { parseArgs } from "node:util";
import { DEFAULT_CLI_PORT } from "./limits";
import type { EmulatorOptions } from "./options";
import { parseVariantFlag } from "./variants";
import { startEmulator } from "./index";

const USAGE = `Usage: emulator [options]

Options:
  --port <n>                 TCP port on 127.0.0.1; 0 picks a free one (default ${DEFAULT_CLI_PORT})
  --token <token>            API token clients must send (default: random)
  --account-id <id>          Account id to serve (default: random 32 hex)
  --app-id <id>              Id of the app created at start-up (default: random UUID)
  --latency-ms <n>           Fixed latency added to every API response (default 0)
  --rate-limit <n>/<secs>    Requests per window per token; the lockout equals the window (default 1200/300)
  --no-rate-limit            Switch rate limiting off
  --variant <name>=<value>   Answer an open question the other way (repeatable), e.g.
                             presetCreateStatus=200; all=flipped flips every switch
                             (see "Assumptions" in the emulator README)
  -h, --help                 Show this help`;

/** Turns command-line arguments into emulator options; throws an Error with a readable message. */
export function parseCliArgs(argv: readonly string[]): EmulatorOptions & { help?: boolean } {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: "string" },
      token: { type: "string" },
      "account-id": { type: "string" },
      "app-id": { type: "string" },
      "latency-ms": { type: "string" },
      "rate-limit": { type: "string" },
      "no-rate-limit": { type: "boolean" },
      variant: { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help === true) {
    return { help: true };
  }
  if (values["rate-limit"] !== undefined && values["no-rate-limit"] === true) {
    throw new Error("give either --rate-limit or --no-rate-limit, not both");
  }
  let rateLimit: EmulatorOptions["rateLimit"];
  if (values["no-rate-limit"] === true) {
    rateLimit = false;
  } else if (values["rate-limit"] !== undefined) {
    const match = /^(\d+)\/(\d+)$/.exec(values["rate-limit"]);
    if (match === null || Number(match[1]) < 1 || Number(match[2]) < 1) {
      throw new Error(`--rate-limit must look like <requests>/<seconds>, e.g. 1200/300; got ${values["rate-limit"]}`);
    }
    const windowMs = Number(match[2]) * 1000;
    rateLimit = { limit: Number(match[1]), windowMs, lockoutMs: windowMs };
  }
  return {
    port: values.port === undefined ? DEFAULT_CLI_PORT : integerOption("--port", values.port),
    token: values.token,
    accountId: values["account-id"],
    appId: values["app-id"],
    latencyMs: values["latency-ms"] === undefined ? undefined : integerOption("--latency-ms", values["latency-ms"]),
    rateLimit,
    variants: values.variant === undefined ? undefined : Object.assign({}, ...values.variant.map(parseVariantFlag)),
  };
}

function integerOption(name: string, raw: string): number {
  if (!/^\d+$/.test(raw)) {
    throw new Error(`${name} must be a non-negative integer, got ${raw}`);
  }
  return Number(raw);
}

/** Starts the emulator from the command line and keeps it running until a signal arrives. */
export async function main(argv: readonly string[]): Promise<void> {
  let options: ReturnType<typeof parseCliArgs>;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options.help === true) {
    console.log(USAGE);
    return;
  }
  const emulator = await startEmulator(options);
  console.log(
    `RealtimeKit emulator listening on ${emulator.url} account=${emulator.accountId} app=${emulator.appId} token=${emulator.token}`,
  );
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`RealtimeKit emulator failed to start: ${(error as Error).message}`);
    process.exit(1);
  });
}
