import { gitops } from "./program";

const outputs = gitops();

export const appId = outputs.appId;
export const meetingIds = outputs.meetingIds;
export const webhookIds = outputs.webhookIds;
export const presetNames = outputs.presetNames;
