/**
 * Recovery of pending creates after an interrupted `pulumi up` (SIGKILL, a crashed runner, Ctrl-C
 * that killed the Automation API host).
 *
 * The engine writes a pending CREATE into the state before it calls `create`, and removes it when
 * the result comes back. If the CLI dies in between, the object may exist in RealtimeKit without
 * being in the state. What the 3.274.1 CLI offers:
 *
 * - `pulumi up` ignores pending creates (it warns) and creates the object again: a second meeting,
 *   or a 409 for a preset name / webhook URL that now exists.
 * - `pulumi refresh` (non-interactive) keeps them; `--clear-pending-creates` drops them, i.e. forgets
 *   objects that were created.
 * - `pulumi refresh --import-pending-creates <urn> <id>` turns them into pending imports, but in
 *   3.274.1 that refresh then drops them (measured by the campaign: neither the resource nor the
 *   pending operation is left), so it cannot be used with these dynamic resources.
 *
 * So the campaign recovers them the way Pulumi documents for a broken state (export, edit,
 * import): for every pending create it looks the object up by its natural key — preset by name,
 * webhook by URL, meeting by exactly the declared settings among the meetings no state resource
 * owns — and moves the pending operation into `resources` with that id (outputs = inputs, so
 * `refresh` can read it and fill in the rest); pending creates whose object does not exist are
 * dropped. Then `pulumi refresh` and `pulumi up` converge without duplicates.
 */
import type { Stack } from "@pulumi/pulumi/automation";
import { isSatisfiedBy } from "../../../provider/shared/diff";
import { convertKeys, toSnakeCase } from "../../../provider/shared/naming";
import { SECRET_SIG, exportStackAsStored, type OfflineEnvironment, type RealtimeKitTarget } from "../offlineEngine";

type Wire = Record<string, unknown> & { id: string };

/** The remote objects of one app. */
export interface RemoteObjects {
  readonly meetings: Wire[];
  readonly webhooks: Wire[];
  readonly presets: Wire[];
}

/** What happens to one pending create. */
export interface PendingDecision {
  readonly urn: string;
  readonly kind: string;
  /** `import`: the object exists (id); `clear`: it does not (or cannot be told apart). */
  readonly action: "import" | "clear";
  readonly id?: string;
  readonly reason: string;
}

interface PendingOperation {
  readonly type: string;
  readonly resource: { urn: string; type: string; inputs?: Record<string, unknown>; [key: string]: unknown };
}

interface DeploymentV3 {
  resources?: Array<Record<string, unknown>>;
  pending_operations?: PendingOperation[];
  [key: string]: unknown;
}

/** Settings of a meeting that the API echoes in list items (ai_config is not listed). */
const MEETING_LIST_FIELDS = [
  "title", "recordOnStart", "liveStreamOnStart", "persistChat", "summarizeOnEnd", "transcribeOnEnd",
  "sessionKeepAliveTimeInSecs",
] as const;

function isSecret(value: unknown): boolean {
  return typeof value === "object" && value !== null && SECRET_SIG in value;
}

/** The snake_case body a meeting's inputs stand for (secret fields left out: they cannot be compared). */
function meetingKey(inputs: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of MEETING_LIST_FIELDS) {
    if (inputs[key] !== undefined && !isSecret(inputs[key])) {
      fields[key] = inputs[key];
    }
  }
  return convertKeys(fields, toSnakeCase) as Record<string, unknown>;
}

/**
 * Decides, for every pending create of `deployment`, whether its object exists in `remote`.
 * Meetings: candidates are unowned meetings (no state resource has their id) with exactly the
 * declared settings; when several pending creates share the same settings and there are at most as
 * many candidates, they are interchangeable and handed out in creation order; more candidates than
 * pending creates means someone else made identical meetings, and the pending create is cleared with
 * the candidate ids in the reason (adopt one with `adoptMeetingId`).
 */
export function decidePendingCreates(deployment: DeploymentV3, remote: RemoteObjects): PendingDecision[] {
  const pending = (deployment.pending_operations ?? []).filter((op) => op.type === "creating");
  const owned = new Set((deployment.resources ?? []).map((resource) => resource.id).filter((id) => typeof id === "string"));
  const claimed = new Set<string>();
  const decisions: PendingDecision[] = [];
  const unowned = (items: Wire[]) => items.filter((item) => !owned.has(item.id) && !claimed.has(item.id));

  for (const op of pending) {
    const { urn, type } = op.resource;
    const inputs = op.resource.inputs ?? {};
    const kind = type.slice(type.lastIndexOf(":") + 1);
    const decide = (found: Wire | undefined, key: string): PendingDecision => {
      if (found === undefined) {
        return { urn, kind, action: "clear", reason: `no ${kind.toLowerCase()} with ${key}: the create did not happen` };
      }
      claimed.add(found.id);
      return { urn, kind, action: "import", id: found.id, reason: `found by ${key}` };
    };
    if (kind === "Webhook") {
      decisions.push(decide(unowned(remote.webhooks).find((w) => w.url === inputs.url), `url ${JSON.stringify(inputs.url)}`));
    } else if (kind === "Preset") {
      decisions.push(decide(unowned(remote.presets).find((p) => p.name === inputs.name), `name ${JSON.stringify(inputs.name)}`));
    } else if (kind === "Meeting") {
      const key = meetingKey(inputs);
      const candidates = unowned(remote.meetings)
        .filter((m) => isSatisfiedBy(key, m))
        .sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)));
      const siblings = pending.filter((other) => other.resource.type === type
        && JSON.stringify(meetingKey(other.resource.inputs ?? {})) === JSON.stringify(key)).length;
      const alreadyHandedOut = decisions.filter((d) => d.kind === "Meeting" && d.action === "import"
        && pending.some((other) => other.resource.urn === d.urn
          && JSON.stringify(meetingKey(other.resource.inputs ?? {})) === JSON.stringify(key))).length;
      if (candidates.length > siblings - alreadyHandedOut) {
        decisions.push({
          urn, kind, action: "clear",
          reason: `${candidates.length} unowned meetings match the declared settings (${candidates.map((m) => m.id).join(", ")}) `
            + `for ${siblings - alreadyHandedOut} pending create(s): adopt the right one with adoptMeetingId`,
        });
      } else {
        decisions.push(decide(candidates[0], `settings ${JSON.stringify(key)}`));
      }
    } else {
      decisions.push({ urn, kind, action: "clear", reason: "not a RealtimeKit resource: left to `--clear-pending-creates`" });
    }
  }
  return decisions;
}

/** `deployment` with the decisions applied: imports moved into `resources`, the rest dropped. */
export function applyPendingDecisions(deployment: DeploymentV3, decisions: readonly PendingDecision[]): DeploymentV3 {
  const byUrn = new Map(decisions.map((decision) => [decision.urn, decision]));
  const resources = [...(deployment.resources ?? [])];
  const pending: PendingOperation[] = [];
  for (const op of deployment.pending_operations ?? []) {
    const decision = op.type === "creating" ? byUrn.get(op.resource.urn) : undefined;
    if (decision === undefined) {
      pending.push(op);
    } else if (decision.action === "import") {
      resources.push({ ...op.resource, id: decision.id, outputs: { ...(op.resource.inputs ?? {}) } });
    }
  }
  return { ...deployment, resources, pending_operations: pending };
}

/** Lists the app's meetings, webhooks and presets over the REST API. */
export async function listRemote(target: RealtimeKitTarget): Promise<RemoteObjects> {
  const base = `${target.url.replace(/\/$/, "")}/accounts/${target.accountId}/realtime/kit/${target.appId}`;
  const get = async (path: string): Promise<{ status: number; body: { data?: unknown; paging?: { total_count?: number } } }> => {
    const response = await fetch(`${base}/${path}`, { headers: { authorization: `Bearer ${target.token}`, accept: "application/json" } });
    return { status: response.status, body: (await response.json()) as { data?: unknown; paging?: { total_count?: number } } };
  };
  const paged = async (path: string): Promise<Wire[]> => {
    const all: Wire[] = [];
    for (let page = 1; ; page++) {
      const { status, body } = await get(`${path}?page_no=${page}&per_page=100`);
      if (status !== 200) {
        throw new Error(`GET ${path} answered ${status}`);
      }
      const items = (body.data ?? []) as Wire[];
      all.push(...items);
      if (items.length < 100 || all.length >= (body.paging?.total_count ?? 0)) {
        return all;
      }
    }
  };
  const hooks = await get("webhooks");
  return {
    meetings: await paged("meetings"),
    presets: await paged("presets"),
    webhooks: hooks.status === 404 ? [] : ((hooks.body.data ?? []) as Wire[]),
  };
}

/**
 * The whole recovery on a stack: export (secrets stay encrypted), decide, edit, import. Run
 * `pulumi cancel` first if the backend still holds the dead run's lock, and `pulumi refresh` then
 * `pulumi up` afterwards.
 */
export async function recoverPendingCreates(stack: Stack, env: OfflineEnvironment, target: RealtimeKitTarget): Promise<PendingDecision[]> {
  const exported = (await exportStackAsStored(stack, env)) as { version: number; deployment: DeploymentV3 };
  if (!(exported.deployment.pending_operations ?? []).some((op) => op.type === "creating")) {
    return [];
  }
  const decisions = decidePendingCreates(exported.deployment, await listRemote(target));
  await stack.importStack({ ...exported, deployment: applyPendingDecisions(exported.deployment, decisions) });
  return decisions;
}

/**
 * Command line (run from this repository):
 *
 *   node -r ts-node/register/transpile-only scripts/lib/reliability/recoverPending.ts \
 *     --cwd <project folder> --stack <stack> [--dry-run]
 *
 * Uses the project's Pulumi CLI login and the stack's `realtimekit:*` config (or the environment
 * variables of provider/config.ts) to reach the API. Prints one line per pending create. Run
 * `pulumi cancel` first if the stack is still locked, and `pulumi refresh` + `pulumi up` after.
 */
async function cli(argv: string[]): Promise<void> {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const cwd = value("--cwd") ?? process.cwd();
  const stackName = value("--stack");
  if (!stackName) {
    throw new Error("usage: recoverPending.ts --cwd <project folder> --stack <stack> [--dry-run]");
  }
  const { LocalWorkspace } = await import("@pulumi/pulumi/automation");
  const { resolveCredentials } = await import("../../../provider/config");
  const os = await import("node:os");
  const pathModule = await import("node:path");
  const stack = await LocalWorkspace.selectStack({ stackName, workDir: cwd });
  const config = await stack.getAllConfig();
  const credentials = resolveCredentials({ get: (key: string) => config[key]?.value }, process.env);
  const target: RealtimeKitTarget = {
    url: credentials.baseUrl, accountId: credentials.accountId, appId: credentials.appId, token: credentials.apiToken,
  };
  const env: OfflineEnvironment = {
    dir: cwd, envVars: {}, pulumiHome: process.env.PULUMI_HOME ?? pathModule.join(os.homedir(), ".pulumi"), dispose: () => undefined,
  };
  const exported = (await exportStackAsStored(stack, env)) as { version: number; deployment: DeploymentV3 };
  const decisions = decidePendingCreates(exported.deployment, await listRemote(target));
  for (const decision of decisions) {
    console.log(`${decision.action === "import" ? "import" : "clear "} ${decision.urn}${decision.id ? ` = ${decision.id}` : ""} (${decision.reason})`);
  }
  if (decisions.length === 0) {
    console.log("no pending creates");
  } else if (!argv.includes("--dry-run")) {
    await stack.importStack({ ...exported, deployment: applyPendingDecisions(exported.deployment, decisions) });
    console.log("state imported; now run `pulumi refresh` and `pulumi up`");
  }
}

if (require.main === module) {
  cli(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
