/**
 * Switches for the behaviours that neither Cloudflare's published spec nor SDK 7.3.0 settles. The
 * default of each is the emulator's best-evidenced answer (see the assumptions table in
 * emulator/README.md); the other value is the other plausible answer, so a client can be tested
 * against both (`startEmulator({ variants: FLIPPED_VARIANTS })`, CLI `--variant name=value`).
 */

/** The open behaviours and their possible answers. */
export interface EmulatorVariants {
  /**
   * Kick-all with no live session: `"404"` (the RealtimeKit error body) or `"200"`
   * (`kicked_participants_count: 0`). The spec lists only 200; third-party callers see an error.
   * @default "404"
   */
  readonly kickAllWhenIdle: "404" | "200";
  /**
   * Listing the webhooks of an app that has none: `"404"` or `"200"` with `data: []`.
   * @default "404"
   */
  readonly emptyWebhookList: "404" | "200";
  /**
   * Status of a successful preset create: 201 (July 2026 spec) or 200 (May 2026 spec).
   * @default 201
   */
  readonly presetCreateStatus: 201 | 200;
  /**
   * What a meeting PUT does to fields the body leaves out: `"reset"` to their defaults, or
   * `"keep"` their current values.
   * @default "reset"
   */
  readonly meetingPutOmitted: "reset" | "keep";
  /**
   * `enabled` of a webhook created or replaced without it.
   * @default true
   */
  readonly webhookEnabledDefault: boolean;
  /**
   * Whether a preset PATCH answer carries `data.id`: `"included"` (spec and SDK) or `"omitted"`
   * (a third-party observation of the live API).
   * @default "included"
   */
  readonly presetPatchId: "included" | "omitted";
}

/** The defaults. */
export const DEFAULT_VARIANTS: EmulatorVariants = Object.freeze({
  kickAllWhenIdle: "404",
  emptyWebhookList: "404",
  presetCreateStatus: 201,
  meetingPutOmitted: "reset",
  webhookEnabledDefault: true,
  presetPatchId: "included",
});

/** Every switch on its other value: what a client must also survive. */
export const FLIPPED_VARIANTS: EmulatorVariants = Object.freeze({
  kickAllWhenIdle: "200",
  emptyWebhookList: "200",
  presetCreateStatus: 200,
  meetingPutOmitted: "keep",
  webhookEnabledDefault: false,
  presetPatchId: "omitted",
});

/** The allowed values of each switch, as the CLI spells them. */
const CHOICES: { readonly [K in keyof EmulatorVariants]: readonly EmulatorVariants[K][] } = {
  kickAllWhenIdle: ["404", "200"],
  emptyWebhookList: ["404", "200"],
  presetCreateStatus: [201, 200],
  meetingPutOmitted: ["reset", "keep"],
  webhookEnabledDefault: [true, false],
  presetPatchId: ["included", "omitted"],
};

/** Applies defaults and checks the values; throws a TypeError naming the bad switch. */
export function resolveVariants(variants: Partial<EmulatorVariants> = {}): EmulatorVariants {
  for (const [name, value] of Object.entries(variants)) {
    const choices = (CHOICES as Record<string, readonly unknown[]>)[name];
    if (choices === undefined) {
      throw new TypeError(`variants.${name} is not a known switch; known: ${Object.keys(CHOICES).join(", ")}`);
    }
    if (!choices.includes(value)) {
      throw new TypeError(
        `variants.${name} must be one of ${choices.map((c) => JSON.stringify(c)).join(", ")}; got ${JSON.stringify(value)}`,
      );
    }
  }
  return { ...DEFAULT_VARIANTS, ...variants };
}

/** Parses a CLI `name=value` (e.g. `presetCreateStatus=200`, `webhookEnabledDefault=false`, `all=flipped`). */
export function parseVariantFlag(flag: string): Partial<EmulatorVariants> {
  const match = /^([A-Za-z]+)=(.+)$/.exec(flag);
  if (match === null) {
    throw new TypeError(`--variant must look like name=value, e.g. presetCreateStatus=200; got ${flag}`);
  }
  const [, name, raw] = match;
  if (name === "all" && raw === "flipped") {
    return { ...FLIPPED_VARIANTS };
  }
  const choices = (CHOICES as Record<string, readonly unknown[]>)[name];
  if (choices === undefined) {
    throw new TypeError(`--variant ${name}: not a known switch; known: all, ${Object.keys(CHOICES).join(", ")}`);
  }
  const value = choices.find((choice) => String(choice) === raw);
  if (value === undefined) {
    throw new TypeError(`--variant ${name} must be one of ${choices.join(", ")}; got ${raw}`);
  }
  return { [name]: value } as Partial<EmulatorVariants>;
}
