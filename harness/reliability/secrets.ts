/**
 * Scenario 5, credentials and secrets. With a recognisable API token (`rtkCanaryToken…`) and
 * recognisable storage credentials, given both ways a program can: named by stack config key
 * (`credentialsFromConfig`, the recommended way: the provider reads them, they are never inputs)
 * on one meeting, and literally as Pulumi secrets on another:
 *
 * - `up`, refresh, preview and destroy with the engine's most verbose logging that 3.274.1 supports
 *   through the Automation API (`--logtostderr -v=9`: `logToStdErr`, `logVerbosity: 9`), a preview
 *   with `--debug` too, and `PULUMI_DEBUG_GRPC=<file>` (every gRPC message between engine, program
 *   and provider, written to a file) for the whole run;
 * - the exported state, as stored (`pulumi stack export`) and decrypted (`--show-secrets`, where each
 *   value may appear only inside a secret envelope);
 * - a wrong token (403) and an account without RealtimeKit (403 for a foreign account id): the error
 *   must name the config key and never contain the token;
 *
 * and the search runs over everything: CLI output, verbose logs, gRPC log, every error message.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { exportStackAsStored, plainTextOccurrences } from "../offlineEngine";
import { SDK_DEBUG_LINE, canaryToken, logMessages, secretsUsed, startReliabilityFixture, tail, type OpOutcome } from "./fixture";
import type { Workload } from "./program";

/** One place searched, and whether a credential was found there. */
export interface LeakCheck {
  readonly where: string;
  readonly bytes: number;
  /** Credentials found in plain text (names only), outside the known Pulumi debug lines below. */
  readonly found: string[];
  /**
   * Credentials found only in the Node SDK's own debug lines `RegisterResource RPC finished: … resp: …`
   * (`@pulumi/pulumi/runtime/resource.js`), which print a resource's inputs with secret values in
   * plain text when the engine runs with `--debug` or `-v`: Pulumi behaviour, not the provider's.
   */
  readonly inSdkDebugLines: string[];
  /** Expected to hold credentials by design (PULUMI_DEBUG_GRPC): measured, not asserted. */
  readonly expected?: boolean;
}

/** A provoked credential error. */
export interface CredentialError {
  readonly case: string;
  readonly ok: boolean;
  /** The provider's message (first matching diagnostic line). */
  readonly message: string;
  readonly namesKey: boolean;
  readonly containsToken: boolean;
  readonly writes: number;
}

/**
 * Credentials that must not appear even in the Node SDK's own debug lines: the token (stack config)
 * and the storage credentials named in `credentialsFromConfig`. Literal storage credentials are
 * resource inputs, which those lines print.
 */
export const NEVER_IN_SDK_DEBUG_LINES: readonly string[] = ["API token", "access key from config", "secret from config"];

/** Result of the scenario. */
export interface SecretsResult {
  readonly checks: LeakCheck[];
  /** Whether the meeting with `credentialsFromConfig` reached the API with the values from config. */
  readonly configCredentialsDelivered: boolean;
  readonly errors: CredentialError[];
  /** Total bytes searched. */
  readonly bytesSearched: number;
}

function search(where: string, text: string, needles: Record<string, string>, expected = false): LeakCheck {
  const all = logMessages(text);
  const other = all.filter((message) => !SDK_DEBUG_LINE.test(message)).join("\n");
  const sdk = all.filter((message) => SDK_DEBUG_LINE.test(message)).join("\n");
  const names = (haystack: string) =>
    Object.entries(needles)
      .filter(([, value]) => haystack.includes(value))
      .map(([name]) => name);
  return { where, bytes: text.length, found: names(other), inSdkDebugLines: names(sdk), expected };
}

function diagnosticLine(outcome: OpOutcome, pattern: RegExp): string {
  const text = outcome.error ?? outcome.output;
  const line = text.split("\n").find((l) => pattern.test(l) && /error:/.test(l));
  return (line ?? tail(text, 3)).trim();
}

/** Runs the scenario. */
export async function runSecretsScenario(): Promise<SecretsResult> {
  const canary = (prefix: string) => `${prefix}${Math.random().toString(36).slice(2, 12)}`;
  const credentials = {
    "access key from config": canary("AKIACFG"),
    "secret from config": canary("canary-config-secret-"),
    "literal access key": canary("AKIALIT"),
    "literal secret": canary("canary-literal-secret-"),
  };
  for (const value of Object.values(credentials)) {
    secretsUsed.add(value);
  }
  const grpcLog = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rtk-grpc-")), "grpc.log");

  const storage = { type: "aws", bucket: "recordings", region: "eu-west-1" } as const;
  const workload: Workload = {
    meetings: {
      recordedFromConfig: {
        title: "Recorded call (credentials from stack config)",
        recordingConfig: {
          fileNamePrefix: "calls",
          storageConfig: { ...storage, credentialsFromConfig: { accessKey: "recordings:accessKey", secret: "recordings:secretKey" } },
        },
      },
      recordedLiteral: {
        title: "Recorded call (literal credentials)",
        recordingConfig: {
          fileNamePrefix: "calls",
          storageConfig: {
            ...storage,
            accessKey: pulumi.secret(credentials["literal access key"]),
            secret: pulumi.secret(credentials["literal secret"]),
          },
        },
      },
      plain: { title: "Plain meeting" },
    },
    webhooks: { ended: { name: "ended", url: "https://hooks.example.com/ended" } },
    presets: { host: { name: "host", permissions: { kickParticipant: true } } },
  };
  const fixture = await startReliabilityFixture({
    stackName: "secrets",
    workload,
    env: { PULUMI_DEBUG_GRPC: grpcLog },
    config: {
      "recordings:accessKey": { value: credentials["access key from config"], secret: true },
      "recordings:secretKey": { value: credentials["secret from config"], secret: true },
    },
  });
  const needles: Record<string, string> = { "API token": fixture.token, ...credentials };
  const checks: LeakCheck[] = [];
  const errors: CredentialError[] = [];
  try {
    const verbose = { logToStdErr: true, logVerbosity: 9 } as const;
    const ops: OpOutcome[] = [];
    ops.push(await fixture.run("up", verbose));
    ops.push(await fixture.run("refresh", verbose));
    ops.push(await fixture.run("preview", { ...verbose, expectNoChanges: true }));
    for (const op of ops) {
      if (!op.ok) {
        throw new Error(`secrets scenario: ${op.kind} failed:\n${tail(op.error, 30)}`);
      }
      checks.push(search(`${op.kind}: CLI output`, op.output, needles));
      checks.push(search(`${op.kind}: verbose engine log (-v=9 --logtostderr)`, op.stderr, needles));
    }
    const received = JSON.stringify(fixture.emulator.state().meetings);
    const configCredentialsDelivered =
      received.includes(credentials["access key from config"]) && received.includes(credentials["secret from config"]);
    const debug = await fixture.run("preview", { ...verbose, debug: true });
    checks.push(search("preview --debug: CLI output", debug.output, needles));
    checks.push(search("preview --debug: verbose engine log", debug.stderr, needles));
    const stored = JSON.stringify(await exportStackAsStored(fixture.stack, fixture.offline));
    checks.push(search("state as stored (pulumi stack export)", stored, needles));
    const decrypted = await fixture.stack.exportStack();
    const outside = Object.values(needles).flatMap((value) => plainTextOccurrences(decrypted, value));
    checks.push({
      where: "state decrypted (--show-secrets), outside secret envelopes",
      bytes: JSON.stringify(decrypted).length,
      found: outside.length > 0 ? [`${outside.length} plain occurrence(s): ${outside.slice(0, 3).join(", ")}`] : [],
      inSdkDebugLines: [],
    });
    const stateDir = path.join(fixture.offline.dir, "state");
    const backendFiles = listFiles(stateDir)
      .map((file) => fs.readFileSync(file, "utf8"))
      .join("\n");
    checks.push(search("backend files (checkpoints, history, backups)", backendFiles, needles));

    // Credential errors: a wrong token, and an account without RealtimeKit (foreign account id).
    const wrongToken = canaryToken();
    secretsUsed.add(wrongToken);
    for (const [name, key, value] of [
      ["wrong API token (403)", "realtimekit:apiToken", wrongToken],
      ["account without RealtimeKit (403)", "realtimekit:accountId", "0123456789abcdef0123456789abcdef"],
    ] as const) {
      const original = await fixture.stack.getConfig(key);
      await fixture.stack.setConfig(key, { value, secret: key === "realtimekit:apiToken" });
      const before = fixture.emulator.requests().length;
      fixture.workload = {
        ...workload,
        webhooks: { ...workload.webhooks, extra: { name: "extra", url: "https://hooks.example.com/extra" } },
      };
      const outcome = await fixture.run("up");
      const writes = fixture.emulator
        .requests()
        .slice(before)
        .filter((e) => e.method !== "GET" && e.status !== 403).length;
      const message = diagnosticLine(outcome, /403|realtimekit:/);
      const text = `${outcome.output}\n${outcome.error ?? ""}`;
      errors.push({
        case: name,
        ok: outcome.ok,
        message,
        namesKey: message.includes(key),
        containsToken: text.includes(wrongToken) || text.includes(fixture.token),
        writes,
      });
      await fixture.stack.setConfig(key, original);
      fixture.workload = workload;
    }
    // A missing token: the message names the key and the environment variable.
    await fixture.stack.removeConfig("realtimekit:apiToken");
    fixture.workload = {
      ...workload,
      webhooks: { ...workload.webhooks, extra: { name: "extra", url: "https://hooks.example.com/extra" } },
    };
    const missing = await fixture.run("up");
    errors.push({
      case: "missing API token",
      ok: missing.ok,
      message: diagnosticLine(missing, /realtimekit:apiToken/),
      namesKey: diagnosticLine(missing, /realtimekit:apiToken/).includes("realtimekit:apiToken"),
      containsToken: `${missing.output}${missing.error ?? ""}`.includes(fixture.token),
      writes: 0,
    });
    await fixture.stack.setConfig("realtimekit:apiToken", { value: fixture.token, secret: true });
    fixture.workload = workload;
    const destroy = await fixture.run("destroy", verbose);
    checks.push(search("destroy: CLI output + verbose log", `${destroy.output}\n${destroy.stderr}`, needles));
    const grpc = fs.existsSync(grpcLog) ? fs.readFileSync(grpcLog, "utf8") : "";
    checks.push(search("PULUMI_DEBUG_GRPC log (every gRPC message, decrypted config included)", grpc, needles, true));
    return { checks, configCredentialsDelivered, errors, bytesSearched: checks.reduce((n, c) => n + c.bytes, 0) };
  } finally {
    await fixture.dispose();
    fs.rmSync(path.dirname(grpcLog), { recursive: true, force: true });
  }
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}
