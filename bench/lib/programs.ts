/**
 * The two Pulumi programs a benchmark stack runs, inline in the benchmark's process: N objects of
 * pulumi-realtimekit, or N floor objects with about as many input fields. Each reads a {@link Desired}
 * the benchmark edits between operations (a new version updates every object in place).
 */
import * as pulumi from "@pulumi/pulumi";
import type { PulumiFn } from "@pulumi/pulumi/automation";
import type { Package } from "./packages";

/** floor; the current build (as installed); the `--baseline` revision's build. */
export type Kind = "floor" | "provider" | "baseline";

/** What the program declares; the benchmark edits it between operations. */
export interface Desired {
  n: number;
  version: number;
  meetingStatus: "ACTIVE" | "INACTIVE";
  /** Only meetings (the deactivation scenario). */
  meetingsOnly: boolean;
  /** Makes names and URLs (unique per app) distinct between lanes sharing the emulator. */
  tag: string;
}

/**
 * N/3 webhooks and N/3 presets of `pkg`, meetings the rest (all N when `meetingsOnly`). `mix`
 * (RTK_BENCH_MIX, diagnostics only): "meeting", "webhook" or "preset" makes all N of one type.
 */
export function providerProgram(desired: Desired, pkg: Package, mix: string | undefined): PulumiFn {
  return async () => {
    const { n, version, meetingStatus, meetingsOnly, tag } = desired;
    const third = Math.floor(n / 3);
    if (mix && !meetingsOnly) {
      for (let i = 0; i < n; i++) {
        if (mix === "meeting") new pkg.Meeting(`m${i}`, { title: `bench meeting ${i} v${version}`, status: meetingStatus });
        if (mix === "webhook") {
          new pkg.Webhook(`w${i}`, {
            name: `bench webhook ${i} v${version}`,
            url: `http://127.0.0.1:9/bench/${tag}/${i}`,
            events: ["meeting.ended"],
          });
        }
        if (mix === "preset") new pkg.Preset(`p${i}`, { name: `bench-${tag}-${i}`, permissions: { kickParticipant: version % 2 === 1 } });
      }
      return;
    }
    const meetings = meetingsOnly ? n : n - 2 * Math.floor(n / 3);
    for (let i = 0; i < meetings; i++) {
      new pkg.Meeting(`m${i}`, { title: `bench meeting ${i} v${version}`, status: meetingStatus });
    }
    if (meetingsOnly) return;
    for (let i = 0; i < third; i++) {
      new pkg.Webhook(`w${i}`, {
        name: `bench webhook ${i} v${version}`,
        url: `http://127.0.0.1:9/bench/${tag}/${i}`,
        events: ["meeting.ended"],
      });
    }
    for (let i = 0; i < third; i++) {
      new pkg.Preset(`p${i}`, { name: `bench-${tag}-${i}`, permissions: { kickParticipant: version % 2 === 1 } });
    }
  };
}

class Floor extends pulumi.dynamic.Resource {
  constructor(provider: pulumi.dynamic.ResourceProvider, name: string, props: Record<string, unknown>) {
    super(provider, name, { ...props, createdAt: undefined, updatedAt: undefined }, undefined, "bench", "Floor");
  }
}

/** N floor objects of `provider` (bench/floor, see packages.ts), each with about as many input fields as a meeting (8). */
export function floorProgram(desired: Desired, provider: pulumi.dynamic.ResourceProvider): PulumiFn {
  return async () => {
    const { n, version, meetingStatus } = desired;
    for (let i = 0; i < n; i++) {
      new Floor(provider, `f${i}`, {
        title: `floor ${i} v${version}`,
        status: meetingStatus,
        recordOnStart: false,
        liveStreamOnStart: false,
        persistChat: false,
        summarizeOnEnd: false,
        transcribeOnEnd: false,
        sessionKeepAliveTimeInSecs: 60,
      });
    }
  };
}
