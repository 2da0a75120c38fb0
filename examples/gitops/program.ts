/**
 * The GitOps example's program, as a function so that the repository's end-to-end tests can run it
 * inline (index.ts just calls it).
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { RealtimeKitStack } from "pulumi-realtimekit";

/** Options of {@link gitops}. */
export interface GitopsOptions {
  /** The folder holding realtimekit.yaml and its overlays. Default: this folder. */
  readonly dir?: string;
  /** The overlay to merge (`realtimekit.<stack>.yaml`). Default: the current stack's name. */
  readonly stack?: string;
}

/** Declares everything in realtimekit.yaml (+ the stack's overlay); returns the stack outputs. */
export function gitops(options: GitopsOptions = {}): Record<string, pulumi.Output<unknown>> {
  const rtk = new RealtimeKitStack("rtk", {
    file: path.join(options.dir ?? __dirname, "realtimekit.yaml"),
    stack: options.stack,
  });
  const ids = (resources: Record<string, pulumi.CustomResource>) =>
    pulumi.all(Object.fromEntries(Object.entries(resources).map(([key, resource]) => [key, resource.id])));
  return {
    appId: rtk.appId ?? pulumi.output("(configured realtimekit:appId)"),
    meetingIds: ids(rtk.meetings),
    webhookIds: ids(rtk.webhooks),
    presetNames: pulumi.all(Object.fromEntries(Object.entries(rtk.presets).map(([key, preset]) => [key, preset.name]))),
  };
}
