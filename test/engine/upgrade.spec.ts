/**
 * A provider upgrade as a user would get it (`npm install` of a newer pulumi-realtimekit): the
 * serialized stubs in state stay byte-identical, so the next preview shows no diff, and refresh runs
 * the newly installed code (docs/architecture.md, "The serialized provider").
 *
 * The stack's "installed package" is a copy of node_modules/pulumi-realtimekit in a temp project
 * folder, which is the project `main` (the provider process's working folder); the upgrade rewrites
 * that copy only, so neither dist/ nor node_modules/ of the repository is touched.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../../harness/offlineEngine";
import { ENGINE_TIMEOUT_MS, startEngineFixture, type EngineFixture } from "./harness";

describe("Engine: provider upgrade", function () {
  this.timeout(ENGINE_TIMEOUT_MS);

  let fixture: EngineFixture;
  let project: string;
  let installedHost: string;
  let markerFile: string;

  const markerLines = (): string[] => (fs.existsSync(markerFile) ? fs.readFileSync(markerFile, "utf8").split("\n").filter(Boolean) : []);

  before(async () => {
    project = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), "rtk-upgrade-project-"));
    const installed = path.join(project, "node_modules", "pulumi-realtimekit");
    fs.mkdirSync(installed, { recursive: true });
    // The package under test as installed (by `npm run build`), or as installed in RTK_ENGINE_MAIN.
    const source = path.join(process.env.RTK_ENGINE_MAIN ?? repoRoot, "node_modules", "pulumi-realtimekit");
    fs.copyFileSync(path.join(source, "package.json"), path.join(installed, "package.json"));
    fs.cpSync(path.join(source, "dist"), path.join(installed, "dist"), { recursive: true });
    installedHost = path.join(installed, "dist", "provider", "host.js");
    markerFile = path.join(project, "provider-v2-loaded.log");

    fixture = await startEngineFixture({
      stackName: "upgrade",
      main: project,
      env: { RTK_TEST_UPGRADE_MARKER: markerFile },
    });
    fixture.desired = {
      meetings: { weekly: { title: "Weekly sync" } },
      webhooks: { ended: { name: "ended", url: "http://127.0.0.1:9/upgrade" } },
      presets: { host: { name: "host", permissions: { kickParticipant: true } } },
    };
    const result = await fixture.up();
    assert.deepEqual(result.summary.resourceChanges, { create: 4 });
  });

  after(async () => {
    await fixture?.dispose();
    if (project) {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });

  it("shows no diff after the installed provider changes, and refresh runs the new code", async () => {
    const stubsBefore = [...(await fixture.state()).values()].map((resource) => resource.outputs?.__provider);
    assert.deepEqual(markerLines(), []);

    // "Upgrade": the installed host.js now announces itself whenever a provider process loads it.
    const original = fs.readFileSync(installedHost, "utf8");
    fs.writeFileSync(
      installedHost,
      `${original}\n;require("fs").appendFileSync(process.env.RTK_TEST_UPGRADE_MARKER, ` +
        "`provider v2 loaded in pid ${process.pid}\\n`);\n",
    );

    const preview = await fixture.preview({ diff: true });
    assert.deepEqual(preview.changeSummary, { same: 4 });
    assert.doesNotMatch(preview.stdout, /__provider/);
    const afterPreview = markerLines().length;
    assert.ok(afterPreview >= 1, "the preview's provider process did not load the new code");

    const cursor = await fixture.control.mark();
    const refresh = await fixture.refresh();
    assert.deepEqual(refresh.summary.resourceChanges, { same: 4 });
    assert.ok(markerLines().length > afterPreview, "refresh did not run the new code");
    const reads = (await cursor.since()).filter((request) => request.method === "GET").length;
    assert.ok(reads >= 3, `refresh made ${reads} GET requests`);

    const stubsAfter = [...(await fixture.state()).values()].map((resource) => resource.outputs?.__provider);
    assert.deepEqual(stubsAfter, stubsBefore);

    // "Downgrade" back: the original code runs again.
    fs.writeFileSync(installedHost, original);
    const linesBefore = markerLines().length;
    const back = await fixture.refresh();
    assert.deepEqual(back.summary.resourceChanges, { same: 4 });
    assert.equal(markerLines().length, linesBefore);
  });
});
