import assert from "node:assert/strict";
import {
  applyPendingDecisions,
  decidePendingCreates,
  recoverPendingCreates,
  type DeploymentV3,
  type StackStateStore,
} from "../../cli/pendingCreates";
import { main } from "../../cli/main";

const TYPE = (kind: string) => `pulumi-nodejs:dynamic/realtimekit:${kind}`;
const urn = (kind: string, name: string) => `urn:pulumi:dev::proj::${TYPE(kind)}::${name}`;
const pending = (kind: string, name: string, inputs: Record<string, unknown>) => ({
  type: "creating",
  resource: { urn: urn(kind, name), type: TYPE(kind), inputs },
});

describe("recover-pending: decisions", () => {
  const remote = {
    webhooks: [
      { id: "w-owned", url: "https://h/owned" },
      { id: "w1", url: "https://h/ended" },
    ],
    presets: [{ id: "p1", name: "host" }],
    meetings: [
      { id: "m-owned", title: "Standup", created_at: "2026-11-25T10:00:00Z" },
      { id: "m1", title: "Standup", created_at: "2026-11-25T10:01:00Z", persist_chat: true },
      { id: "m2", title: "Twin", created_at: "2026-11-25T10:02:00Z" },
      { id: "m3", title: "Twin", created_at: "2026-11-25T10:03:00Z" },
    ],
  };

  it("finds webhooks by URL, presets by name and meetings by their exact settings among unowned objects", () => {
    const deployment: DeploymentV3 = {
      resources: [
        { urn: urn("Meeting", "old"), id: "m-owned" },
        { urn: urn("Webhook", "old"), id: "w-owned" },
      ],
      pending_operations: [
        pending("Webhook", "ended", { url: "https://h/ended" }),
        pending("Preset", "host", { name: "host" }),
        pending("Meeting", "standup", { title: "Standup", persistChat: true }),
        pending("Webhook", "never", { url: "https://h/never" }),
      ],
    };
    const decisions = decidePendingCreates(deployment, remote);
    assert.deepEqual(
      decisions.map((d) => [d.kind, d.action, d.id]),
      [
        ["Webhook", "import", "w1"],
        ["Preset", "import", "p1"],
        ["Meeting", "import", "m1"],
        ["Webhook", "clear", undefined],
      ],
    );
    const applied = applyPendingDecisions(deployment, decisions);
    assert.deepEqual(applied.pending_operations, []);
    assert.deepEqual(
      applied.resources?.slice(2).map((r) => [r.urn, r.id, r.outputs]),
      [
        [urn("Webhook", "ended"), "w1", { url: "https://h/ended" }],
        [urn("Preset", "host"), "p1", { name: "host" }],
        [urn("Meeting", "standup"), "m1", { title: "Standup", persistChat: true }],
      ],
    );
  });

  it("hands identical meetings out one each, and refuses to guess when there are more candidates than creates", () => {
    const two = decidePendingCreates(
      { pending_operations: [pending("Meeting", "a", { title: "Twin" }), pending("Meeting", "b", { title: "Twin" })] },
      remote,
    );
    assert.deepEqual(
      two.map((d) => d.id),
      ["m2", "m3"],
    );
    const one = decidePendingCreates({ pending_operations: [pending("Meeting", "a", { title: "Twin" })] }, remote);
    assert.equal(one[0].action, "clear");
    assert.match(one[0].reason, /2 unowned meetings match the declared settings \(m2, m3\).*adoptMeetingId/);
  });

  it("changes nothing in a dry run, and does not list anything when nothing is pending", async () => {
    const imported: unknown[] = [];
    let listed = 0;
    const store = (deployment: DeploymentV3): StackStateStore => ({
      exportState: async () => ({ version: 3, deployment }),
      importState: async (state) => void imported.push(state),
    });
    const list = async () => {
      listed++;
      return remote;
    };
    assert.deepEqual(await recoverPendingCreates(store({ resources: [] }), list), []);
    assert.equal(listed, 0);
    const decisions = await recoverPendingCreates(store({ pending_operations: [pending("Preset", "host", { name: "host" })] }), list, {
      dryRun: true,
    });
    assert.equal(decisions.length, 1);
    assert.deepEqual(imported, []);
  });
});

describe("pulumi-realtimekit command line", () => {
  async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(
      argv,
      (line) => out.push(line),
      (line) => err.push(line),
    );
    return { code, out, err };
  }

  it("explains usage mistakes with exit code 2, naming the command at fault", async () => {
    for (const [argv, prefix, message] of [
      [[], "pulumi-realtimekit", "missing command"],
      [["import"], "pulumi-realtimekit", 'unknown command "import"'],
      [["recover-pending"], "pulumi-realtimekit recover-pending", "--stack is required"],
      [["recover-pending", "--stack"], "pulumi-realtimekit recover-pending", "Option '--stack <value>' argument missing"],
      [["recover-pending", "--stack", "dev", "--force"], "pulumi-realtimekit recover-pending", "Unknown option '--force'"],
    ] as const) {
      const result = await run([...argv]);
      assert.equal(result.code, 2, JSON.stringify(argv));
      assert.match(result.err[0], new RegExp(`^${prefix}: ${message.replace(/[-[\]"]/g, "\\$&")}\\nusage: `));
    }
  });

  it("fails with exit code 1 and says what to do when the Pulumi CLI is missing", async () => {
    const result = await run(["recover-pending", "--stack", "dev", "--pulumi", "/nonexistent/pulumi"]);
    assert.equal(result.code, 1);
    assert.deepEqual(result.err, [
      'pulumi-realtimekit: cannot run "/nonexistent/pulumi": not found (install the Pulumi CLI or pass --pulumi <path>)',
    ]);
  });
});
