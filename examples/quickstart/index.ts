import { quickstart } from "./program";

const outputs = quickstart();

/** The meeting's id: participants are added to it with the host preset. */
export const meetingId = outputs.meetingId;
export const meetingStatus = outputs.meetingStatus;
export const hostPreset = outputs.hostPreset;
export const webhookId = outputs.webhookId;
export const webhookUrl = outputs.webhookUrl;
