/**
 * The campaign's use of the shipped recovery (`cli/pendingCreates.ts`, the
 * `pulumi-realtimekit recover-pending` command): the same state store (`pulumi stack export` /
 * `import` through the CLI) and lookups, on a stack of the offline environment.
 */
import type { Stack } from "@pulumi/pulumi/automation";
import { createRealtimeKitClient } from "../../provider/client/client";
import { journalFor } from "../../provider/runtime";
import { listRemote, recoverPendingCreates as recover, type PendingDecision } from "../../cli/pendingCreates";
import { cliStateStore } from "../../cli/pulumiCli";
import { cliOptions, type OfflineEnvironment, type RealtimeKitTarget } from "../offlineEngine";

export type { PendingDecision };

/**
 * Recovers the pending creates of `stack` against `target`. Run `pulumi cancel` first if the
 * backend still holds the dead run's lock, and `pulumi refresh` then `pulumi up` afterwards.
 */
export async function recoverPendingCreates(stack: Stack, env: OfflineEnvironment, target: RealtimeKitTarget): Promise<PendingDecision[]> {
  const store = cliStateStore(cliOptions(stack, env));
  const client = createRealtimeKitClient({ accountId: target.accountId, apiToken: target.token, baseUrl: target.url, budget: false });
  return recover(store, () => listRemote(client, target.appId), { journal: journalFor(target.url, target.token) });
}
