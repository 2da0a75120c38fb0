/**
 * The provider plugin from a Go program, the way a Go user gets there: examples/go copied out of the
 * repository, the package installed from the `npm pack` tarball, `pulumi install` (which generates
 * the Go SDK from the installed plugin through Pulumi's Go language host, points go.mod at it and
 * runs `go mod tidy`), then the plain `pulumi` CLI in the folder:
 *
 * - the SDK is used as generated: no file of it or of go.mod edited by hand;
 * - the plugin's folder holds only what the plugin runs (no dev tools, no second @pulumi/pulumi);
 * - up (a meeting ACTIVE, one INACTIVE, a meeting.ended webhook, a preset with kickParticipant),
 *   then a no-change preview;
 * - the ACTIVE meeting set INACTIVE with people inside: kick-all before the PATCH;
 * - an out-of-band change, refresh, then up restores the declared value;
 * - `pulumi import` of a hand-made preset, with the Go code to add printed;
 * - destroy;
 *
 * and the documents' Go lines (the README's plugin-install, plugin-package-add and cloudflare, then
 * docs/languages.md's plugin-go and plugin-go-install) run as written in a project as `pulumi new go`
 * leaves it.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describeRequest, writes, type LoggedRequest } from "../../harness/emulatorControl";
import { handMadePresetBody } from "../../harness/handMade";
import { repoRoot } from "../../harness/offlineEngine";
import { npmInstall, packedTarball } from "../../harness/packedPackage";
import { writeFiles } from "../../harness/pulumiProject";
import { commands, snippet } from "./readme";
import {
  assertLanguageHost,
  assertPluginFolderRuntimeOnly,
  configureAndDeployAsTheReadmeSays,
  copyProject,
  initStack,
  installPluginAsTheReadmeSays,
  PROJECT_TIMEOUT_MS,
  assertExampleCreated,
  assertExampleDestroyed,
  pluginResources,
  startUserProject,
  type UserProject,
} from "./support";

describe("User path: the provider plugin from a Go program (examples/go)", function () {
  this.timeout(PROJECT_TIMEOUT_MS);

  let fixture: UserProject;
  let appPath: string;
  const describeAll = (requests: readonly LoggedRequest[]) => requests.map((request) => describeRequest(request, appPath));

  before(async () => {
    assertLanguageHost("go");
    fixture = await startUserProject({ prefix: "rtk-go-" });
    copyProject(path.join(repoRoot, "examples", "go"), fixture.dir);
    await npmInstall(fixture.dir, [await packedTarball()]);
    appPath = fixture.control.appPath;
  });
  after(async () => {
    await fixture?.dispose();
  });

  it("`pulumi install` generates the Go SDK and links it into go.mod, with nothing to edit by hand", async () => {
    const goMod = path.join(fixture.dir, "go.mod");
    await fixture.pulumi.shell("pulumi install");
    const sdk = path.join(fixture.dir, "sdks", "realtimekit");
    assert.match(fs.readFileSync(path.join(sdk, "go.mod"), "utf8"), /^module example\.com\/pulumi-realtimekit\/sdk\/go$/m);
    for (const file of ["meeting.go", "webhook.go", "preset.go", "app.go", "provider.go"]) {
      assert.ok(fs.existsSync(path.join(sdk, "realtimekit", file)), `sdks/realtimekit/realtimekit/${file} is missing`);
    }
    const mod = fs.readFileSync(goMod, "utf8");
    assert.match(mod, /^replace example\.com\/pulumi-realtimekit\/sdk\/go => \.\/sdks\/realtimekit$/m);
    assert.match(mod, /^\s*example\.com\/pulumi-realtimekit\/sdk\/go v0\.0\.0-00010101000000-000000000000$/m);
  });

  it("leaves only what the plugin runs in its folder: no dev tools, no second @pulumi/pulumi", () => {
    const installed = assertPluginFolderRuntimeOnly(fixture.dir);
    assert.ok(installed.includes("axios") && installed.includes("yaml"), `installed: ${installed.join(", ")}`);
  });

  it("up creates the two meetings (one INACTIVE), the meeting.ended webhook and the kickParticipant preset", async () => {
    await initStack(fixture);
    const cursor = await fixture.control.mark();
    await fixture.pulumi.pulumi(["up", "--yes"]);
    const outputs = await assertExampleCreated(fixture);
    assert.equal(outputs.hostPresetName, "host");
    // The API creates every meeting ACTIVE: the INACTIVE one is closed right after.
    assert.deepEqual(describeAll(writes(await cursor.since())).sort(), [
      `PATCH meetings/${String(outputs.archiveId)}`,
      "POST meetings",
      "POST meetings",
      "POST presets",
      "POST webhooks",
    ]);
  });

  it("previews no change right after", async () => {
    await fixture.pulumi.pulumi(["preview", "--expect-no-changes"]);
  });

  it("sets the ACTIVE meeting INACTIVE with people inside: kick-all, then one PATCH", async () => {
    const standupId = String((await fixture.pulumi.outputs()).standupId);
    await fixture.control.join(standupId, 2);
    await fixture.pulumi.pulumi(["config", "set", "standupStatus", "INACTIVE"]);
    const cursor = await fixture.control.mark();
    await fixture.pulumi.pulumi(["up", "--yes"]);
    const log = await cursor.since();
    process.stdout.write(
      `      (the emulator's log of this up: ${describeAll(log)
        .map((line, i) => `${line} ${log[i].status}`)
        .join("; ")})\n`,
    );
    assert.deepEqual(describeAll(writes(log)), [`POST meetings/${standupId}/active-session/kick-all`, `PATCH meetings/${standupId}`]);
    assert.equal(fixture.emulator.state().meetings.find((item) => item.id === standupId)?.status, "INACTIVE");
    assert.equal(await fixture.control.activeSession(standupId), undefined);
  });

  it("refresh takes in an out-of-band change, and up puts the declared value back", async () => {
    const archiveId = String((await fixture.pulumi.outputs()).archiveId);
    const changed = await fixture.control.rest("PATCH", `meetings/${archiveId}`, { title: "Renamed by hand" });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    await fixture.pulumi.pulumi(["refresh", "--yes"]);
    assert.deepEqual((await fixture.pulumi.lastUpdate()).resourceChanges, { same: 4, update: 1 });
    const drift = await fixture.pulumi.pulumi(["preview", "--expect-no-changes"], { allowFailure: true });
    assert.notEqual(drift.code, 0, "preview shows the drift");
    const cursor = await fixture.control.mark();
    await fixture.pulumi.pulumi(["up", "--yes"]);
    assert.deepEqual(describeAll(writes(await cursor.since())), [`PATCH meetings/${archiveId}`]);
    assert.equal(fixture.emulator.state().meetings.find((item) => item.id === archiveId)?.title, "Archived room");
  });

  it("imports a hand-made preset and prints the Go code that declares it", async () => {
    const preset = await fixture.control.rest<{ id: string }>("POST", "presets", handMadePresetBody("studio-host"));
    assert.equal(preset.status, 201, JSON.stringify(preset.body));
    const id = preset.body.data!.id;
    const generated = path.join(fixture.dir, "imported.go.txt");
    const cursor = await fixture.control.mark();
    await fixture.pulumi.pulumi(["import", "realtimekit:index:Preset", "studio", id, "--yes", "--protect=false", "--out", generated]);
    assert.deepEqual(describeAll(writes(await cursor.since())), [], "import wrote to the API");
    assert.equal((await pluginResources(fixture)).get("studio")?.id, id);
    const code = fs.readFileSync(generated, "utf8");
    assert.match(code, /realtimekit\.NewPreset\(ctx, "studio", &realtimekit\.PresetArgs\{/);
    assert.match(code, /Name:\s+pulumi\.String\("studio-host"\)/);
  });

  it("destroy removes what the program declared and the imported preset", async () => {
    await fixture.pulumi.pulumi(["destroy", "--yes"]);
    assert.equal((await pluginResources(fixture)).size, 0);
    assertExampleDestroyed(fixture.emulator);
  });
});

describe("User path: the Go lines of the README and docs/languages.md, as written", function () {
  this.timeout(PROJECT_TIMEOUT_MS);

  let fixture: UserProject;

  before(async () => {
    assertLanguageHost("go");
    fixture = await startUserProject({ prefix: "rtk-go-readme-" });
    // A Go project as `pulumi new go` leaves it.
    writeFiles(fixture.dir, {
      "Pulumi.yaml": "name: rtk-go-readme\nruntime: go\n",
      "go.mod": "module rtk-go-readme\n\ngo 1.24\n\nrequire github.com/pulumi/pulumi/sdk/v3 v3.274.1\n",
      "main.go":
        'package main\n\nimport "github.com/pulumi/pulumi/sdk/v3/go/pulumi"\n\nfunc main() {\n\tpulumi.Run(func(ctx *pulumi.Context) error { return nil })\n}\n',
      "package.json": '{ "name": "rtk-go-readme", "private": true }\n',
    });
  });
  after(async () => {
    await fixture?.dispose();
  });

  it("installs and adds the package, builds the documented program against the generated SDK, deploys and destroys", async () => {
    await installPluginAsTheReadmeSays(fixture);
    for (const line of commands(snippet("plugin-package-add"))) {
      await fixture.pulumi.shell(line);
    }
    assert.match(
      fs.readFileSync(path.join(fixture.dir, "go.mod"), "utf8"),
      /^replace example\.com\/pulumi-realtimekit\/sdk\/go => \.\/sdks\/realtimekit$/m,
    );
    writeFiles(fixture.dir, { "main.go": snippet("plugin-go").code });
    for (const line of commands(snippet("plugin-go-install"))) {
      await fixture.pulumi.shell(line);
    }
    await configureAndDeployAsTheReadmeSays(fixture);
    const outputs = await fixture.pulumi.outputs();
    const state = fixture.emulator.state();
    assert.equal(state.meetings.find((meeting) => meeting.id === outputs.standupId)?.title, "Daily standup");
    assert.equal(outputs.hostPreset, "host");
    assertPluginFolderRuntimeOnly(fixture.dir);
    await fixture.pulumi.pulumi(["destroy", "--yes"]);
    assert.deepEqual(
      fixture.emulator.state().presets.filter((preset) => preset.name === "host"),
      [],
    );
  });
});
