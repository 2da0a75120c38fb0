/**
 * Reads one app through the REST client for `export`: the app itself (from the app list: there is
 * no get-by-id), then every page of the selected kinds. List items of presets carry only id and
 * name, and those of meetings lack `ai_config`, so each selected preset and meeting is read once
 * more by id, a few at a time.
 */
import type { RealtimeKitClient } from "../../provider/client/client";
import type { WireApp, WireMeeting, WirePreset, WireWebhook } from "../../provider/client/wire";
import { isMeetingSelected, meetingStatusQuery, type Selection } from "./selection";

/** What `export` read of one app. */
export interface AppSnapshot {
  readonly accountId: string;
  readonly app: WireApp;
  /** Full presets (GET by id), in list order. */
  readonly presets: readonly WirePreset[];
  readonly webhooks: readonly WireWebhook[];
  /** Full meetings (GET by id), in list order. */
  readonly meetings: readonly WireMeeting[];
}

/** Thrown when the app id is not one of the account's apps; `apps` lists those that are. */
export class UnknownAppError extends Error {
  /**
   * @param appId - the app asked for.
   * @param apps - the account's apps.
   */
  constructor(
    readonly appId: string,
    readonly apps: readonly WireApp[],
  ) {
    super(`app ${appId} not found`);
    this.name = "UnknownAppError";
  }
}

/** Reads by id this many objects at once: fast, and far below the API's rate limit. */
const READ_CONCURRENCY = 8;

/** `fn` over `items`, at most `limit` at a time, results in input order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Progress lines every this many objects read by id. */
const PROGRESS_EVERY = 50;

/**
 * Reads the selected objects of an app.
 *
 * @param client - the REST client (its account is the app's).
 * @param appId - the app to read.
 * @param selection - the kinds and meeting filters of `--select`.
 * @param progress - receives one line per page listed and per {@link PROGRESS_EVERY} objects read.
 * @throws {@link UnknownAppError} when the account has no such app; API errors as the client throws them.
 */
export async function readApp(
  client: RealtimeKitClient,
  appId: string,
  selection: Selection,
  progress: (line: string) => void,
): Promise<AppSnapshot> {
  const apps = await client.listAll<WireApp>({ method: "GET", path: ["apps"], context: "App list" });
  const app = apps.find((candidate) => candidate.id === appId);
  if (app === undefined) throw new UnknownAppError(appId, apps);

  const listed = (kind: string) => (received: number, total: number | undefined) =>
    progress(`${kind}: listed ${received}${total === undefined ? "" : ` of ${total}`}`);
  const readEach = async <T extends { id?: string }>(kind: string, items: readonly T[], context: string): Promise<T[]> => {
    let done = 0;
    return mapLimited(items, READ_CONCURRENCY, async (item) => {
      const full = await client.request<T>({ method: "GET", path: [appId, kind, item.id as string], context });
      done++;
      if (done % PROGRESS_EVERY === 0 || done === items.length) progress(`${kind}: read ${done} of ${items.length}`);
      // PATCH answers lack the id; GET has it, but keep the listed one whatever the server does.
      return { ...full, id: item.id };
    });
  };

  let presets: WirePreset[] = [];
  if (selection.kinds.has("presets")) {
    const items = await client.listAll<WirePreset>({ method: "GET", path: [appId, "presets"], context: "Preset list" }, listed("presets"));
    presets = await readEach("presets", items, "Preset read");
  }
  let webhooks: WireWebhook[] = [];
  if (selection.kinds.has("webhooks")) {
    webhooks = await client.listAll<WireWebhook>(
      { method: "GET", path: [appId, "webhooks"], context: "Webhook list", notFoundAsEmpty: true },
      listed("webhooks"),
    );
  }
  let meetings: WireMeeting[] = [];
  if (selection.kinds.has("meetings")) {
    const items = await client.listAll<WireMeeting>(
      { method: "GET", path: [appId, "meetings"], query: { status: meetingStatusQuery(selection) }, context: "Meeting list" },
      listed("meetings"),
    );
    meetings = await readEach(
      "meetings",
      items.filter((meeting) => isMeetingSelected(selection, meeting)),
      "Meeting read",
    );
  }
  return { accountId: client.accountId, app, presets, webhooks, meetings };
}
