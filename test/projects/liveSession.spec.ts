/**
 * What a change does to people in a live session, and why a run waits, as a user sees it: the plain
 * `pulumi` CLI in a project folder, for both faces (the TypeScript dynamic resources and a Pulumi
 * YAML program on the provider plugin).
 *
 * - A meeting with 3 participants set INACTIVE: `pulumi preview --json` carries a warning attached
 *   to the meeting that names it and the count; the emulator sees exactly one GET (its active
 *   session) and no write. A no-op preview makes no request at all.
 * - `onLiveSession: "fail"` (the input, then the stack's `realtimekit:onLiveSession`): preview
 *   fails naming the meeting and count; `up` changes nothing (no kick-all, no PATCH); once the
 *   participants leave, `up` succeeds. Under `"end"`, `up` says how many people it removed. A
 *   destroy under `"fail"` with people inside refuses the same way.
 * - Under a limit of 20 requests per 10 s, an `up` of 40 webhooks runs at the limit's pace with its
 *   budget waits explained in seconds and no 429; a 429 injected with `Retry-After` is explained
 *   once with its wait.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { budgetWaits, diagnosticsOf } from "../../harness/cliDiagnostics";
import { repoRoot } from "../../harness/offlineEngine";
import { npmInstall, packedTarball } from "../../harness/packedPackage";
import type { CommandResult } from "../../harness/pulumiProject";
import { copyProject, initStack, PROJECT_TIMEOUT_MS, startUserProject, type UserProject } from "./support";

/** A diagnostic of `pulumi preview --json`. */
interface Diagnostic {
  readonly urn?: string;
  readonly message: string;
  readonly severity: string;
}

/** The TypeScript program: two meetings whose status and mode come from config, and `webhookCount` webhooks. */
const TYPESCRIPT_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { Meeting, Webhook } from "pulumi-realtimekit";

const config = new pulumi.Config();
type Mode = "end" | "fail";
const townHall = new Meeting("town-hall", {
  title: "Town hall",
  status: (config.get("townHallStatus") ?? "ACTIVE") as "ACTIVE" | "INACTIVE",
  onLiveSession: config.get("townHallOnLiveSession") as Mode | undefined,
});
const lobby = new Meeting("lobby", { title: "Lobby", status: (config.get("lobbyStatus") ?? "ACTIVE") as "ACTIVE" | "INACTIVE" });
for (let i = 0; i < (config.getNumber("webhookCount") ?? 0); i++) {
  new Webhook(\`hook-\${i}\`, { name: \`hook \${i}\`, url: \`https://hooks.example.com/rtk/\${i}\`, events: ["meeting.ended"] });
}
export const townHallId = townHall.id;
export const lobbyId = lobby.id;
`;

/** The YAML program: the same two meetings, and `webhookCount` webhooks written out. */
function yamlProgram(webhookCount: number): string {
  const resources: Record<string, unknown> = {
    "town-hall": { type: "realtimekit:index:Meeting", properties: { title: "Town hall", status: "${townHallStatus}" } },
    lobby: { type: "realtimekit:index:Meeting", properties: { title: "Lobby", status: "${lobbyStatus}" } },
  };
  for (let i = 0; i < webhookCount; i++) {
    resources[`hook-${i}`] = {
      type: "realtimekit:index:Webhook",
      properties: { name: `hook ${i}`, url: `https://hooks.example.com/rtk/${i}`, events: ["meeting.ended"] },
    };
  }
  return stringify({
    name: "rtk-live-session-yaml",
    runtime: "yaml",
    packages: { realtimekit: "./node_modules/pulumi-realtimekit" },
    config: {
      townHallStatus: { type: "string", default: "ACTIVE" },
      lobbyStatus: { type: "string", default: "ACTIVE" },
    },
    resources,
    outputs: { townHallId: "${town-hall.id}", lobbyId: "${lobby.id}" },
  });
}

/** One face of the package, as the scenarios drive it. */
interface Face {
  readonly name: string;
  /** The meeting's resource type in URNs. */
  readonly meetingType: string;
  /** Writes the program into the (installed) project folder. */
  writeProgram(dir: string, webhookCount: number): void;
  /** Whether the program reads its settings from config (the meeting's `onLiveSession`, the webhook count). */
  readonly hasModeInput: boolean;
}

const FACES: Face[] = [
  {
    name: "TypeScript dynamic resources",
    meetingType: "pulumi-nodejs:dynamic/realtimekit:Meeting",
    hasModeInput: true,
    writeProgram(dir) {
      fs.writeFileSync(path.join(dir, "index.ts"), TYPESCRIPT_PROGRAM);
    },
  },
  {
    name: "YAML program on the provider plugin",
    meetingType: "realtimekit:index:Meeting",
    hasModeInput: false,
    writeProgram(dir, webhookCount) {
      fs.writeFileSync(path.join(dir, "Pulumi.yaml"), yamlProgram(webhookCount));
    },
  },
];

/** Copies an example as the project skeleton (package.json, Pulumi.yaml, tsconfig) and installs the package. */
async function setUp(face: Face): Promise<UserProject> {
  const fixture = await startUserProject({ prefix: "rtk-live-session-" });
  copyProject(path.join(repoRoot, "examples", face.meetingType.startsWith("realtimekit:") ? "yaml" : "quickstart"), fixture.dir);
  face.writeProgram(fixture.dir, 0);
  await npmInstall(fixture.dir, [await packedTarball()]);
  await initStack(fixture);
  return fixture;
}

/** The requests the emulator logged since `from`, as "METHOD path-after-the-app". */
function requestsSince(fixture: UserProject, from: number): string[] {
  const app = `/accounts/${fixture.emulator.accountId}/realtime/kit/${fixture.emulator.appId}/`;
  return fixture.emulator
    .requests()
    .slice(from)
    .map((request) => `${request.method} ${request.path.replace(app, "")}`);
}

/** The text a command printed (stdout, then stderr). */
function printed(result: CommandResult): string {
  return `${result.stdout}\n${result.stderr}`;
}

for (const face of FACES) {
  describe(`User path: live sessions and waits explained (${face.name})`, function () {
    this.timeout(PROJECT_TIMEOUT_MS);

    let fixture: UserProject;
    let townHallId: string;
    let lobbyId: string;
    const config = (key: string, value: string) => fixture.pulumi.pulumi(["config", "set", key, value]);
    const unset = (key: string) => fixture.pulumi.pulumi(["config", "rm", key]);
    const mark = () => fixture.emulator.requests().length;

    before(async () => {
      fixture = await setUp(face);
    });
    after(async () => {
      await fixture?.dispose();
    });

    it("up creates the meetings; a no-op preview makes no request", async () => {
      await fixture.pulumi.pulumi(["up", "--yes"]);
      const outputs = await fixture.pulumi.outputs();
      townHallId = outputs.townHallId as string;
      lobbyId = outputs.lobbyId as string;
      const from = mark();
      const preview = await fixture.pulumi.pulumi(["preview", "--json"]);
      assert.deepEqual(requestsSince(fixture, from), []);
      assert.deepEqual((JSON.parse(preview.stdout) as { diagnostics?: Diagnostic[] }).diagnostics ?? [], []);
    });

    it("preview warns, on the meeting, who an INACTIVE change will drop: one GET, no write", async () => {
      fixture.emulator.join(townHallId, 3);
      await config("townHallStatus", "INACTIVE");
      const from = mark();
      const preview = await fixture.pulumi.pulumi(["preview", "--json"]);
      assert.deepEqual(requestsSince(fixture, from), [`GET meetings/${townHallId}/active-session`]);
      const diagnostics = (JSON.parse(preview.stdout) as { diagnostics?: Diagnostic[] }).diagnostics ?? [];
      const warnings = diagnostics.filter((d) => d.severity === "warning" && d.message.includes("live session"));
      assert.equal(warnings.length, 1, JSON.stringify(diagnostics));
      assert.match(warnings[0].urn ?? "", new RegExp(`${face.meetingType.replace(/[/:]/g, (c) => `\\${c}`)}::town-hall$`));
      assert.match(
        warnings[0].message,
        /meeting "Town hall" \(id [0-9a-f-]+\) has a live session with 3 participants \(started \d\d:\d\d UTC\): up will end it \(kick-all\) before setting INACTIVE/,
      );
      const text = await fixture.pulumi.pulumi(["preview"]);
      assert.match(printed(text), /warning: meeting "Town hall" .* has a live session with 3 participants/);
    });

    const refusesWithPeopleInside = async () => {
      const from = mark();
      const preview = await fixture.pulumi.pulumi(["preview"], { allowFailure: true });
      assert.notEqual(preview.code, 0);
      assert.match(
        printed(preview),
        /meeting "Town hall" \(id [0-9a-f-]+\) has a live session with 3 participants .*onLiveSession is "fail"/,
      );
      assert.match(printed(preview), /Retry when the room is empty, or set onLiveSession: "end" for this change/);
      const up = await fixture.pulumi.pulumi(["up", "--yes"], { allowFailure: true });
      assert.notEqual(up.code, 0);
      const writes = requestsSince(fixture, from).filter((line) => !line.startsWith("GET "));
      assert.deepEqual(writes, [], "no kick-all and no PATCH");
      assert.equal(fixture.emulator.state().meetings.find((meeting) => meeting.id === townHallId)?.status, "ACTIVE");
    };

    if (face.hasModeInput) {
      it('onLiveSession: "fail" on the meeting fails preview and up, changing nothing', async () => {
        await config("townHallOnLiveSession", "fail");
        await refusesWithPeopleInside();
        await unset("townHallOnLiveSession");
      });
    }

    it('realtimekit:onLiveSession "fail" (the stack default) fails preview and up the same way', async () => {
      await config("realtimekit:onLiveSession", "fail");
      await refusesWithPeopleInside();
    });

    it('once the room is empty, up under "fail" sets the meeting INACTIVE', async () => {
      fixture.emulator.leave(townHallId);
      const from = mark();
      await fixture.pulumi.pulumi(["up", "--yes"]);
      const writes = requestsSince(fixture, from).filter((line) => !line.startsWith("GET "));
      assert.deepEqual(writes, [`POST meetings/${townHallId}/active-session/kick-all`, `PATCH meetings/${townHallId}`]);
      await unset("realtimekit:onLiveSession");
    });

    it('under "end", up ends the session before the PATCH and says how many people it removed', async () => {
      fixture.emulator.join(lobbyId, 2);
      await config("lobbyStatus", "INACTIVE");
      const from = mark();
      const up = await fixture.pulumi.pulumi(["up", "--yes"]);
      const writes = requestsSince(fixture, from).filter((line) => !line.startsWith("GET "));
      assert.deepEqual(writes, [`POST meetings/${lobbyId}/active-session/kick-all`, `PATCH meetings/${lobbyId}`]);
      assert.match(
        printed(up),
        /meeting "Lobby" \(id [0-9a-f-]+\): ended its live session, 2 participants removed \(kick-all\), before setting INACTIVE/,
      );
      assert.equal(await fixture.emulator.state().meetings.find((m) => m.id === lobbyId)?.status, "INACTIVE");
    });

    it('destroy under "fail" with people inside refuses; under "end" it says whom it removed', async () => {
      await config("lobbyStatus", "ACTIVE");
      await fixture.pulumi.pulumi(["up", "--yes"]);
      // destroy runs the provider with the configuration recorded by the last up
      await config("realtimekit:onLiveSession", "fail");
      await fixture.pulumi.pulumi(["up", "--yes"]);
      fixture.emulator.join(lobbyId, 1);
      const from = mark();
      const refused = await fixture.pulumi.pulumi(["destroy", "--yes"], { allowFailure: true });
      assert.notEqual(refused.code, 0);
      assert.match(printed(refused), /meeting "Lobby" \(id [0-9a-f-]+\) has a live session with 1 participant .*onLiveSession is "fail"/);
      assert.ok(
        !requestsSince(fixture, from).some(
          (line) => line.includes(`${lobbyId}/active-session/kick-all`) || line === `PATCH meetings/${lobbyId}`,
        ),
      );
      await unset("realtimekit:onLiveSession");
      await fixture.pulumi.pulumi(["up", "--yes"]);
      const destroyed = await fixture.pulumi.pulumi(["destroy", "--yes"]);
      assert.match(
        printed(destroyed),
        /meeting "Lobby" \(id [0-9a-f-]+\): ended its live session, 1 participant removed \(kick-all\), before setting INACTIVE as the meeting leaves the stack/,
      );
    });

    it("under 20 requests per 10 s, an up of 40 webhooks keeps to the limit and says why it waits", async () => {
      fixture.emulator.setRateLimit({ limit: 20, windowMs: 10_000, lockoutMs: 10_000 });
      await config("realtimekit:maxRequestsPerWindow", "20");
      await config("realtimekit:rateLimitWindowSeconds", "10");
      if (face.hasModeInput) await config("webhookCount", "40");
      face.writeProgram(fixture.dir, 40);
      const from = mark();
      const up = await fixture.pulumi.pulumi(["up", "--yes"]);
      const requests = fixture.emulator.requests().slice(from);
      assert.equal(requests.filter((request) => request.status === 429).length, 0, "no 429");
      assert.equal(fixture.emulator.state().webhooks.length, 40);
      const waits = budgetWaits(diagnosticsOf(up.stdout)).map(({ line }) => line);
      assert.ok(waits.length >= 1, `the budget's waits are explained:\n${printed(up)}`);
      // About one line per window, not one per request: the waits of many requests share a line.
      assert.ok(waits.length <= 8, `one line per wait, not per request:\n${waits.join("\n")}`);
    });

    it("a 429 with Retry-After is explained once, with its wait", async () => {
      fixture.emulator.setRateLimit(false);
      await unset("realtimekit:maxRequestsPerWindow");
      await unset("realtimekit:rateLimitWindowSeconds");
      fixture.emulator.faults.add({ method: "PATCH", path: "/accounts/*/realtime/kit/*/meetings/*", status: 429, retryAfter: 3 });
      await config("townHallStatus", "ACTIVE");
      const up = await fixture.pulumi.pulumi(["up", "--yes"]);
      const lines =
        diagnosticsOf(up.stdout).match(/the API answered 429 \(rate limited\); waiting 3 s as its Retry-After asks[^\n]*/g) ?? [];
      assert.equal(lines.length, 1, printed(up));
      await fixture.pulumi.pulumi(["destroy", "--yes"]);
    });
  });
}

describe("User path: the GitOps example's prod stack (onLiveSession: fail in its overlay)", function () {
  this.timeout(PROJECT_TIMEOUT_MS);

  let fixture: UserProject;
  const overlay = () => path.join(fixture.dir, "realtimekit.prod.yaml");
  const allHandsId = async () => ((await fixture.pulumi.outputs()).meetingIds as Record<string, string>)["all-hands"];

  before(async () => {
    fixture = await startUserProject({ prefix: "rtk-live-session-gitops-" });
    copyProject(path.join(repoRoot, "examples", "gitops"), fixture.dir);
    await npmInstall(fixture.dir, [await packedTarball()]);
    const { pulumi, emulator } = fixture;
    await pulumi.pulumi(["stack", "init", "prod"]);
    await pulumi.pulumi(["config", "set", "realtimekit:apiBaseUrl", emulator.url]);
    await pulumi.pulumi(["config", "set", "realtimekit:accountId", emulator.accountId]);
    await pulumi.pulumi(["config", "set", "--secret", "realtimekit:apiToken", "--", emulator.token]);
    await pulumi.pulumi(["up", "--yes"]);
  });
  after(async () => {
    await fixture?.dispose();
  });

  it("a pull request that would drop people from the all-hands fails its preview; an override for that change lets it through", async () => {
    const id = await allHandsId();
    fixture.emulator.join(id, 2);
    const base = fs.readFileSync(overlay(), "utf8");
    fs.writeFileSync(overlay(), base.replace("  all-hands:\n", "  all-hands:\n    status: INACTIVE\n"));
    const from = fixture.emulator.requests().length;
    const refused = await fixture.pulumi.pulumi(["preview"], { allowFailure: true });
    assert.notEqual(refused.code, 0);
    assert.match(
      printed(refused),
      /meeting "All hands \(host preset host\)" \(id [0-9a-f-]+\) has a live session with 2 participants .*onLiveSession is "fail"/,
    );
    assert.deepEqual(
      requestsSince(fixture, from).filter((line) => !line.startsWith("GET ")),
      [],
    );

    fs.writeFileSync(overlay(), base.replace("  all-hands:\n", "  all-hands:\n    status: INACTIVE\n    onLiveSession: end\n"));
    const preview = await fixture.pulumi.pulumi(["preview"]);
    assert.match(
      diagnosticsOf(preview.stdout),
      /has a live session with 2 participants .*: up will end it \(kick-all\) before setting INACTIVE/,
    );
    const up = await fixture.pulumi.pulumi(["up", "--yes"]);
    assert.match(diagnosticsOf(up.stdout), /ended its live session, 2 participants removed \(kick-all\), before setting INACTIVE/);
    await fixture.pulumi.pulumi(["destroy", "--yes"]);
  });
});
