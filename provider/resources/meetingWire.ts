/**
 * A meeting between the provider's camelCase inputs and outputs and the API's snake_case wire
 * shape: request bodies (storage credentials named in config resolved on the way out), outputs
 * from an answer (write-only credentials put back from the program), and the reverse.
 */
import type { WireMeeting } from "../client/wire";
import { isPlainObject } from "../shared/check";
import { compact } from "../shared/objects";
import { convertKeys, toCamelCase, toSnakeCase } from "../shared/naming";
import { Target, stackConfigValue } from "../runtime";
import { placementOf } from "./placement";
import { INPUT_ONLY_STORAGE_KEYS, resolveStorageCredentials } from "./storageCredentials";
import { MEETING_FIELDS, MeetingField, MeetingInputs, MeetingOutputs, MeetingRecordingConfig } from "./meetingTypes";

/** Where a meeting's storage config sits in its inputs (for failures). */
export const STORAGE_PATH = "recordingConfig.storageConfig";

/** The recording config as the API takes it: credentials named in config replaced by their values. */
function recordingConfigForApi(recordingConfig: unknown): unknown {
  if (!isPlainObject(recordingConfig) || !isPlainObject(recordingConfig.storageConfig)) {
    return recordingConfig;
  }
  return { ...recordingConfig, storageConfig: resolveStorageCredentials(recordingConfig.storageConfig, stackConfigValue, STORAGE_PATH) };
}

/** The API path of the app's meetings, of meeting `id`, or of something below it (`active-session`, `kick-all`). */
export function meetingPath(target: Target, id?: string, ...rest: string[]): string[] {
  return id === undefined ? [target.appId, "meetings"] : [target.appId, "meetings", id, ...rest];
}

/** The request body of a meeting: the given fields in snake_case, storage credentials resolved. */
export function meetingBody(inputs: Partial<MeetingInputs>, keys: readonly MeetingField[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const key of keys) {
    let value: unknown = inputs[key];
    if (key === "recordingConfig") {
      value = recordingConfigForApi(value);
    }
    if (value !== undefined) {
      body[toSnakeCase(key)] = convertKeys(value, toSnakeCase);
    }
  }
  return body;
}

/**
 * A meeting's settings as the API reports them. `status` may be missing from an answer; the
 * meeting is then ACTIVE, the state every meeting is created in.
 */
export type ReportedMeeting = Omit<Pick<MeetingInputs, MeetingField>, "status"> & Partial<Pick<MeetingInputs, "status">>;

/**
 * The settings of the API's meeting, in camelCase: the one place the answer is taken to have the
 * types of the inputs. The API is the authority on a meeting, so its values are not validated
 * again: one this version does not know is reported as it is, and shows as a diff.
 */
export function meetingFieldsOf(wire: WireMeeting): ReportedMeeting {
  return convertKeys(wire, toCamelCase) as ReportedMeeting;
}

/** Puts what only the program knows of the storage config (credentials, their config keys and digest) back into what the API returned. */
function withInputOnlyStorageKeys(reported: MeetingRecordingConfig, declared: MeetingRecordingConfig): MeetingRecordingConfig {
  const storage = reported.storageConfig;
  const declaredStorage = declared.storageConfig;
  if (!storage || !declaredStorage) {
    return reported;
  }
  const inputOnly = Object.fromEntries(
    Object.entries(declaredStorage).filter(([key, value]) => INPUT_ONLY_STORAGE_KEYS.includes(key) && value !== undefined),
  );
  return { ...reported, storageConfig: { ...storage, ...inputOnly } };
}

/** The outputs of a meeting: what the API reports, with the nested configs only when the program manages them. */
export function meetingOutputs(wire: WireMeeting, declared: Partial<MeetingInputs>, target: Target): MeetingOutputs {
  const reported = meetingFieldsOf(wire);
  return compact({
    title: reported.title,
    status: reported.status ?? "ACTIVE",
    recordOnStart: reported.recordOnStart,
    liveStreamOnStart: reported.liveStreamOnStart,
    persistChat: reported.persistChat,
    summarizeOnEnd: reported.summarizeOnEnd,
    transcribeOnEnd: reported.transcribeOnEnd,
    sessionKeepAliveTimeInSecs: reported.sessionKeepAliveTimeInSecs,
    // The nested configs are reported only when the program manages them, so a refresh never
    // turns server defaults into inputs that the next preview would show as removed.
    aiConfig: declared.aiConfig === undefined ? undefined : (reported.aiConfig ?? declared.aiConfig),
    recordingConfig:
      declared.recordingConfig === undefined
        ? undefined
        : withInputOnlyStorageKeys(reported.recordingConfig ?? declared.recordingConfig, declared.recordingConfig),
    adoptMeetingId: declared.adoptMeetingId,
    onLiveSession: declared.onLiveSession,
    createdAt: wire.created_at,
    updatedAt: wire.updated_at,
    ...placementOf(target),
  });
}

/** Rebuilds the wire shape of a meeting from stored outputs, for an update that changed nothing remotely. */
export function meetingWireFromOutputs(id: string, outputs: MeetingOutputs): WireMeeting {
  const fields: Record<string, unknown> = {};
  for (const key of MEETING_FIELDS) {
    fields[key] = outputs[key];
  }
  return {
    ...(convertKeys(fields, toSnakeCase) as Record<string, unknown>),
    id,
    created_at: outputs.createdAt,
    updated_at: outputs.updatedAt,
  };
}
