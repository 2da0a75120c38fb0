/**
 * `pulumi-realtimekit export`: reads one app through the API and writes the desired state that
 * reproduces it, as `realtimekit.yaml` (default) or a TypeScript program.
 *
 *     pulumi-realtimekit export [--stack <stack>] [--cwd <dir>] [--pulumi <path>] [--app <app id>]
 *       [--format yaml|ts] [--out <file>] [--select <kinds>]... [--no-adopt] [--secret-namespace <ns>]
 *
 * Credentials come from the same config keys and environment variables as the provider: with
 * `--stack`, from that stack's config (as `recover-pending` reads it), else from the environment
 * (`CLOUDFLARE_ACCOUNT_ID`, `REALTIMEKIT_APP_ID`, `CLOUDFLARE_API_TOKEN`, `REALTIMEKIT_API_BASE_URL`).
 * The file goes to stdout, or with `--out` atomically to a file; progress, warnings and the
 * `pulumi config set --secret` lines for storage credentials go to stderr. Nothing is written
 * unless the whole app was read.
 */
import { createRealtimeKitClient } from "../../provider/client/client";
import { isApiError } from "../../provider/client/errors";
import { resolveCredentials, type ConfigSource } from "../../provider/config";
import { clientOptionsFor } from "../../provider/runtime";
import { STACK_OPTIONS, UsageError, parseCommandLine } from "../commandLine";
import { readStackConfig } from "../pulumiCli";
import { desiredStateOf, type DesiredState } from "./desiredState";
import { readApp, UnknownAppError, type AppSnapshot } from "./readApp";
import { renderTypeScript } from "./renderTypeScript";
import { renderYaml, type RenderedFile } from "./renderYaml";
import { describeSelection, parseSelection, SELECT_ALL, type Selection } from "./selection";
import { writeFileAtomically } from "./writeAtomically";

/** The usage line of `export`. */
export const EXPORT_USAGE =
  "usage: pulumi-realtimekit export [--stack <stack>] [--cwd <dir>] [--pulumi <path>] [--app <app id>] " +
  "[--format yaml|ts] [--out <file>] [--select presets,webhooks,meetings[status=ACTIVE,title=<glob>]] [--no-adopt] " +
  "[--secret-namespace <namespace>]";

function usageError(message: string): UsageError {
  return new UsageError(message, EXPORT_USAGE, "export");
}

/** The parsed command line of `export`. */
export interface ExportArgs {
  /** Read credentials from this stack's config (else from the environment). */
  readonly stack?: string;
  /** The Pulumi project folder, for `--stack`. */
  readonly cwd: string;
  /** The `pulumi` executable, for `--stack`. */
  readonly pulumi?: string;
  /** The app to export instead of the configured `realtimekit:appId`. */
  readonly app?: string;
  readonly format: "yaml" | "ts";
  /** Write here (atomically) instead of stdout. */
  readonly out?: string;
  readonly selection: Selection;
  /** Write adoption (`adoptExisting`, `adoptMeetingId`); `--no-adopt` writes a copy for a new app. */
  readonly adopt: boolean;
  /** Namespace of the config keys of storage credentials. */
  readonly secretNamespace: string;
}

/** Parses the arguments after `export`. @throws {@link UsageError} */
export function parseExportArgs(argv: readonly string[]): ExportArgs {
  const values = parseCommandLine(
    argv,
    {
      ...STACK_OPTIONS,
      app: { type: "string" },
      format: { type: "string", default: "yaml" },
      out: { type: "string" },
      select: { type: "string", multiple: true },
      "no-adopt": { type: "boolean", default: false },
      "secret-namespace": { type: "string", default: "recordings" },
    },
    "export",
    EXPORT_USAGE,
  );
  if (values.format !== "yaml" && values.format !== "ts") {
    throw usageError(`--format must be yaml or ts; got ${JSON.stringify(values.format)}`);
  }
  const namespace = values["secret-namespace"] as string;
  if (!/^[^\s:]+$/.test(namespace)) {
    throw usageError(`--secret-namespace must be a config namespace without spaces or ":"; got ${JSON.stringify(namespace)}`);
  }
  let selection: Selection;
  try {
    selection = parseSelection(values.select ?? []);
  } catch (error) {
    throw usageError((error as Error).message);
  }
  return {
    stack: values.stack,
    cwd: values.cwd ?? process.cwd(),
    pulumi: values.pulumi,
    app: values.app,
    format: values.format,
    out: values.out,
    selection,
    adopt: values["no-adopt"] !== true,
    secretNamespace: namespace,
  };
}

/** Where `export` sends its output. */
export interface ExportIo {
  /** The rendered file when there is no `--out` (stdout). */
  readonly print: (text: string) => void;
  /** Progress, warnings and the secret commands (stderr). */
  readonly printError: (line: string) => void;
  /** Environment of the credentials. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** One line saying what went wrong with the API and how to fix it; other errors unchanged. */
function explain(error: unknown, accountId: string): Error {
  if (error instanceof UnknownAppError) {
    const apps = error.apps
      .slice(0, 5)
      .map((app) => `${app.id} "${app.name}"`)
      .join(", ");
    return new Error(
      `app ${error.appId} is not an app of account ${accountId}: pass --app <app id> (or set realtimekit:appId / REALTIMEKIT_APP_ID)` +
        (apps === "" ? "; the account has no apps" : ` with one of: ${apps}${error.apps.length > 5 ? ", …" : ""}`),
    );
  }
  if (isApiError(error) && error.status === 401) {
    return new Error(
      `the API token was refused (401 ${error.apiMessage}): set a valid one with \`pulumi config set --secret realtimekit:apiToken -- <token>\` or CLOUDFLARE_API_TOKEN`,
    );
  }
  if (isApiError(error) && error.status === 403) {
    return new Error(
      `the API token may not read RealtimeKit in account ${accountId} (403 ${error.apiMessage}): check realtimekit:apiToken / CLOUDFLARE_API_TOKEN and realtimekit:accountId, and give the token the Realtime > Realtime Admin permission (My Profile > API Tokens)`,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

function assertNotEmpty(snapshot: AppSnapshot, selection: Selection): void {
  if (snapshot.presets.length + snapshot.webhooks.length + snapshot.meetings.length > 0) return;
  const app = `app "${snapshot.app.name}" (${snapshot.app.id})`;
  throw new Error(
    selection === SELECT_ALL
      ? `${app} has no presets, webhooks or meetings: nothing to export (check --app / realtimekit:appId)`
      : `nothing in ${app} matches --select ${describeSelection(selection)}: widen the selection`,
  );
}

function render(state: DesiredState, format: "yaml" | "ts"): RenderedFile {
  return format === "ts" ? renderTypeScript(state) : renderYaml(state);
}

/**
 * Runs `export`. Throws (after writing nothing) on any failure, with a one-line message that says
 * how to fix it.
 *
 * @param args - the parsed command line.
 * @param io - where the file and the messages go.
 * @returns the desired state written, for callers that report on it.
 */
export async function runExport(args: ExportArgs, io: ExportIo): Promise<DesiredState> {
  let config: ConfigSource | undefined;
  if (args.stack !== undefined) {
    const values = await readStackConfig({ command: args.pulumi, cwd: args.cwd, stack: args.stack, env: io.env });
    config = { get: (key) => values.get(key) };
  }
  const credentials = resolveCredentials(config, io.env ?? process.env, { appId: args.app });
  const client = createRealtimeKitClient(clientOptionsFor(credentials));
  let snapshot: AppSnapshot;
  try {
    snapshot = await readApp(client, credentials.appId, args.selection, (line) => io.printError(`export: ${line}`));
  } catch (error) {
    throw explain(error, credentials.accountId);
  }
  assertNotEmpty(snapshot, args.selection);
  const state = desiredStateOf(snapshot, { adopt: args.adopt, secretNamespace: args.secretNamespace });
  const file = render(state, args.format);
  if (args.out !== undefined) {
    writeFileAtomically(args.out, file.text);
  } else {
    io.print(file.text.replace(/\n$/, ""));
  }
  for (const warning of file.warnings) io.printError(`export: warning: ${warning}`);
  if (state.secrets.length > 0) {
    io.printError("export: storage credentials are not readable through the API; set them in the stack config before `pulumi up`:");
    for (const secret of state.secrets) {
      io.printError(
        `  pulumi config set --secret ${secret.configKey} -- <${secret.field} of meeting ${secret.meetingKey} (${secret.meetingId})>`,
      );
    }
  }
  io.printError(
    `export: ${state.presets.length} presets, ${state.webhooks.length} webhooks, ${state.meetings.length} meetings` +
      ` in ${client.stats.requests} requests${args.out === undefined ? "" : ` -> ${args.out}`}`,
  );
  return state;
}
