/**
 * Every example is a standalone Pulumi project that type-checks against this repository (its
 * tsconfig maps `pulumi-realtimekit` to ../../provider/index.ts), without an npm install of its own.
 * test/projects/examples.spec.ts runs them as a user does, installed from the packed package.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { parseRealtimeKitConfig } from "../../provider/component/loader";

const root = path.resolve(__dirname, "..", "..");
const examplesDir = path.join(root, "examples");
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
const projects = fs
  .readdirSync(examplesDir)
  .filter((name) => fs.existsSync(path.join(examplesDir, name, "Pulumi.yaml")))
  .sort();
/** The YAML and Go examples use the provider plugin and have no TypeScript to type-check. */
const YAML_EXAMPLE = "yaml";
const GO_EXAMPLE = "go";
const examples = projects.filter((name) => name !== YAML_EXAMPLE && name !== GO_EXAMPLE);

describe("examples", function () {
  this.timeout(120_000);

  it("are the five documented ones", () => {
    assert.deepEqual(projects, ["cloudflare-worker-webhook", "gitops", GO_EXAMPLE, "quickstart", YAML_EXAMPLE]);
  });

  it("go is a Go project naming the installed package, whose SDK `pulumi install` generates (test/projects/go.spec.ts runs it)", () => {
    const dir = path.join(examplesDir, GO_EXAMPLE);
    for (const file of ["Pulumi.yaml", "package.json", "go.mod", "main.go", "README.md"]) {
      assert.ok(fs.existsSync(path.join(dir, file)), `${GO_EXAMPLE}/${file} is missing`);
    }
    const project = parse(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"));
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    assert.equal(project.runtime, "go");
    assert.equal(project.name, pkg.name);
    assert.deepEqual(project.packages, { realtimekit: "./node_modules/pulumi-realtimekit" });
    const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    assert.equal(pkg.dependencies["pulumi-realtimekit"], `^${manifest.version}`);
    assert.match(fs.readFileSync(path.join(dir, "main.go"), "utf8"), /"example\.com\/pulumi-realtimekit\/sdk\/go\/realtimekit"/);
  });

  it("yaml is a Pulumi YAML project loading the installed package as a provider plugin", () => {
    const dir = path.join(examplesDir, YAML_EXAMPLE);
    for (const file of ["Pulumi.yaml", "package.json", "README.md"]) {
      assert.ok(fs.existsSync(path.join(dir, file)), `${YAML_EXAMPLE}/${file} is missing`);
    }
    const project = parse(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"));
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    assert.equal(project.runtime, "yaml");
    assert.equal(project.name, pkg.name);
    assert.deepEqual(project.packages, { realtimekit: "./node_modules/pulumi-realtimekit" });
    const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    assert.equal(pkg.dependencies["pulumi-realtimekit"], `^${manifest.version}`);
    const types = Object.values(project.resources as Record<string, { type: string }>)
      .map((resource) => resource.type)
      .sort();
    assert.deepEqual(types, [
      "realtimekit:index:Meeting",
      "realtimekit:index:Meeting",
      "realtimekit:index:Preset",
      "realtimekit:index:Webhook",
    ]);
  });

  for (const name of examples) {
    describe(name, () => {
      const dir = path.join(examplesDir, name);

      it("is a standalone Pulumi project depending on the package", () => {
        for (const file of ["Pulumi.yaml", "package.json", "tsconfig.json", "index.ts", "README.md"]) {
          assert.ok(fs.existsSync(path.join(dir, file)), `${name}/${file} is missing`);
        }
        const project = parse(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"));
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
        assert.equal(pkg.name, `realtimekit-example-${name}`);
        assert.equal(project.name, pkg.name);
        assert.equal(project.runtime.name, "nodejs");
        // Like any user's project: the package and the SDK by version range, the SDK's no lower than
        // the package's floor and not pinned to the repository's own copy.
        const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
        assert.equal(pkg.dependencies["pulumi-realtimekit"], `^${manifest.version}`);
        assert.equal(pkg.dependencies["@pulumi/pulumi"], manifest.peerDependencies["@pulumi/pulumi"].replace(/^>=\s*(\S+).*$/, "^$1"));
      });

      // An example that needs a Pulumi provider package (cloudflare-worker-webhook: @pulumi/cloudflare)
      // is type-checked in test/projects/examples.spec.ts, installed as a user installs it: this
      // package may not depend on one (see PulumiPlugin.yaml).
      const needsProviderPackage = Object.keys(JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).dependencies).some(
        (dependency) => !["@pulumi/pulumi", "pulumi-realtimekit"].includes(dependency) && dependency.startsWith("@pulumi/"),
      );
      if (!needsProviderPackage)
        it("type-checks (tsc --noEmit)", async () => {
          try {
            await promisify(execFile)(process.execPath, [tsc, "--noEmit", "-p", path.join(dir, "tsconfig.json")], { cwd: root });
          } catch (error) {
            const { stdout, stderr } = error as { stdout?: string; stderr?: string };
            assert.fail(`tsc failed for examples/${name}:\n${stdout ?? ""}${stderr ?? ""}`);
          }
        });
    });
  }

  describe("gitops config and workflows", () => {
    const dir = path.join(examplesDir, "gitops");
    const read = (file: string) => ({ file, text: fs.readFileSync(path.join(dir, file), "utf8") });

    for (const stack of ["dev", "prod"]) {
      it(`has a valid config for the ${stack} stack`, () => {
        const loaded = parseRealtimeKitConfig([read("realtimekit.yaml"), read(`realtimekit.${stack}.yaml`)]);
        assert.equal(loaded.config.app?.name, `acme-meetings-${stack}`);
        assert.deepEqual(Object.keys(loaded.config.presets), ["host", "participant"]);
      });
    }

    it("points editors at the published schemas", () => {
      assert.match(
        read("realtimekit.yaml").text,
        /^# yaml-language-server: \$schema=\.\/node_modules\/pulumi-realtimekit\/schema\/realtimekit\.schema\.json$/m,
      );
      for (const stack of ["dev", "prod"]) {
        assert.match(
          read(`realtimekit.${stack}.yaml`).text,
          /^# yaml-language-server: \$schema=\.\/node_modules\/pulumi-realtimekit\/schema\/realtimekit\.overlay\.schema\.json$/m,
        );
      }
    });

    it("has preview (PR comment), up (on main, one at a time) and drift workflows", () => {
      const workflow = (file: string) => parse(fs.readFileSync(path.join(dir, ".github", "workflows", file), "utf8"));
      const steps = (doc: { jobs: Record<string, { steps: Array<Record<string, unknown>> }> }) =>
        Object.values(doc.jobs)
          .flatMap((job) => job.steps)
          .filter((step) => step.uses === "pulumi/actions@v6");

      const preview = workflow("preview.yml");
      assert.ok(preview.on.pull_request);
      assert.deepEqual(
        steps(preview).map((step) => (step.with as Record<string, unknown>)["comment-on-pr"]),
        [true],
      );
      assert.equal((steps(preview)[0].env as Record<string, string>).CLOUDFLARE_API_TOKEN, "${{ secrets.CLOUDFLARE_API_TOKEN }}");

      const up = workflow("up.yml");
      assert.deepEqual(up.on.push.branches, ["main"]);
      assert.equal(up.concurrency.group, "realtimekit-up");
      assert.deepEqual(
        steps(up).map((step) => (step.with as Record<string, unknown>).command),
        ["up", "up"],
      );

      const drift = workflow("drift.yml");
      assert.ok(Array.isArray(drift.on.schedule));
      const check = steps(drift)[0].with as Record<string, unknown>;
      assert.deepEqual([check.command, check.refresh, check["expect-no-changes"]], ["preview", true, true]);
    });
  });
});
