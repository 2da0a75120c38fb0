/**
 * Recovery of pending creates after an interrupted `pulumi up` (SIGKILL, a crashed runner, Ctrl-C
 * that killed the program host): `pulumi-realtimekit recover-pending`.
 *
 * The engine writes a pending CREATE into the state before it calls `create`, and removes it when
 * the result comes back. If the CLI dies in between, the object usually exists in RealtimeKit (the
 * server commits before it answers) without being in the state. What the Pulumi CLI offers then
 * (measured with 3.274.1, docs/reliability.md §3):
 *
 * - `pulumi up` ignores pending creates (it warns) and creates the object again: a second meeting,
 *   or a 409 for a preset name / webhook URL that now exists.
 * - `pulumi refresh --clear-pending-creates` forgets objects that were created.
 * - `pulumi refresh --import-pending-creates <urn> <id>` drops them with dynamic resources.
 *
 * So the recovery edits the state the way Pulumi documents for a broken state (export, edit,
 * import): for every pending create it looks the object up by its natural key — preset by name,
 * webhook by URL, meeting by exactly the declared settings among the meetings no state resource
 * owns — and moves the pending operation into `resources` with that id (outputs = inputs, so
 * `refresh` can read it and fill in the rest); pending creates whose object does not exist are
 * dropped. Then `pulumi refresh` and `pulumi up` converge without duplicates.
 */
import type { RealtimeKitClient } from "../provider/client/client";
import type { CreateJournal } from "../provider/state/createJournal";
import { isSatisfiedBy } from "../provider/shared/diff";
import { convertKeys, toSnakeCase } from "../provider/shared/naming";
import { MEETING_LISTED_SCALARS } from "../provider/resources/meetingTypes";

/** Pulumi's marker key of a secret value in state and exports. */
export const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** An object as the API lists it (snake_case). */
export type Wire = Record<string, unknown> & { id: string };

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

/** One entry of `deployment.pending_operations`. */
export interface PendingOperation {
  readonly type: string;
  readonly resource: { urn: string; type: string; inputs?: Record<string, unknown>; [key: string]: unknown };
}

/** The part of a version-3 deployment (`pulumi stack export`) the recovery reads and edits. */
export interface DeploymentV3 {
  resources?: Array<Record<string, unknown>>;
  pending_operations?: PendingOperation[];
  [key: string]: unknown;
}

function isSecret(value: unknown): boolean {
  return typeof value === "object" && value !== null && SECRET_SIG in value;
}

/** The snake_case body a meeting's inputs stand for (secret fields left out: they cannot be compared). */
function meetingKey(inputs: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of MEETING_LISTED_SCALARS) {
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
      decisions.push(
        decide(
          unowned(remote.webhooks).find((w) => w.url === inputs.url),
          `url ${JSON.stringify(inputs.url)}`,
        ),
      );
    } else if (kind === "Preset") {
      decisions.push(
        decide(
          unowned(remote.presets).find((p) => p.name === inputs.name),
          `name ${JSON.stringify(inputs.name)}`,
        ),
      );
    } else if (kind === "Meeting") {
      const key = meetingKey(inputs);
      const candidates = unowned(remote.meetings)
        .filter((m) => isSatisfiedBy(key, m))
        .sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)));
      const siblings = pending.filter(
        (other) => other.resource.type === type && JSON.stringify(meetingKey(other.resource.inputs ?? {})) === JSON.stringify(key),
      ).length;
      const alreadyHandedOut = decisions.filter(
        (d) =>
          d.kind === "Meeting" &&
          d.action === "import" &&
          pending.some(
            (other) => other.resource.urn === d.urn && JSON.stringify(meetingKey(other.resource.inputs ?? {})) === JSON.stringify(key),
          ),
      ).length;
      if (candidates.length > siblings - alreadyHandedOut) {
        decisions.push({
          urn,
          kind,
          action: "clear",
          reason:
            `${candidates.length} unowned meetings match the declared settings (${candidates.map((m) => m.id).join(", ")}) ` +
            `for ${siblings - alreadyHandedOut} pending create(s): adopt the right one with adoptMeetingId`,
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

/**
 * Lists the app's meetings, presets and webhooks (the webhooks list answers 404 when there are none).
 *
 * @param client - a REST client for the stack's account.
 * @param appId - the stack's RealtimeKit app.
 */
export async function listRemote(client: RealtimeKitClient, appId: string): Promise<RemoteObjects> {
  const list = (kind: string, context: string) =>
    client.listAll<Wire>({ method: "GET", path: [appId, kind], context, notFoundAsEmpty: true });
  return {
    meetings: await list("meetings", "Meeting list"),
    presets: await list("presets", "Preset list"),
    webhooks: await list("webhooks", "Webhook list"),
  };
}

/** Reads and replaces a stack's state, secrets kept encrypted (`pulumi stack export` / `import`). */
export interface StackStateStore {
  /** The state as `pulumi stack export` prints it (without `--show-secrets`). */
  exportState(): Promise<{ version: number; deployment: DeploymentV3 }>;
  /** Replaces the state, as `pulumi stack import` does. */
  importState(state: { version: number; deployment: DeploymentV3 }): Promise<void>;
}

/**
 * The whole recovery on a stack: export, decide, edit, import. Run `pulumi cancel` first if the
 * backend still holds the dead run's lock, and `pulumi refresh` then `pulumi up` afterwards.
 *
 * @param store - reads and writes the stack's state.
 * @param remote - lists the app's objects (called only when there are pending creates).
 * @param options - `dryRun`: decide and report, change nothing; `journal`: the provider's create
 *   journal on this machine for the stack's token, whose orphaned creates are forgotten after the import.
 * @returns one decision per pending create (none: nothing to do).
 */
export async function recoverPendingCreates(
  store: StackStateStore,
  remote: () => Promise<RemoteObjects>,
  options: { dryRun?: boolean; journal?: CreateJournal } = {},
): Promise<PendingDecision[]> {
  const exported = await store.exportState();
  if (!(exported.deployment.pending_operations ?? []).some((op) => op.type === "creating")) {
    return [];
  }
  const decisions = decidePendingCreates(exported.deployment, await remote());
  if (!options.dryRun) {
    await store.importState({ ...exported, deployment: applyPendingDecisions(exported.deployment, decisions) });
    // The provider's journal on this machine still lists these creates as unsettled; the state now
    // records their objects, so a later create must not adopt them a second time.
    options.journal?.forgetOrphans();
  }
  return decisions;
}
