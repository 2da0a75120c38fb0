/**
 * An app built "by hand": presets, webhooks and meetings created through the REST API alone, the
 * way a team's dashboard clicks and scripts would, with assorted non-default leaves, ACTIVE and
 * INACTIVE meetings and a live session. `export` is tested, and benchmarked, against such apps;
 * {@link appContents} reads an app back leaf for leaf (ids left out) to compare two apps.
 */
import { mergeDeep, mergePresetDefaults, presetTreeToWire, type PresetTreeInput } from "../provider/resources/presetTree";
import type { EmulatorControl } from "./emulatorControl";

/** What to create. */
export interface PopulateOptions {
  readonly presets: number;
  readonly webhooks: number;
  readonly meetings: number;
  /** Participants joining the first meeting (a live session). @default 0 */
  readonly liveParticipants?: number;
}

/** What was created. */
export interface PopulatedApp {
  readonly presetNames: string[];
  readonly webhookUrls: string[];
  readonly meetingIds: string[];
  readonly inactiveMeetingIds: string[];
  /** The meeting with a live session, when one was asked for. */
  readonly liveMeetingId?: string;
}

const PLUGIN_ID = "1c6b6d2c-5b7e-4f3e-9d1a-2b3c4d5e6f70";

/** Five kinds of hand-tuned preset, from "the defaults" to many changed leaves. */
const PRESET_VARIANTS: readonly PresetTreeInput[] = [
  {},
  { permissions: { kickParticipant: true, canRecord: true } },
  {
    config: { viewType: "WEBINAR", maxVideoStreams: { desktop: 9 }, media: { video: { simulcast: true } } },
    permissions: { stageEnabled: true, stageAccess: "CAN_REQUEST", acceptStageRequests: true },
  },
  {
    ui: { designTokens: { theme: "light", colors: { brand: { "500": "#112233" } }, fontFamily: "Inter" } },
    permissions: {
      chat: { private: { canSend: false } },
      plugins: { canStart: true, config: { [PLUGIN_ID]: { accessControl: "VIEW_ONLY", handlesViewOnly: true } } },
    },
  },
  {
    config: { media: { audio: { enableStereo: true }, screenshare: { frameRate: 15 } }, livestreamViewerQualities: [720, 1080] },
    permissions: { media: { video: { canProduce: "NOT_ALLOWED" } }, waitingRoomType: "ON_PRIVILEGED_USER_ENTRY" },
  },
];

const EVENT_SETS = [
  ["meeting.ended"],
  ["meeting.started", "meeting.ended", "meeting.participantJoined"],
  ["recording.statusUpdate", "meeting.summary"],
];

/** The meeting settings of the n-th meeting (snake_case, as a script would send them). */
function meetingBody(n: number): Record<string, unknown> {
  const body: Record<string, unknown> = { title: n % 7 === 1 ? "Daily standup" : `Meeting ${n}` };
  if (n % 2 === 1) body.persist_chat = true;
  if (n % 4 === 2) body.session_keep_alive_time_in_secs = 120;
  if (n % 5 === 3) {
    body.transcribe_on_end = true;
    body.summarize_on_end = true;
    body.ai_config = {
      summarization: { word_limit: 300, text_format: "markdown" },
      transcription: { language: "de", keywords: ["RealtimeKit"] },
    };
  }
  if (n % 6 === 4)
    body.recording_config = { file_name_prefix: `room-${n}`, max_seconds: 3600, audio_config: { codec: "AAC", channel: "stereo" } };
  return body;
}

async function send(control: EmulatorControl, method: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await control.rest<Record<string, unknown>>(method, path, body);
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.data as Record<string, unknown>;
}

/** Runs `fn` for 0..count-1, a few at a time. */
async function times(count: number, fn: (n: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(8, count) }, async () => {
      while (next < count) await fn(next++);
    }),
  );
}

/**
 * Fills the control's app through the API. Every third meeting is set INACTIVE (PATCH); two in
 * seven share the title "Daily standup".
 *
 * @param control - the emulator, pointed at the app to fill.
 * @param options - how many of each.
 */
export async function populateApp(control: EmulatorControl, options: PopulateOptions): Promise<PopulatedApp> {
  const presetNames: string[] = [];
  const webhookUrls: string[] = [];
  const meetingIds: string[] = new Array(options.meetings);
  const inactiveMeetingIds: string[] = [];
  await times(options.presets, async (n) => {
    const name = n === 0 ? "host" : `preset ${n}`;
    const tree = mergeDeep(mergePresetDefaults({}), PRESET_VARIANTS[n % PRESET_VARIANTS.length]) as PresetTreeInput;
    await send(control, "POST", "presets", { name, ...presetTreeToWire(tree) });
    presetNames.push(name);
  });
  await times(options.webhooks, async (n) => {
    const url = `https://hooks.example.com/rtk/${n}`;
    await send(control, "POST", "webhooks", { name: `hook ${n}`, url, events: EVENT_SETS[n % EVENT_SETS.length], enabled: n % 4 !== 3 });
    webhookUrls.push(url);
  });
  await times(options.meetings, async (n) => {
    const meeting = await send(control, "POST", "meetings", meetingBody(n));
    const id = meeting.id as string;
    meetingIds[n] = id;
    if (n % 3 === 2) {
      await send(control, "PATCH", `meetings/${id}`, { status: "INACTIVE" });
      inactiveMeetingIds.push(id);
    }
  });
  let liveMeetingId: string | undefined;
  if ((options.liveParticipants ?? 0) > 0 && meetingIds.length > 0) {
    liveMeetingId = meetingIds[0];
    await control.join(liveMeetingId, options.liveParticipants as number);
  }
  return { presetNames, webhookUrls, meetingIds, inactiveMeetingIds, liveMeetingId };
}

/** An app's objects without ids or timestamps, sorted, for leaf-for-leaf comparisons of two apps. */
export interface AppContents {
  readonly presets: unknown[];
  readonly webhooks: unknown[];
  readonly meetings: unknown[];
}

function withoutIdentity(object: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, app_id: _app, created_at: _created, updated_at: _updated, ...rest } = object;
  return rest;
}

function sorted(items: Array<Record<string, unknown>>): unknown[] {
  return items.map(withoutIdentity).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/**
 * Reads every object of the control's app through the API (presets and meetings by id, for the
 * full objects) and returns them without ids and timestamps, sorted.
 */
export async function appContents(control: EmulatorControl): Promise<AppContents> {
  const list = async (kind: string) => {
    const all: Array<Record<string, unknown>> = [];
    for (let page = 1; ; page++) {
      const response = await control.rest<Array<Record<string, unknown>>>("GET", `${kind}?per_page=100&page_no=${page}`);
      const items = response.status === 404 ? [] : (response.body.data ?? []);
      all.push(...items);
      if (items.length < 100) return all;
    }
  };
  const full = async (kind: string) =>
    Promise.all((await list(kind)).map((item) => control.get<Record<string, unknown>>(`${kind}/${String(item.id)}`)));
  return { presets: sorted(await full("presets")), webhooks: sorted(await list("webhooks")), meetings: sorted(await full("meetings")) };
}
