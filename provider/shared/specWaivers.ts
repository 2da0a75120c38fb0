/**
 * Where Cloudflare's published spec is wrong or older than SDK 7.3.0, by name and with the
 * evidence. The provider's `check()` applies every spec constraint except these; the spec
 * conformance suite (test/spec/) patches the spec with the same list; emulator/README.md shows
 * them in one table.
 * @internal
 */
import type { SpecResource } from "./specConstraints";

/** A spec enum the provider (and the conformance suite) widens to SDK 7.3.0's values. */
export interface EnumWaiver {
  readonly name: "sdk-wider-enums";
  readonly resource: SpecResource;
  /** Wire path, as in `SPEC_CONSTRAINTS`. */
  readonly path: string;
  /** SDK 7.3.0's values, which include the spec's. */
  readonly values: readonly string[];
  /** Where the SDK says so. */
  readonly evidence: string;
}

/** A spec constraint that is not applied at all. */
export interface DroppedConstraintWaiver {
  readonly name: "plugins-config-map";
  readonly resource: SpecResource;
  readonly path: string;
  readonly keyword: "format";
  readonly evidence: string;
}

const PRESETS_DTS = "SDK 7.3.0 resources/realtime-kit/presets.d.ts";

/**
 * Enums the spec lists narrower than SDK 7.3.0 (released 2026-10-02, newer than the July 2026
 * spec). The single-value `ui.design_tokens` enums are the spec's example values turned into
 * enums; the SDK's lists are the API's.
 */
export const ENUM_WAIVERS: readonly EnumWaiver[] = [
  {
    name: "sdk-wider-enums",
    resource: "preset",
    path: "config.view_type",
    values: ["GROUP_CALL", "WEBINAR", "AUDIO_ROOM", "LIVESTREAM"],
    evidence: `${PRESETS_DTS}: view_type`,
  },
  {
    name: "sdk-wider-enums",
    resource: "preset",
    path: "config.media.video.quality",
    values: ["hd", "vga", "qvga", "fhd", "uhd"],
    evidence: `${PRESETS_DTS}: media.video.quality`,
  },
  {
    name: "sdk-wider-enums",
    resource: "preset",
    path: "config.media.screenshare.quality",
    values: ["hd", "vga", "qvga", "fhd", "uhd"],
    evidence: `${PRESETS_DTS}: media.screenshare.quality`,
  },
  {
    name: "sdk-wider-enums",
    resource: "preset",
    path: "ui.design_tokens.theme",
    values: ["darkest", "dark", "light"],
    evidence: `${PRESETS_DTS}: theme: 'darkest' | 'dark' | 'light'`,
  },
  {
    name: "sdk-wider-enums",
    resource: "preset",
    path: "ui.design_tokens.border_radius",
    values: ["sharp", "rounded", "extra-rounded", "circular"],
    evidence: `${PRESETS_DTS}: border_radius`,
  },
  {
    name: "sdk-wider-enums",
    resource: "preset",
    path: "ui.design_tokens.border_width",
    values: ["none", "thin", "fat"],
    evidence: `${PRESETS_DTS}: border_width`,
  },
  {
    name: "sdk-wider-enums",
    resource: "meeting",
    path: "recording_config.video_config.codec",
    values: ["H264", "VP8", "VP9"],
    evidence: "SDK 7.3.0 resources/realtime-kit/meetings.d.ts: codec?: 'H264' | 'VP8' | 'VP9'",
  },
];

/** Spec constraints dropped because the spec contradicts itself. */
export const DROPPED_CONSTRAINTS: readonly DroppedConstraintWaiver[] = [
  {
    name: "plugins-config-map",
    resource: "preset",
    path: "permissions.plugins.config",
    keyword: "format",
    evidence:
      "the spec types it `string`/`uuid` yet gives it object properties (access_control, handles_view_only); " +
      `${PRESETS_DTS} types it as an object keyed by plugin UUID ("Plugin configuration keyed by plugin UUID")`,
  },
];

/** The enum waiver of a wire path, if any. */
export function enumWaiverOf(resource: SpecResource, path: string): EnumWaiver | undefined {
  return ENUM_WAIVERS.find((waiver) => waiver.resource === resource && waiver.path === path);
}

/** True when a spec constraint keyword at a wire path is dropped by a waiver. */
export function isDropped(resource: SpecResource, path: string, keyword: string): boolean {
  return DROPPED_CONSTRAINTS.some((waiver) => waiver.resource === resource && waiver.path === path && waiver.keyword === keyword);
}
