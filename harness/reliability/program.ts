/**
 * Inline programs of the reliability campaign, built from a plain description of the desired
 * objects. Resources come from the installed package (`harness/installed`), so the engine serializes
 * the provider exactly as in a user's stack (docs/architecture.md, "The serialized provider").
 *
 * Inputs are deliberately loosely typed: the bad-input table feeds the resources values their
 * TypeScript types forbid, as a JavaScript or YAML-driven program would.
 */
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { Meeting, Preset, RealtimeKitStack, Webhook } from "../installed";

/** Arguments of one resource, as the program passes them (not type-checked on purpose). */
export type LooseArgs = Record<string, unknown>;

/** What the program declares, by logical name. */
export interface Workload {
  meetings?: Record<string, LooseArgs>;
  webhooks?: Record<string, LooseArgs>;
  presets?: Record<string, LooseArgs>;
  /** `RealtimeKitStack` components: logical name → config file (absolute path). */
  components?: Record<string, { file: string }>;
}

/** Number of custom resources a workload declares (components not counted). */
export function objectCount(workload: Workload): number {
  return (
    Object.keys(workload.meetings ?? {}).length + Object.keys(workload.webhooks ?? {}).length + Object.keys(workload.presets ?? {}).length
  );
}

/**
 * A program declaring `workload()` as it is when the engine runs it. Stack outputs: ids by logical
 * name.
 */
export function programFor(workload: () => Workload): PulumiFn {
  return async () => {
    const desired = workload();
    const ids: Record<string, unknown> = {};
    for (const [name, args] of Object.entries(desired.meetings ?? {})) {
      ids[name] = new Meeting(name, args as never).id;
    }
    for (const [name, args] of Object.entries(desired.webhooks ?? {})) {
      ids[name] = new Webhook(name, args as never).id;
    }
    for (const [name, args] of Object.entries(desired.presets ?? {})) {
      ids[name] = new Preset(name, args as never).id;
    }
    for (const [name, { file }] of Object.entries(desired.components ?? {})) {
      new RealtimeKitStack(name, { file, stack: "" });
    }
    return ids;
  };
}

/**
 * A mixed stack of `count` objects: 40 % meetings, 30 % webhooks, 30 % presets, every one with a
 * unique title / URL / name that starts with `tag` (so duplicates are easy to count).
 */
export function mixedWorkload(count: number, tag: string): Workload {
  const meetings: Record<string, LooseArgs> = {};
  const webhooks: Record<string, LooseArgs> = {};
  const presets: Record<string, LooseArgs> = {};
  const nMeetings = Math.round(count * 0.4);
  const nWebhooks = Math.round(count * 0.3);
  const nPresets = count - nMeetings - nWebhooks;
  for (let i = 0; i < nMeetings; i++) {
    meetings[`m${i}`] =
      i % 3 === 0 ? { title: `${tag} meeting ${i}`, persistChat: true, sessionKeepAliveTimeInSecs: 120 } : { title: `${tag} meeting ${i}` };
  }
  for (let i = 0; i < nWebhooks; i++) {
    webhooks[`w${i}`] = {
      name: `${tag}-hook-${i}`,
      url: `http://127.0.0.1:9/${tag}/hook-${i}`,
      events: i % 2 === 0 ? ["meeting.ended"] : ["meeting.started", "meeting.ended"],
    };
  }
  for (let i = 0; i < nPresets; i++) {
    presets[`p${i}`] =
      i % 2 === 0 ? { name: `${tag}-preset-${i}`, permissions: { kickParticipant: true } } : { name: `${tag}-preset-${i}` };
  }
  return { meetings, webhooks, presets };
}

/**
 * The change a later `up` makes to a {@link mixedWorkload}: about a third of the objects updated
 * (meetings renamed or set INACTIVE, webhook events, preset permissions), the last two of each kind
 * removed (webhooks and presets deleted, meetings deactivated), one meeting and one webhook added.
 * Returns the new workload and the names of the meetings that go INACTIVE.
 */
export function changedWorkload(workload: Workload, tag: string): { workload: Workload; deactivated: string[] } {
  const keep = <T>(entries: Record<string, T>): Array<[string, T]> => Object.entries(entries).slice(0, -2);
  const deactivated: string[] = [];
  const meetings = Object.fromEntries(
    keep(workload.meetings ?? {}).map(([name, args], i) => {
      if (i % 3 === 1) return [name, { ...args, title: `${String(args.title)} (renamed)` }];
      if (i % 3 === 2) {
        deactivated.push(name);
        return [name, { ...args, status: "INACTIVE" }];
      }
      return [name, args];
    }),
  );
  meetings.mAdded = { title: `${tag} meeting added` };
  const webhooks = Object.fromEntries(
    keep(workload.webhooks ?? {}).map(([name, args], i) => [
      name,
      i % 3 === 0 ? { ...args, events: ["meeting.started", "meeting.ended", "recording.statusUpdate"] } : args,
    ]),
  );
  webhooks.wAdded = { name: `${tag}-hook-added`, url: `http://127.0.0.1:9/${tag}/hook-added`, events: ["meeting.ended"] };
  const presets = Object.fromEntries(
    keep(workload.presets ?? {}).map(([name, args], i) => [
      name,
      i % 3 === 0 ? { ...args, permissions: { kickParticipant: true, pinParticipant: true } } : args,
    ]),
  );
  return { workload: { meetings, webhooks, presets }, deactivated };
}
