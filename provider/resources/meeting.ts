/**
 * The RealtimeKit meeting: a reusable room. Meetings cannot be deleted through the API, so
 * destroying one ends its live session and sets it INACTIVE. This file holds the provider's
 * methods and the resource class; the types are in `meetingTypes.ts`, the validation in
 * `meetingSchema.ts`, the mapping to and from the wire in `meetingWire.ts`.
 */
import * as pulumi from "@pulumi/pulumi";
import { RealtimeKitError } from "../client/errors";
import { FailureCollector, isPlainObject } from "../shared/check";
import { DiffOutcome, DiffSpec, Fields, changedKeys } from "../shared/diff";
import { Target, stackConfigValue } from "../runtime";
import meetingProvider = require("../stubs/meeting");
import { claimMeeting, createMeetingExactlyOnce } from "./meetingCreates";
import type { WireMeeting } from "../client/wire";
import { ListedKind, forgetListed, readListed } from "./bulkReads";
import { DEFAULT_PAGE_SIZE } from "../client/client";
import { INPUT_ONLY_STORAGE_KEYS, withCredentialsDigest } from "./storageCredentials";
import { GONE, ResourceImplementation, ResourceInitError, checkInputs, propertiesOf, unlessNotFound, withProvider } from "./implementation";
import { desiredTarget, diffWithPlacement, existingTarget, refreshedInputs } from "./placement";
import { AppResource, secretWhen } from "./appResource";
import { pickKeys } from "../shared/objects";
import {
  MEETING_FIELDS,
  MeetingAiConfig,
  MeetingArgs,
  MeetingField,
  MeetingGiven,
  MeetingInputs,
  MeetingOutputs,
  MeetingRecordingConfig,
  MeetingStatus,
} from "./meetingTypes";
import { applyMeetingDefaults, validateMeeting } from "./meetingSchema";
import { STORAGE_PATH, meetingBody, meetingFieldsOf, meetingOutputs, meetingPath, meetingWireFromOutputs } from "./meetingWire";
import { reportAdoption } from "./adoption";
import { SessionEnding, endLiveSession, foreseeSessionEnd, onLiveSessionFor } from "./liveSession";

// ---------------------------------------------------------------------------------------------
// Provider implementation

/**
 * Records the digest of the storage credentials named in `credentialsFromConfig` (so a changed
 * value is a diff), reusing the salt of the old inputs; unset config keys are failures.
 */
function withStorageCredentialsDigest(inputs: MeetingInputs, olds: Record<string, unknown>, out: FailureCollector): MeetingInputs {
  const recordingConfig = inputs.recordingConfig;
  if (recordingConfig?.storageConfig == null) {
    return inputs;
  }
  const previous = isPlainObject(olds.recordingConfig) ? olds.recordingConfig.storageConfig : undefined;
  const storageConfig = withCredentialsDigest(recordingConfig.storageConfig, previous, stackConfigValue, STORAGE_PATH, out);
  return { ...inputs, recordingConfig: { ...recordingConfig, storageConfig } };
}

/** The fields a meeting's PATCH sends when they changed. */
const meetingWireSpec: DiffSpec<MeetingField> = { inputKeys: MEETING_FIELDS };

/**
 * How meetings are diffed: every field updates in place (`onLiveSession` too, without a request,
 * so that a later destroy sees the new mode); only a move to another app replaces. @internal
 */
export const meetingDiffSpec: DiffSpec<MeetingField | "onLiveSession"> = { inputKeys: [...MEETING_FIELDS, "onLiveSession"] };

async function getMeeting(target: Target, id: string): Promise<WireMeeting> {
  return target.client.request<WireMeeting>({ method: "GET", path: meetingPath(target, id), context: "Meeting read" });
}

/** Meetings for bulk reads: list items carry every field but `ai_config` (see {@link readMeeting}). */
const listedMeetings: ListedKind<WireMeeting> = {
  kind: "meetings",
  async page(target, pageNo) {
    const page = await target.client.requestPage<WireMeeting>({
      method: "GET",
      path: meetingPath(target),
      query: { page_no: pageNo, per_page: DEFAULT_PAGE_SIZE },
      context: "Meeting read (list)",
    });
    const seen = (pageNo - 1) * DEFAULT_PAGE_SIZE + page.data.length;
    return { items: page.data, last: !page.paging || page.data.length < DEFAULT_PAGE_SIZE || seen >= page.paging.total_count };
  },
  get: (target, id) => unlessNotFound(() => getMeeting(target, id)),
};

/**
 * The meeting as the API has it now, `undefined` when it is gone. From the app's meeting list when
 * many are read (a refresh), except a meeting whose program manages `aiConfig`, which list items
 * leave out: that one is always a GET.
 */
async function readMeeting(target: Target, id: string, declared: Partial<MeetingInputs>): Promise<WireMeeting | undefined> {
  if (declared.aiConfig !== undefined) {
    return listedMeetings.get(target, id);
  }
  return readListed(target, listedMeetings, id);
}

/**
 * Brings an existing meeting to the desired state with the fewest calls: one PATCH with every
 * changed field, preceded by kick-all when a meeting that may be live goes INACTIVE (an INACTIVE
 * meeting blocks new joins but does not end a running session by itself). `current` is camelCase
 * and carries the storage credentials last sent, since the API never returns them.
 */
async function converge(
  target: Target,
  id: string,
  current: Fields<MeetingField>,
  desired: MeetingInputs,
  mayBeLive: boolean,
): Promise<WireMeeting | undefined> {
  const changed = changedKeys(current, desired, meetingWireSpec);
  if (changed.length === 0) {
    return undefined;
  }
  if (mayBeLive && changed.includes("status") && desired.status === "INACTIVE") {
    const meeting = { id, title: desired.title ?? (current.title as string | undefined) };
    await endLiveSession(target, meeting, onLiveSessionFor(desired), "deactivate");
  }
  forgetListed(target, listedMeetings.kind, id);
  return target.client.request<WireMeeting>({
    method: "PATCH",
    path: meetingPath(target, id),
    body: meetingBody(desired, changed),
    context: "Meeting update",
  });
}

async function createMeeting(target: Target, inputs: MeetingInputs): Promise<WireMeeting> {
  const body = meetingBody(
    inputs,
    MEETING_FIELDS.filter((key) => key !== "status"),
  );
  return createMeetingExactlyOnce(target, meetingPath(target), body);
}

/**
 * Whether a planned change ends the meeting's live session, and how: a replacement (the old meeting
 * is set INACTIVE, after kick-all) or a move from ACTIVE to INACTIVE. Not knowable while the new
 * status is still unknown at preview.
 */
function sessionEndingChange(olds: MeetingOutputs, news: MeetingInputs, outcome: DiffOutcome): SessionEnding | undefined {
  if (outcome.replaces.length > 0) {
    return "replace";
  }
  const deactivates = (olds.status ?? "ACTIVE") !== "INACTIVE" && news.status === "INACTIVE";
  return outcome.changes && deactivates ? "deactivate" : undefined;
}

/** The dynamic-provider methods of {@link Meeting}, run in the provider process. @internal */
export const meetingImplementation: ResourceImplementation<MeetingInputs, MeetingOutputs> = {
  async check(olds, news) {
    const checked = checkInputs<MeetingGiven>(propertiesOf(news), validateMeeting);
    if (!checked.ok) {
      return { failures: checked.failures };
    }
    const out = new FailureCollector();
    const inputs = withStorageCredentialsDigest(applyMeetingDefaults(checked.given), propertiesOf(olds), out);
    return out.failures.length === 0 ? { inputs, failures: [] } : { failures: out.failures };
  },

  async diff(id, olds, news) {
    const outcome = diffWithPlacement(olds, news, meetingDiffSpec);
    const ending = sessionEndingChange(olds, news, outcome);
    if (ending !== undefined) {
      await foreseeSessionEnd(existingTarget(olds), { id, title: olds.title }, onLiveSessionFor(news), ending);
    }
    return outcome;
  },

  async create(inputs) {
    const target = desiredTarget(inputs);
    const adoptId = inputs.adoptMeetingId;
    if (adoptId !== undefined) {
      const existing = await unlessNotFound(() => getMeeting(target, adoptId));
      if (existing === undefined) {
        throw new RealtimeKitError(`Meeting adopt failed: adoptMeetingId "${adoptId}" does not exist in app ${target.appId}`);
      }
      claimMeeting(existing.id);
      reportAdoption("meeting", existing.id, "adoptMeetingId");
      const converged = await converge(target, existing.id, meetingFieldsOf(existing), inputs, true);
      return { id: existing.id, outs: meetingOutputs(converged ?? existing, inputs, target) };
    }
    const created = await createMeeting(target, inputs);
    if (inputs.status !== "INACTIVE") {
      return { id: created.id, outs: meetingOutputs(created, inputs, target) };
    }
    try {
      const sent = { ...meetingFieldsOf(created), recordingConfig: inputs.recordingConfig };
      const deactivated = await converge(target, created.id, sent, inputs, false);
      return { id: created.id, outs: meetingOutputs(deactivated ?? created, inputs, target) };
    } catch (error) {
      const outs = meetingOutputs(created, inputs, target);
      throw new ResourceInitError(
        `Meeting ${created.id} was created but could not be set INACTIVE: ${(error as Error).message}`,
        created.id,
        withProvider(outs, inputs),
      );
    }
  },

  async read(id, olds = {}) {
    const target = existingTarget(olds);
    const current = await readMeeting(target, id, olds);
    if (current === undefined) {
      return GONE;
    }
    const outs = meetingOutputs(current, olds, target);
    return { id, props: outs, inputs: refreshedInputs(pickKeys(outs, MEETING_FIELDS), olds, ["adoptMeetingId"]) };
  },

  async update(id, olds, news) {
    const target = existingTarget(olds);
    const updated = await converge(target, id, olds, news, true);
    return { outs: meetingOutputs(updated ?? meetingWireFromOutputs(id, olds), news, target) };
  },

  async delete(id, olds) {
    const target = existingTarget(olds);
    await endLiveSession(target, { id, title: olds.title }, onLiveSessionFor(olds), "delete");
    if (olds.status === "INACTIVE") {
      return;
    }
    forgetListed(target, listedMeetings.kind, id);
    await unlessNotFound(() =>
      target.client.request({
        method: "PATCH",
        path: meetingPath(target, id),
        body: { status: "INACTIVE" },
        context: "Meeting delete (deactivate)",
      }),
    );
  },
};

// ---------------------------------------------------------------------------------------------
// Resource

/** Whether the recording config holds credentials, or names them (their digest is stored too). */
function hasStorageCredentials(config: MeetingRecordingConfig | undefined): boolean {
  const storage = config?.storageConfig as Record<string, unknown> | null | undefined;
  return !!storage && INPUT_ONLY_STORAGE_KEYS.some((key) => storage[key] !== undefined);
}

/**
 * A RealtimeKit meeting.
 *
 * - Create: POST, then PATCH `status` when `INACTIVE` is asked for (POST cannot set it).
 * - Update: one PATCH with only the changed fields. Switching to `INACTIVE` first ends the live
 *   session (kick-all), then PATCHes: an INACTIVE meeting blocks new joins but does not end a
 *   running session by itself.
 * - Delete: the API cannot delete meetings, so destroy ends the live session and sets the meeting
 *   `INACTIVE`; nobody can join a meeting that left the stack. The record stays in the app.
 * - Adopt an existing meeting with `adoptMeetingId` (`pulumi import` does not work for dynamic resources).
 *
 * @example
 * ```ts
 * const standup = new Meeting("standup", { title: "Daily standup", persistChat: true });
 * export const meetingId = standup.id;
 * ```
 */
export class Meeting extends AppResource {
  /** The meeting's title. */
  declare readonly title: pulumi.Output<string | undefined>;
  /** `ACTIVE` or `INACTIVE`. */
  declare readonly status: pulumi.Output<MeetingStatus>;
  /** Whether recording starts with the session. */
  declare readonly recordOnStart: pulumi.Output<boolean>;
  /** Whether live streaming starts with the session. */
  declare readonly liveStreamOnStart: pulumi.Output<boolean>;
  /** Whether chat is kept after the session. */
  declare readonly persistChat: pulumi.Output<boolean>;
  /** Whether a summary is produced at the end. */
  declare readonly summarizeOnEnd: pulumi.Output<boolean>;
  /** Whether a transcript is produced at the end. */
  declare readonly transcribeOnEnd: pulumi.Output<boolean>;
  /** Seconds a session stays alive after the last participant leaves. */
  declare readonly sessionKeepAliveTimeInSecs: pulumi.Output<number>;
  /** AI settings as the API reports them. */
  declare readonly aiConfig: pulumi.Output<MeetingAiConfig | undefined>;
  /** Recording settings (secret when they hold storage credentials). */
  declare readonly recordingConfig: pulumi.Output<MeetingRecordingConfig | undefined>;

  constructor(name: string, args: MeetingArgs = {}, opts?: pulumi.CustomResourceOptions) {
    const inputs = {
      ...args,
      recordingConfig: secretWhen(args.recordingConfig as pulumi.Input<MeetingRecordingConfig> | undefined, hasStorageCredentials),
    };
    super(meetingProvider, "Meeting", name, MEETING_FIELDS, inputs, opts);
  }
}
