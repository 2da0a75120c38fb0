/**
 * The checks of a merged `realtimekit.yaml` document that look across entries: references and
 * their targets, literal storage credentials, the resources' own validation with references
 * standing in as unknown values, the app section, unique names and URLs.
 */
import { FailureCollector, UNKNOWN_VALUE, describeValue, isPlainObject } from "../shared/check";
import {
  STORAGE_CREDENTIAL_FIELDS,
  meetingEntrySchema,
  presetEntrySchema,
  validateConfigDocument,
  webhookEntrySchema,
} from "./configSchema";
import { ENTRY_MAPS } from "./merge";
import { Reference, ReferenceSyntaxError, forEachString, mapStrings, parseTemplate, referencesOf } from "./references";

/** What the document may assume exists outside it. */
export interface DocumentContext {
  /** The names `${values.<name>}` may use. @default [] */
  readonly values?: readonly string[];
  /** Whether the program supplies the app (so `${app.*}` resolves and an `app` section would conflict). @default false */
  readonly appProvided?: boolean;
}

/** What {@link checkReferences} learned: which entries reference which, and which strings are templates. */
export interface ReferenceGraph {
  /** Entry (`meetings.standup`) → the entries it references, with the property path of each reference. */
  readonly dependencies: Map<string, Array<{ target: string; path: string }>>;
  /** Every string holding `${`: `true` when it has references, `false` when only escapes. */
  readonly templates: Map<string, boolean>;
}

/** The fields a reference may name, per kind (the resources' outputs). */
function referenceFields(): Record<"presets" | "webhooks" | "meetings" | "app", readonly string[]> {
  const outputs = (schema: { fields: Readonly<Record<string, unknown>> }) => [
    "id",
    ...Object.keys(schema.fields).filter((key) => !key.startsWith("adopt")),
    "createdAt",
    "updatedAt",
    "accountId",
    "appId",
  ];
  return {
    presets: outputs(presetEntrySchema),
    webhooks: outputs(webhookEntrySchema),
    meetings: outputs(meetingEntrySchema),
    app: ["id", "appId", "name", "adopted", "createdAt", "accountId"],
  };
}

const SINGULAR = { presets: "preset", webhooks: "webhook", meetings: "meeting", app: "the app" } as const;

/** The entry (`meetings.standup`, `app`) a property path belongs to, if any. */
function ownerOf(propertyPath: string): string | undefined {
  const [top, key] = propertyPath.split(/[.[]/);
  if (top === "app") {
    return "app";
  }
  return (ENTRY_MAPS as readonly string[]).includes(top) && key !== undefined ? `${top}.${key}` : undefined;
}

/** Checks every `${...}` reference: syntax, target, field; and records what references what. */
export function checkReferences(document: Record<string, unknown>, context: DocumentContext, failures: FailureCollector): ReferenceGraph {
  const fields = referenceFields();
  const values = new Set(context.values ?? []);
  const dependencies = new Map<string, Array<{ target: string; path: string }>>();
  const templates = new Map<string, boolean>();
  forEachString(document, "", (text, at) => {
    if (!text.includes("${")) {
      return;
    }
    let refs: Reference[];
    try {
      refs = referencesOf(parseTemplate(text));
    } catch (error) {
      if (!(error instanceof ReferenceSyntaxError)) {
        throw error;
      }
      failures.add(at, error.message);
      return;
    }
    templates.set(text, refs.length > 0);
    const owner = ownerOf(at);
    for (const ref of refs) {
      const shown = `unknown reference "\${${ref.expression}}"`;
      if (ref.kind === "values") {
        if (!values.has(ref.key as string)) {
          const known = [...values];
          failures.add(
            at,
            `${shown}: no value named "${ref.key}" was passed to the component` +
              (known.length > 0 ? `; expected one of ${known.join(", ")}` : " (pass it in the values argument)"),
          );
        }
        continue;
      }
      if (owner === "app") {
        failures.add(
          at,
          `the app can only reference \${values.<name>}, since everything else is placed in it; got "\${${ref.expression}}"`,
        );
        continue;
      }
      if (ref.kind === "app") {
        if (document.app === undefined && !context.appProvided) {
          failures.add(at, `${shown}: there is no app (add an app section, or pass app to the component)`);
        } else if (!fields.app.includes(ref.field as string)) {
          failures.add(at, `${shown}: the app has no field "${ref.field}"; expected one of ${fields.app.join(", ")}`);
        }
        continue;
      }
      const entries = document[ref.kind];
      if (!isPlainObject(entries) || !Object.hasOwn(entries, ref.key as string)) {
        failures.add(at, `${shown}: there is no ${ref.kind}.${ref.key}`);
      } else if (!fields[ref.kind].includes(ref.field as string)) {
        failures.add(at, `${shown}: a ${SINGULAR[ref.kind]} has no field "${ref.field}"; expected one of ${fields[ref.kind].join(", ")}`);
      } else if (owner !== undefined) {
        const list = dependencies.get(owner) ?? [];
        list.push({ target: `${ref.kind}.${ref.key}`, path: at });
        dependencies.set(owner, list);
      }
    }
  });
  return { dependencies, templates };
}

/** Storage credentials must be references to values passed in, never literals in a file. */
export function checkLiteralCredentials(
  document: Record<string, unknown>,
  templates: ReadonlyMap<string, boolean>,
  failures: FailureCollector,
): void {
  if (isPlainObject(document.meetings)) {
    for (const [key, meeting] of Object.entries(document.meetings)) {
      const storage = isPlainObject(meeting) && isPlainObject(meeting.recordingConfig) ? meeting.recordingConfig.storageConfig : undefined;
      for (const field of STORAGE_CREDENTIAL_FIELDS) {
        const value = isPlainObject(storage) ? storage[field] : undefined;
        if (value !== undefined && !(typeof value === "string" && templates.get(value) === true)) {
          failures.add(
            `meetings.${key}.recordingConfig.storageConfig.${field}`,
            'must be a reference such as "${values.storageSecret}" to a value the program passes in (e.g. a Pulumi secret), ' +
              "or name a stack config key in credentialsFromConfig instead; credentials do not belong in a config file",
          );
        }
      }
    }
  }
}

/** The resources' own validation, with references standing in as values unknown until deployment. */
export function validateEntries(
  document: Record<string, unknown>,
  templates: ReadonlyMap<string, boolean>,
  failures: FailureCollector,
): void {
  const literal = (text: string) => parseTemplate(text).join("");
  const forValidation = mapStrings(document, (text) =>
    templates.get(text) === true ? UNKNOWN_VALUE : templates.get(text) === false ? literal(text) : text,
  );
  validateConfigDocument(forValidation, failures);
}

export function checkApp(document: Record<string, unknown>, context: DocumentContext, out: FailureCollector): void {
  const app = document.app;
  if (app === undefined) {
    return;
  }
  if (context.appProvided) {
    out.add("app", "the app is also passed to the component (app or appId argument); declare it in one place only");
  } else if (isPlainObject(app) && app.name === undefined && app.id === undefined) {
    out.add("app", "must have a name (create or adopt by name) or an id (adopt by id)");
  }
}

/** Fails on two entries with the same literal value of `field` (default: the key for names). */
export function checkUnique(
  document: Record<string, unknown>,
  kind: "presets" | "webhooks",
  field: "name" | "url",
  why: string,
  out: FailureCollector,
): void {
  const entries = document[kind];
  if (!isPlainObject(entries)) {
    return;
  }
  const seen = new Map<string, string>();
  for (const [key, entry] of Object.entries(entries)) {
    if (!isPlainObject(entry)) {
      continue;
    }
    const value = entry[field] ?? (field === "name" ? key : undefined);
    if (typeof value !== "string" || value.includes("${")) {
      continue;
    }
    const first = seen.get(value);
    if (first !== undefined) {
      out.add(
        `${kind}.${key}${entry[field] === undefined ? "" : `.${field}`}`,
        `duplicate ${field} ${describeValue(value)}, also used by ${kind}.${first}; ${why}`,
      );
    } else {
      seen.set(value, key);
    }
  }
}
