/**
 * `npm run demo`: the root Pulumi project (Pulumi.yaml + demo/index.ts) deployed by the real
 * Pulumi engine to the local RealtimeKit emulator, offline.
 *
 * 1. starts the emulator and a webhook receiver on 127.0.0.1;
 * 2. `pulumi up` on a throwaway local stack: a meeting, a `meeting.ended` webhook pointed at the
 *    receiver, a host preset with kickParticipant;
 * 3. three participants join the meeting; `meetingStatus: INACTIVE`; `pulumi up` again;
 * 4. shows what the engine did and what the emulator saw (kick-all before the PATCH), and the
 *    `meeting.ended` delivery with its signature checked against the emulator's public key;
 * 5. `pulumi destroy`, stops everything, deletes the temp state.
 *
 * The Automation API runs demo/index.ts in this process (an inline program) because the Node
 * language host cannot be built offline; the engine, the state and the provider are the real ones.
 * Run through scripts/demo.sh, which builds first and finds the CLI.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../emulator";
import demoProgram from "../demo";
import { describeRequest, EmulatorControl, writes, type LoggedRequest } from "./lib/emulatorControl";
import { assertBuilt, createInlineStack, offlineEnvironment, providerConfig, repoRoot } from "./lib/offlineEngine";
import { fetchWebhookPublicKey, startWebhookReceiver, verifyDeliverySignature } from "./lib/webhookReceiver";

/** What the demo observed; `npm run demo` fails unless every check holds. */
export interface DemoResult {
  readonly meetingId: string;
  readonly firstUp: Record<string, number>;
  readonly secondUp: Record<string, number>;
  /** Writes the emulator saw during the INACTIVE update, e.g. `POST meetings/<id>/active-session/kick-all`. */
  readonly inactiveWrites: readonly string[];
  readonly kickAllBeforePatch: boolean;
  readonly deliveredEvent: string | undefined;
  readonly signatureVerified: boolean;
  readonly destroyed: Record<string, number>;
}

/** Options for {@link runDemo}. */
export interface DemoOptions {
  /** Stack name (and `Pulumi.<stack>.yaml`, deleted afterwards); default `demo`. */
  readonly stackName?: string;
  /** Where the story goes; default stdout. */
  readonly write?: (text: string) => void;
  /** Stream the engine's own output; default true. */
  readonly engineOutput?: boolean;
  readonly participants?: number;
}

const bold = (text: string) => (process.stdout.isTTY ? `\u001b[1m${text}\u001b[0m` : text);

/** Runs the demo; resolves with what it observed (also used by test/engine/demo.spec.ts). */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const stackName = options.stackName ?? "demo";
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const say = (text = "") => write(`${text}\n`);
  const heading = (text: string) => say(`\n${bold(`== ${text}`)}`);
  const engineOutput = options.engineOutput === false ? undefined : (text: string) => write(indent(text));
  const participants = options.participants ?? 3;
  const stackConfigFile = path.join(repoRoot, `Pulumi.${stackName}.yaml`);

  assertBuilt();
  fs.rmSync(stackConfigFile, { force: true });
  const emulator = await startEmulator();
  const control = new EmulatorControl(emulator);
  const receiver = await startWebhookReceiver();
  const env = offlineEnvironment("rtk-demo-");
  try {
    heading("Local RealtimeKit emulator");
    say(`  API       ${emulator.url}  (account ${emulator.accountId}, app ${emulator.appId})`);
    say(`  receiver  ${receiver.url}`);
    say(`  state     ${env.envVars.PULUMI_BACKEND_URL}  (throwaway, passphrase-encrypted secrets)`);

    const stack = await createInlineStack({
      stackName,
      projectName: "realtimekit-demo",
      program: demoProgram,
      env,
      workDir: repoRoot,
      config: {
        ...providerConfig(emulator),
        "realtimekit-demo:webhookUrl": { value: receiver.url },
        "realtimekit-demo:meetingStatus": { value: "ACTIVE" },
      },
    });

    heading(`pulumi up  (stack ${stackName}, program demo/index.ts)`);
    let cursor = await control.mark();
    const first = await stack.up({ color: colour(), onOutput: engineOutput });
    const meetingId = String(first.outputs.meetingId.value);
    say(`  summary: ${summarise(first.summary.resourceChanges)}`);
    showRequests(say, await cursor.since(), control);

    heading(`${participants} participants join meeting ${meetingId}`);
    await control.join(meetingId, participants);
    const live = await control.activeSession(meetingId);
    say(`  active session ${String(live?.id)}: ${String(live?.status)}, ${String(live?.live_participants)} live participants`);

    heading("pulumi config set meetingStatus INACTIVE && pulumi up");
    await stack.setConfig("realtimekit-demo:meetingStatus", { value: "INACTIVE" });
    cursor = await control.mark();
    const second = await stack.up({ color: colour(), onOutput: engineOutput, diff: true });
    say(`  summary: ${summarise(second.summary.resourceChanges)}`);
    const seen = await cursor.since();
    showRequests(say, seen, control);
    const inactiveWrites = writes(seen).map((request) => describeRequest(request, control.appPath));
    const kickAll = inactiveWrites.indexOf(`POST meetings/${meetingId}/active-session/kick-all`);
    const patch = inactiveWrites.indexOf(`PATCH meetings/${meetingId}`);
    const kickAllBeforePatch = kickAll >= 0 && patch > kickAll;
    say(kickAllBeforePatch
      ? "  ✓ kick-all ended the live session before the PATCH set status INACTIVE"
      : "  ✗ expected kick-all before the status PATCH");
    const after = await control.get(`meetings/${meetingId}`);
    const ended = live?.id ? await control.rest<Record<string, unknown>>("GET", `sessions/${String(live.id)}`) : undefined;
    say(`  meeting status: ${String(after.status)}; session ${String(live?.id)}: ${String(ended?.body.data?.status)}`);

    heading("Webhook receiver");
    let deliveredEvent: string | undefined;
    let signatureVerified = false;
    try {
      const delivery = await receiver.waitFor(
        (candidate) => (candidate.body as { event?: string } | undefined)?.event === "meeting.ended",
      );
      const body = delivery.body as { event: string; reason?: string; meeting?: { id?: string; sessionId?: string } };
      deliveredEvent = body.event;
      const publicKey = await fetchWebhookPublicKey(control.origin);
      signatureVerified = verifyDeliverySignature(delivery, publicKey);
      say(`  POST ${delivery.path}  rtk-webhook-id ${String(delivery.headers["rtk-webhook-id"])}`);
      say(`  ${body.event}: meeting ${String(body.meeting?.id)}, session ${String(body.meeting?.sessionId)}, reason ${String(body.reason)}`);
      say(signatureVerified
        ? "  ✓ rtk-signature verified (RSA-SHA256 over the raw body, key from /.well-known/webhooks.json)"
        : "  ✗ rtk-signature did NOT verify");
    } catch (error) {
      say(`  ✗ ${(error as Error).message}`);
    }

    heading("pulumi destroy");
    const destroyed = await stack.destroy({ color: colour(), onOutput: undefined });
    say(`  summary: ${summarise(destroyed.summary.resourceChanges)} (the meeting is left INACTIVE: meetings cannot be deleted)`);
    await stack.workspace.removeStack(stackName);

    return {
      meetingId,
      firstUp: { ...first.summary.resourceChanges } as Record<string, number>,
      secondUp: { ...second.summary.resourceChanges } as Record<string, number>,
      inactiveWrites,
      kickAllBeforePatch,
      deliveredEvent,
      signatureVerified,
      destroyed: { ...destroyed.summary.resourceChanges } as Record<string, number>,
    };
  } finally {
    await receiver.close();
    await emulator.close();
    env.dispose();
    fs.rmSync(stackConfigFile, { force: true });
  }
}

function colour(): "always" | "never" {
  return process.stdout.isTTY && !process.env.NO_COLOR ? "always" : "never";
}

function indent(text: string): string {
  return text.replace(/^(?=.)/gm, "  │ ");
}

function summarise(changes: Record<string, number> | undefined): string {
  return Object.entries(changes ?? {}).map(([kind, count]) => `${count} ${kind}`).join(", ") || "nothing";
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
      const ok = result.kickAllBeforePatch && result.signatureVerified && result.deliveredEvent === "meeting.ended";
      process.stdout.write(`\n${bold(ok ? "Demo finished" : "Demo FAILED")} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      process.exit(ok ? 0 : 1);
    },
    (error: unknown) => {
      process.stderr.write(`\nDemo failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
