/**
 * What ending a meeting's live session does to the people in it, said before it happens and
 * refused where the program asks: the one place that looks up a live session, ends it (kick-all),
 * and decides under `onLiveSession` whether a change may do so.
 *
 * - At preview, a change that will end a session (a meeting set INACTIVE, a replaced meeting) looks
 *   up the session once and warns with its participant count, or, under `"fail"`, fails the
 *   preview.
 * - At `up` and `destroy`, under `"fail"` a live session stops the operation before anything is
 *   changed; under `"end"` kick-all ends it and the provider says how many people were removed.
 */
import { plural } from "../../common/words";
import { RealtimeKitError } from "../client/errors";
import type { OnLiveSession } from "../config";
import { notify, warn } from "../notices";
import { Target, defaultOnLiveSession } from "../runtime";
import { unlessNotFound } from "./implementation";
import { meetingPath } from "./meetingWire";

/** A meeting as the messages name it. */
export interface MeetingLabel {
  readonly id: string;
  readonly title?: string;
}

/** A live session as the messages describe it. */
interface LiveSession {
  readonly participants: number;
  readonly startedAt?: string;
}

/** What ends the session: the meeting set INACTIVE, replaced, or removed from the stack. */
export type SessionEnding = "deactivate" | "replace" | "delete";

const CONSEQUENCE: Record<SessionEnding, string> = {
  deactivate: "before setting INACTIVE",
  replace: "when it replaces the meeting (the old one is set INACTIVE)",
  delete: "before setting INACTIVE as the meeting leaves the stack",
};

/** The mode in force: the meeting's own `onLiveSession`, else the stack's default. */
export function onLiveSessionFor(meeting: { onLiveSession?: OnLiveSession }): OnLiveSession {
  return meeting.onLiveSession ?? defaultOnLiveSession();
}

function describeMeeting(meeting: MeetingLabel): string {
  return `meeting ${meeting.title !== undefined ? `${JSON.stringify(meeting.title)} ` : ""}(id ${meeting.id})`;
}

function describeSession(session: LiveSession): string {
  const people = plural(session.participants, "participant");
  const started = session.startedAt === undefined ? undefined : new Date(session.startedAt);
  const since = started !== undefined && !Number.isNaN(started.getTime()) ? ` (started ${started.toISOString().slice(11, 16)} UTC)` : "";
  return `a live session with ${people}${since}`;
}

/** The meeting's live session with people in it, or `undefined` (nothing live: 404, or nobody left in it). */
async function liveSessionOf(target: Target, meetingId: string): Promise<LiveSession | undefined> {
  const session = await unlessNotFound(() =>
    target.client.request<{ live_participants?: number; started_at?: string; status?: string }>({
      method: "GET",
      path: meetingPath(target, meetingId, "active-session"),
      context: "Meeting live-session look-up",
    }),
  );
  const participants = session?.live_participants ?? 0;
  if (session === undefined || session.status === "ENDED" || participants <= 0) {
    return undefined;
  }
  return { participants, startedAt: session.started_at };
}

/** The error of a change that `onLiveSession: "fail"` stops. */
export class LiveSessionError extends RealtimeKitError {
  constructor(meeting: MeetingLabel, session: LiveSession, ending: SessionEnding) {
    super(
      `${describeMeeting(meeting)} has ${describeSession(session)}, and onLiveSession is "fail": ` +
        `this change would end it (kick-all) ${CONSEQUENCE[ending]}, so nothing was changed. ` +
        `Retry when the room is empty, or set onLiveSession: "end" for this change ` +
        `(on the meeting, or realtimekit:onLiveSession in stack config).`,
    );
    this.name = "LiveSessionError";
  }
}

/**
 * At preview: says what a planned change will do to the people in the meeting's live session (one
 * GET), or fails it under `"fail"`.
 */
export async function foreseeSessionEnd(target: Target, meeting: MeetingLabel, mode: OnLiveSession, ending: SessionEnding): Promise<void> {
  const session = await liveSessionOf(target, meeting.id);
  if (session === undefined) {
    return;
  }
  if (mode === "fail") {
    throw new LiveSessionError(meeting, session, ending);
  }
  warn(`${describeMeeting(meeting)} has ${describeSession(session)}: up will end it (kick-all) ${CONSEQUENCE[ending]}`);
}

/**
 * Ends the meeting's live session, if any (kick-all; a 404 means nothing was live), and says how
 * many people it removed. Under `"fail"` a session with people in it stops the change first.
 */
export async function endLiveSession(target: Target, meeting: MeetingLabel, mode: OnLiveSession, ending: SessionEnding): Promise<void> {
  if (mode === "fail") {
    const session = await liveSessionOf(target, meeting.id);
    if (session !== undefined) {
      throw new LiveSessionError(meeting, session, ending);
    }
  }
  const kicked = await unlessNotFound(() =>
    target.client.request<{ kicked_participants_count?: number }>({
      method: "POST",
      path: meetingPath(target, meeting.id, "active-session", "kick-all"),
      context: "Meeting kick-all",
      idempotent: true,
    }),
  );
  const count = kicked?.kicked_participants_count ?? 0;
  if (count > 0) {
    warn(`${describeMeeting(meeting)}: ended its live session, ${plural(count, "participant")} removed (kick-all), ${CONSEQUENCE[ending]}`);
  } else if (kicked !== undefined && kicked.kicked_participants_count === undefined) {
    notify(`${describeMeeting(meeting)}: ended its live session (kick-all) ${CONSEQUENCE[ending]}`);
  }
}
