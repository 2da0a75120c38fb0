/**
 * `npm run demo`: the root Pulumi project (Pulumi.yaml + demo/index.ts) deployed to the local
 * RealtimeKit emulator with the `pulumi` CLI, offline, by the commands a user types (each printed
 * before it runs):
 *
 * 1. starts the emulator and a webhook receiver on 127.0.0.1;
 * 2. `pulumi stack init`, `pulumi config set …` (the account, app and token the emulator made up,
 *    the token as a secret; its URL as `realtimekit:apiBaseUrl`), `pulumi up`: a meeting, a
 *    `meeting.ended` webhook pointed at the receiver, a host preset with kickParticipant;
 * 3. three participants join the meeting; `pulumi config set meetingStatus INACTIVE`; `pulumi up`;
 * 4. shows what the emulator saw (kick-all before the PATCH) and the `meeting.ended` delivery with
 *    its signature checked against the emulator's public key;
 * 5. `pulumi destroy`, `pulumi stack rm`, stops everything, deletes the temp state.
 *
 * It exits with 1 unless every check holds. Run through `npm run demo` (scripts/run.sh builds first
 * and makes the CLI and its language host available).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../emulator";
import { describeRequest, EmulatorControl, writes, type LoggedRequest } from "../harness/emulatorControl";
import { assertBuilt, offlineEnvironment, repoRoot } from "../harness/offlineEngine";
import { PulumiProject, type ResourceChanges } from "../harness/pulumiProject";
import { fetchWebhookPublicKey, startWebhookReceiver, verifyDeliverySignature } from "../harness/webhookReceiver";

/** The resources demo/index.ts declares (the Stack itself comes on top in Pulumi's counts). */
export const DEMO_RESOURCES = 3;

/** What the demo observed; `npm run demo` fails unless {@link demoSucceeded} holds. */
export interface DemoResult {
  readonly meetingId: string;
  readonly firstUp: ResourceChanges;
  readonly secondUp: ResourceChanges;
  /** Writes the emulator saw during the INACTIVE update, e.g. `POST meetings/<id>/active-session/kick-all`. */
  readonly inactiveWrites: readonly string[];
  readonly kickAllBeforePatch: boolean;
  readonly deliveredEvent: string | undefined;
  readonly signatureVerified: boolean;
  readonly destroyed: ResourceChanges;
}

/** Options for {@link runDemo}. */
export interface DemoOptions {
  /** Stack name (and `Pulumi.<stack>.yaml`, deleted afterwards); default `demo`. */
  readonly stackName?: string;
  /** Where the story goes; default stdout. */
  readonly write?: (text: string) => void;
  /** Show the engine's own output under each command; default true. */
  readonly engineOutput?: boolean;
  readonly participants?: number;
}

const bold = (text: string) => (process.stdout.isTTY ? `\u001b[1m${text}\u001b[0m` : text);

/** Whether the run showed everything the demo promises. */
export function demoSucceeded(result: DemoResult): boolean {
  return (
    result.firstUp.create === DEMO_RESOURCES + 1 &&
    result.secondUp.update === 1 &&
    result.secondUp.same === DEMO_RESOURCES &&
    result.kickAllBeforePatch &&
    result.deliveredEvent === "meeting.ended" &&
    result.signatureVerified &&
    result.destroyed.delete === DEMO_RESOURCES + 1
  );
}

/** Runs the demo; resolves with what it observed (also used by test/engine/demo.spec.ts). */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const stackName = options.stackName ?? "demo";
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const say = (text = "") => write(`${text}\n`);
  const heading = (text: string) => say(`\n${bold(`== ${text}`)}`);
  const participants = options.participants ?? 3;
  const stackConfigFile = path.join(repoRoot, `Pulumi.${stackName}.yaml`);

  assertBuilt();
  fs.rmSync(stackConfigFile, { force: true });
  const started = Date.now();
  const emulator = await startEmulator();
  const control = new EmulatorControl(emulator);
  const receiver = await startWebhookReceiver();
  const env = offlineEnvironment("rtk-demo-");
  const engine = lineIndenter(write);
  const project = new PulumiProject({
    dir: repoRoot,
    env,
    echo: (text) => (text.startsWith("$ ") ? write(bold(text)) : engine.write(text)),
    showOutput: options.engineOutput !== false,
    secrets: [emulator.token],
  });
  // Prints the command (the token masked), runs it, and says how long it took.
  const pulumi = async (args: string[]) => {
    say();
    const result = await project.pulumi(args);
    engine.flush();
    say(`  (${result.seconds.toFixed(1)} s)`);
    return result;
  };
  try {
    heading(`Local RealtimeKit emulator (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    say(`  API       ${emulator.url}  (account ${emulator.accountId}, app ${emulator.appId})`);
    say(`  receiver  ${receiver.url}`);
    say(`  state     ${env.envVars.PULUMI_BACKEND_URL}  (throwaway, passphrase-encrypted secrets)`);

    heading(`The commands of "Use it with Cloudflare", pointed at the emulator (stack ${stackName})`);
    await pulumi(["stack", "init", stackName]);
    await pulumi(["config", "set", "realtimekit:accountId", emulator.accountId]);
    await pulumi(["config", "set", "realtimekit:appId", emulator.appId]);
    await pulumi(["config", "set", "--secret", "realtimekit:apiToken", "--", emulator.token]);
    await pulumi(["config", "set", "realtimekit:apiBaseUrl", emulator.url]);
    await pulumi(["config", "set", "webhookUrl", receiver.url]);
    let cursor = await control.mark();
    await pulumi(["up", "--yes", "--suppress-progress"]);
    const firstUp = (await project.lastUpdate()).resourceChanges ?? {};
    const meetingId = String((await project.outputs()).meetingId);
    say(`  summary: ${summarise(firstUp)}`);
    showRequests(say, await cursor.since(), control);

    heading(`${participants} participants join meeting ${meetingId}`);
    await control.join(meetingId, participants);
    const live = await control.activeSession(meetingId);
    say(`  active session ${String(live?.id)}: ${String(live?.status)}, ${String(live?.live_participants)} live participants`);

    heading("Close the meeting: meetingStatus INACTIVE");
    await pulumi(["config", "set", "meetingStatus", "INACTIVE"]);
    cursor = await control.mark();
    await pulumi(["up", "--yes", "--diff", "--suppress-progress"]);
    const secondUp = (await project.lastUpdate()).resourceChanges ?? {};
    say(`  summary: ${summarise(secondUp)}`);
    const seen = await cursor.since();
    showRequests(say, seen, control);
    const inactiveWrites = writes(seen).map((request) => describeRequest(request, control.appPath));
    const kickAll = inactiveWrites.indexOf(`POST meetings/${meetingId}/active-session/kick-all`);
    const patch = inactiveWrites.indexOf(`PATCH meetings/${meetingId}`);
    const kickAllBeforePatch = kickAll >= 0 && patch > kickAll;
    say(
      kickAllBeforePatch
        ? "  ✓ kick-all ended the live session before the PATCH set status INACTIVE"
        : "  ✗ expected kick-all before the status PATCH",
    );
    const after = await control.get(`meetings/${meetingId}`);
    const ended = live?.id ? await control.rest<Record<string, unknown>>("GET", `sessions/${String(live.id)}`) : undefined;
    say(`  meeting status: ${String(after.status)}; session ${String(live?.id)}: ${String(ended?.body.data?.status)}`);

    heading("Webhook receiver");
    let deliveredEvent: string | undefined;
    let signatureVerified = false;
    try {
      const delivery = await receiver.waitFor((candidate) => (candidate.body as { event?: string } | undefined)?.event === "meeting.ended");
      const body = delivery.body as { event: string; reason?: string; meeting?: { id?: string; sessionId?: string } };
      deliveredEvent = body.event;
      const publicKey = await fetchWebhookPublicKey(control.origin);
      signatureVerified = verifyDeliverySignature(delivery, publicKey);
      say(`  POST ${delivery.path}  rtk-webhook-id ${String(delivery.headers["rtk-webhook-id"])}`);
      say(
        `  ${body.event}: meeting ${String(body.meeting?.id)}, session ${String(body.meeting?.sessionId)}, reason ${String(body.reason)}`,
      );
      say(
        signatureVerified
          ? "  ✓ rtk-signature verified (RSA-SHA256 over the raw body, key from /.well-known/webhooks.json)"
          : "  ✗ rtk-signature did NOT verify",
      );
    } catch (error) {
      say(`  ✗ ${(error as Error).message}`);
    }

    heading("Tear down");
    await pulumi(["destroy", "--yes", "--suppress-progress"]);
    const destroyed = (await project.lastUpdate()).resourceChanges ?? {};
    say(`  summary: ${summarise(destroyed)} (the meeting is left INACTIVE: meetings cannot be deleted)`);
    await pulumi(["stack", "rm", "--yes", stackName]);

    return { meetingId, firstUp, secondUp, inactiveWrites, kickAllBeforePatch, deliveredEvent, signatureVerified, destroyed };
  } finally {
    await receiver.close();
    await emulator.close();
    env.dispose();
    fs.rmSync(stackConfigFile, { force: true });
  }
}

/** Writes output chunk by chunk as whole lines, each indented under the command that printed it. */
function lineIndenter(write: (text: string) => void): { write(chunk: string): void; flush(): void } {
  let partial = "";
  return {
    write(chunk) {
      const lines = (partial + chunk).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) write(line.trim() === "" ? "\n" : `  │ ${line}\n`);
    },
    flush() {
      if (partial.trim() !== "") write(`  │ ${partial}\n`);
      partial = "";
    },
  };
}

function summarise(changes: ResourceChanges): string {
  return (
    Object.entries(changes)
      .map(([kind, count]) => `${count} ${kind}`)
      .join(", ") || "nothing"
  );
}

function showRequests(say: (text?: string) => void, requests: readonly LoggedRequest[], control: EmulatorControl): void {
  say(`  the emulator saw ${requests.length} request(s):`);
  for (const request of requests) {
    const time = typeof request.time === "string" ? `${request.time.slice(11, 23)}  ` : "";
    say(`    ${time}${describeRequest(request, control.appPath).padEnd(72)} ${request.status}`);
  }
}

if (require.main === module) {
  const started = Date.now();
  runDemo().then(
    (result) => {
      const ok = demoSucceeded(result);
      process.stdout.write(
        `\n${bold(ok ? "Demo finished" : "Demo FAILED")} in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
          `up ${summarise(result.firstUp)}; INACTIVE up ${summarise(result.secondUp)}; ` +
          `kick-all before PATCH ${result.kickAllBeforePatch ? "yes" : "no"}; ` +
          `${result.deliveredEvent ?? "no event"} ${result.signatureVerified ? "verified" : "not verified"}; ` +
          `destroy ${summarise(result.destroyed)}\n`,
      );
      process.exit(ok ? 0 : 1);
    },
    (error: unknown) => {
      process.stderr.write(`\nDemo failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
