/**
 * The header comment of an exported file: where it came from, what the first `pulumi up` does,
 * and what destroying the stack later does to the adopted objects (as the README's lifecycle
 * table says). Lines without comment markers; each renderer adds its own.
 */
import { plural } from "../../common/words";
import type { DesiredState } from "./desiredState";

/** The header lines for `state`. */
export function headerLines(state: DesiredState): string[] {
  const lines = [
    `Exported by \`pulumi-realtimekit export\` from RealtimeKit app "${state.appName}" (${state.appId}),`,
    `account ${state.accountId}: ${plural(state.presets.length, "preset")}, ${plural(state.webhooks.length, "webhook")}, ${plural(state.meetings.length, "meeting")}.`,
    "",
  ];
  if (state.adopt) {
    lines.push(
      `Deploy it with a stack whose realtimekit:appId is ${state.appId}.`,
      "Every object is adopted, not created: presets by name and webhooks by URL (adoptExisting: true),",
      "meetings by id (adoptMeetingId).",
      "The first `pulumi up` takes them over and sends nothing for what already matches.",
      "Adopted objects are then managed like any other: `pulumi destroy`, or removing an entry,",
      "DELETES the preset or webhook and deactivates the meeting (ending its live session; the API",
      "cannot delete meetings). To let go of an object untouched, `pulumi state delete <urn>` first.",
    );
  } else {
    lines.push(
      "A copy for another app: nothing is adopted, so the first `pulumi up` creates every object in the",
      "stack's app (realtimekit:appId). `pulumi destroy` deletes the presets and webhooks it created and",
      "deactivates its meetings (the API cannot delete meetings).",
    );
  }
  if (state.secrets.length > 0) {
    lines.push(
      "",
      `Storage credentials are never exported: set the ${plural(state.secrets.length, "stack config key")} named in`,
      "credentialsFromConfig first (`pulumi config set --secret <key> -- <value>`). Adopting such a",
      "meeting sends them once (one PATCH): the API cannot tell whether they already match.",
    );
  }
  return lines;
}
