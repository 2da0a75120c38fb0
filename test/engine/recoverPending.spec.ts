/**
 * `pulumi-realtimekit recover-pending`, the shipped command, run as a user runs it (the installed
 * package's `dist/cli/main.js`, the real CLI, the project folder) on a stack whose last `up` was
 * interrupted: its creates are pending operations in the state, their objects exist remotely.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { cliOptions, repoRoot } from "../../harness/offlineEngine";
import { ENGINE_TIMEOUT_MS, startEngineFixture, type EngineFixture } from "./harness";

const execFileAsync = promisify(execFile);
const INSTALLED_BIN = path.join(repoRoot, "node_modules", "pulumi-realtimekit", "dist", "cli", "main.js");

describe("Engine: recover-pending after an interrupted up", function () {
  this.timeout(ENGINE_TIMEOUT_MS);

  let fixture: EngineFixture;

  before(async () => {
    fixture = await startEngineFixture({ stackName: "recover" });
    fixture.desired = {
      meetings: { standup: { title: "Standup after a crash", persistChat: true } },
      webhooks: { ended: { name: "ended", url: "http://127.0.0.1:9/ended" } },
      presets: { host: { name: "host-after-crash", permissions: { kickParticipant: true } } },
    };
    await fixture.up();
  });

  after(async () => {
    await fixture?.dispose();
  });

  /**
   * Turns the recorded resources back into pending creates, as a killed `up` leaves them, plus one
   * pending create whose request never reached the API. Written straight into the file backend's
   * checkpoint: `pulumi stack import` would drop pending operations.
   */
  function simulateInterruptedUp(): void {
    const stacks = path.join(fixture.env.dir, "state", ".pulumi", "stacks", "realtimekit-engine-test");
    const file = path.join(stacks, `${fixture.stack.name}.json`);
    const checkpoint = JSON.parse(fs.readFileSync(file, "utf8"));
    const deployment = checkpoint.checkpoint.latest as { resources: Array<Record<string, any>>; pending_operations?: unknown[] };
    const dynamic = deployment.resources.filter((r) => String(r.type).startsWith("pulumi-nodejs:dynamic"));
    const webhook = dynamic.find((r) => r.type.endsWith(":Webhook"))!;
    const pendingOf = ({ id: _id, outputs: _outputs, ...resource }: Record<string, any>) => ({ type: "creating", resource });
    const neverSent = pendingOf({
      ...webhook,
      urn: webhook.urn.replace(/::ended$/, "::never"),
      inputs: { ...webhook.inputs, url: "http://127.0.0.1:9/never" },
    });
    deployment.resources = deployment.resources.filter((r) => !dynamic.includes(r));
    deployment.pending_operations = [...dynamic.map(pendingOf), neverSent];
    fs.writeFileSync(file, JSON.stringify(checkpoint));
  }

  async function recoverPending(...extra: string[]): Promise<string> {
    const options = cliOptions(fixture.stack, fixture.env);
    const { stdout } = await execFileAsync(
      process.execPath,
      [INSTALLED_BIN, "recover-pending", "--stack", options.stack, "--cwd", options.cwd, "--pulumi", options.command!, ...extra],
      { env: options.env },
    );
    return stdout;
  }

  it("puts the created objects back into the state, drops the create that never happened, and converges", async () => {
    const before = new Map([...(await fixture.state())].map(([name, resource]) => [name, resource.id]));
    const objects = () => JSON.stringify({ ...fixture.emulator.state(), now: undefined });
    const objectsBefore = objects();
    simulateInterruptedUp();
    assert.equal((await fixture.state()).size, 0);

    const dryRun = await recoverPending("--dry-run");
    assert.match(dryRun, /dry run: the state was not changed/);
    assert.equal((await fixture.state()).size, 0);

    const output = await recoverPending();
    assert.match(output, new RegExp(`import \\S+::standup = ${before.get("standup")} \\(found by settings`));
    assert.match(output, new RegExp(`import \\S+::ended = ${before.get("ended")} \\(found by url`));
    assert.match(output, new RegExp(`import \\S+::host = ${before.get("host")} \\(found by name`));
    assert.match(output, /clear {2}\S+::never \(no webhook with url "http:\/\/127\.0\.0\.1:9\/never": the create did not happen\)/);
    assert.match(output, /state imported; now run `pulumi refresh` and `pulumi up`/);
    assert.deepEqual(new Map([...(await fixture.state())].map(([name, resource]) => [name, resource.id])), before);

    await fixture.refresh();
    const preview = await fixture.preview();
    assert.deepEqual(preview.changeSummary, { same: 4 });
    const result = await fixture.up();
    assert.deepEqual(result.summary.resourceChanges, { same: 4 });
    assert.equal(objects(), objectsBefore, "no object was created or changed");
  });

  it("reports that there is nothing to recover on a clean stack", async () => {
    assert.match(await recoverPending(), /no pending creates: nothing to recover/);
  });
});
