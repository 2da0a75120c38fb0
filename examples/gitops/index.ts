import * as pulumi from "@pulumi/pulumi";
import { RealtimeKitStack } from "pulumi-realtimekit";

// Everything in realtimekit.yaml, merged with realtimekit.<stack>.yaml (e.g. realtimekit.dev.yaml).
const rtk = new RealtimeKitStack("rtk");

const ids = (resources: Record<string, pulumi.CustomResource>) =>
  pulumi.all(Object.fromEntries(Object.entries(resources).map(([key, resource]) => [key, resource.id])));

export const appId = rtk.appId ?? pulumi.output("(configured realtimekit:appId)");
export const meetingIds = ids(rtk.meetings);
export const webhookIds = ids(rtk.webhooks);
export const presetNames = pulumi.all(Object.fromEntries(Object.entries(rtk.presets).map(([key, preset]) => [key, preset.name])));
