/**
 * `RealtimeKitStack`: a component that declares the app, presets, webhooks and meetings listed in
 * `realtimekit.yaml` (plus the stack's overlay, `realtimekit.<stack>.yaml`).
 */
import * as pulumi from "@pulumi/pulumi";
import { App, AppArgs } from "../resources/app";
import { Meeting } from "../resources/meeting";
import type { MeetingArgs } from "../resources/meetingTypes";
import { Preset, PresetArgs } from "../resources/preset";
import { Webhook, WebhookArgs } from "../resources/webhook";
import { LoadedRealtimeKitConfig, loadRealtimeKitConfig } from "./loader";
import { Reference, mapStrings, parseTemplate } from "./references";

/** The arguments of a {@link RealtimeKitStack}. */
export interface RealtimeKitStackArgs {
  /**
   * The config file, relative to the working folder (a Pulumi project's folder) or absolute. Its
   * overlay `realtimekit.<stack>.yaml` (same folder, same extension) is merged onto it when present.
   * @default "realtimekit.yaml"
   */
  file?: string;
  /**
   * The stack whose overlay is merged; `""` merges none.
   * @default pulumi.getStack()
   */
  stack?: string;
  /**
   * The app to place everything in, e.g. an {@link App} shared with other resources. Conflicts with
   * an `app` section in the file. Without `app`, `appId` or an `app` section, the stack's
   * `realtimekit:appId` is used.
   */
  app?: App;
  /** The id of the app to place everything in (instead of `app`). */
  appId?: pulumi.Input<string>;
  /** The Cloudflare account, when it is not the configured `realtimekit:accountId`. */
  accountId?: pulumi.Input<string>;
  /**
   * Values the file may use as `${values.<name>}`: outputs of other resources (a Worker's URL),
   * Pulumi secrets (storage credentials), per-stack config. Secrets stay secret.
   */
  values?: Record<string, pulumi.Input<unknown>>;
}

/** Anything a `${...}` reference can read outputs from. */

/**
 * The desired state of RealtimeKit from a config file: one {@link App} (optional), and a
 * {@link Preset}, {@link Webhook} or {@link Meeting} per entry, as children of this component.
 *
 * The file is read, merged with the stack's overlay and validated (with the resources' own
 * validation) in the constructor, before any resource is registered: a bad file fails
 * `pulumi preview` with a {@link ConfigFileError} naming the file, the path and the reason, and
 * nothing reaches the API.
 *
 * Children are named `<name>-<key>` (the app `<name>-app`); renaming a key replaces the object.
 *
 * @example
 * ```ts
 * const rtk = new RealtimeKitStack("rtk", { file: "realtimekit.yaml" });
 * export const standupId = rtk.meetings.standup.id;
 * ```
 */
export class RealtimeKitStack extends pulumi.ComponentResource {
  /** The app declared in the file's `app` section, or the one passed as `app`; `undefined` otherwise. */
  readonly app: App | undefined;
  /** The app everything is placed in, when known to the program (`app`, `appId` or the file's `app`). */
  readonly appId: pulumi.Output<string> | undefined;
  /** The presets, by key. */
  readonly presets: Readonly<Record<string, Preset>>;
  /** The webhooks, by key. */
  readonly webhooks: Readonly<Record<string, Webhook>>;
  /** The meetings, by key. */
  readonly meetings: Readonly<Record<string, Meeting>>;
  /** The files read (absolute paths), base first. */
  readonly files: readonly string[];

  constructor(name: string, args: RealtimeKitStackArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    // Load and validate first: a bad file must fail before anything is registered.
    const loaded = loadRealtimeKitConfig({
      file: args.file,
      stack: args.stack ?? pulumi.getStack(),
      values: Object.keys(args.values ?? {}),
      appProvided: args.app !== undefined || args.appId !== undefined,
    });
    super("realtimekit:index:RealtimeKitStack", name, {}, opts);
    this.files = loaded.files;

    const { config } = loaded;
    const values = args.values ?? {};
    let app = args.app;
    if (config.app !== undefined) {
      const { id, ...rest } = resolveTree(config.app, values, {}) as Record<string, unknown>;
      app = new App(`${name}-app`, { ...rest, appId: id, accountId: args.accountId } as AppArgs, { parent: this });
    }
    this.app = app;
    const appId: pulumi.Input<string> | undefined = app?.appId ?? args.appId;
    this.appId = appId === undefined ? undefined : pulumi.output(appId);
    const placement = { appId, accountId: args.accountId };

    const presets: Record<string, Preset> = {};
    const webhooks: Record<string, Webhook> = {};
    const meetings: Record<string, Meeting> = {};
    const created = { presets, webhooks, meetings };
    const targets: ReferenceTargets = { app, entries: created };
    const childOpts = { parent: this };

    for (const { kind, key } of loaded.order) {
      const entry = config[kind][key] as Record<string, unknown>;
      const resolved = resolveTree(entry, values, targets) as Record<string, unknown>;
      if (kind === "presets") {
        presets[key] = new Preset(`${name}-${key}`, { name: key, ...resolved, ...placement } as PresetArgs, childOpts);
      } else if (kind === "webhooks") {
        webhooks[key] = new Webhook(`${name}-${key}`, { name: key, ...resolved, ...placement } as WebhookArgs, childOpts);
      } else {
        const meetingDefaults = { title: key, onLiveSession: config.onLiveSession };
        meetings[key] = new Meeting(`${name}-${key}`, { ...meetingDefaults, ...resolved, ...placement } as MeetingArgs, childOpts);
      }
    }
    this.presets = presets;
    this.webhooks = webhooks;
    this.meetings = meetings;

    const ids = (resources: Record<string, pulumi.CustomResource>) =>
      Object.fromEntries(Object.entries(resources).map(([key, resource]) => [key, resource.id]));
    this.registerOutputs({
      appId: this.appId,
      presets: ids(presets),
      webhooks: ids(webhooks),
      meetings: ids(meetings),
    });
  }

  /**
   * Reads, merges and validates the config without declaring anything (e.g. for a CI check or a
   * unit test). Same options as the constructor's arguments.
   * @throws {@link ConfigFileError}
   */
  static load(args: Pick<RealtimeKitStackArgs, "file" | "stack" | "values" | "app" | "appId"> = {}): LoadedRealtimeKitConfig {
    return loadRealtimeKitConfig({
      file: args.file,
      stack: args.stack,
      values: Object.keys(args.values ?? {}),
      appProvided: args.app !== undefined || args.appId !== undefined,
    });
  }
}

/** What `${...}` references resolve against. */
interface ReferenceTargets {
  readonly app?: pulumi.CustomResource;
  readonly entries?: Record<string, Record<string, pulumi.CustomResource>>;
}

/** The output a reference names. The loader has checked that it exists. */
function referencedValue(ref: Reference, values: Record<string, pulumi.Input<unknown>>, targets: ReferenceTargets): pulumi.Input<unknown> {
  if (ref.kind === "values") {
    return values[ref.key as string];
  }
  const resource = ref.kind === "app" ? targets.app : targets.entries?.[ref.kind]?.[ref.key ?? ""];
  if (resource === undefined) {
    throw new Error(`internal error: reference "\${${ref.expression}}" has no resource`);
  }
  return ref.field === "id" ? resource.id : outputNamed(resource, ref);
}

/** The output property a reference names; the loader checked that the resource kind has it. */
function outputNamed(resource: pulumi.CustomResource, ref: Reference): pulumi.Output<unknown> {
  const value: unknown = Reflect.get(resource, ref.field ?? "");
  if (!pulumi.Output.isInstance(value)) {
    throw new Error(`internal error: reference "\${${ref.expression}}" names no output`);
  }
  return value;
}

/** A copy of a config value in which every string with references becomes an output. */
function resolveTree(value: unknown, values: Record<string, pulumi.Input<unknown>>, targets: ReferenceTargets): unknown {
  return mapStrings(value, (text) => {
    if (!text.includes("${")) {
      return text;
    }
    const parts = parseTemplate(text);
    if (parts.length === 1 && typeof parts[0] !== "string") {
      return referencedValue(parts[0], values, targets);
    }
    if (parts.every((part) => typeof part === "string")) {
      return parts.join("");
    }
    const inputs = parts.map((part) => (typeof part === "string" ? part : referencedValue(part, values, targets)));
    return pulumi.all(inputs).apply((resolved) => resolved.map((item) => String(item)).join(""));
  });
}
