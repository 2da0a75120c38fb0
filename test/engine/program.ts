/**
 * Inline Pulumi programs for the engine tests, built from a mutable description of the desired
 * resources: a test edits the description and runs `up` again, as a user edits their program.
 */
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { Meeting, Preset, Webhook } from "../../harness/installed";

export type MeetingInputs = NonNullable<ConstructorParameters<typeof Meeting>[1]>;
export type WebhookInputs = NonNullable<ConstructorParameters<typeof Webhook>[1]>;
export type PresetInputs = NonNullable<ConstructorParameters<typeof Preset>[1]>;

/** Resources by logical name. */
export interface DesiredResources {
  meetings?: Record<string, MeetingInputs>;
  webhooks?: Record<string, WebhookInputs>;
  presets?: Record<string, PresetInputs>;
}

/**
 * A program declaring `desired()` as it is when the engine runs it. Its stack outputs are the ids
 * by logical name (`{ standup: "<meeting uuid>", ... }`).
 */
export function programOf(desired: () => DesiredResources): PulumiFn {
  return async () => {
    const resources = desired();
    const ids: Record<string, unknown> = {};
    for (const [name, args] of Object.entries(resources.meetings ?? {})) {
      ids[name] = new Meeting(name, args).id;
    }
    for (const [name, args] of Object.entries(resources.webhooks ?? {})) {
      ids[name] = new Webhook(name, args).id;
    }
    for (const [name, args] of Object.entries(resources.presets ?? {})) {
      ids[name] = new Preset(name, args).id;
    }
    return ids;
  };
}
