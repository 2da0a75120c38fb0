/**
 * References in `realtimekit.yaml`: any string value may contain `${...}` references to other
 * entries by name, to the app, or to values the program passes in:
 *
 * - `${presets.<key>.<field>}`, `${webhooks.<key>.<field>}`, `${meetings.<key>.<field>}`: an output
 *   of another entry's resource (`id`, `name`, `url`, `title`, …);
 * - `${app.<field>}`: an output of the app (`id`, `appId`, `name`, `createdAt`, `adopted`);
 * - `${values.<name>}`: a value given to the component (`values: { receiverUrl: worker.url }`),
 *   e.g. a Pulumi secret or another provider's output.
 *
 * A string that is exactly one reference takes the referenced value as it is (any type); a longer
 * string interpolates (`"${app.name}-ended"`). `$${` writes a literal `${`.
 * @internal
 */

/** The kinds of things a reference can name. */
export type ReferenceKind = "presets" | "webhooks" | "meetings" | "app" | "values";

/** One parsed `${...}` reference. */
export interface Reference {
  /** The text between `${` and `}`, e.g. `webhooks.ended.url`. */
  readonly expression: string;
  readonly kind: ReferenceKind;
  /** The entry key (`ended`), or the value name for `values`; absent for `app`. */
  readonly key?: string;
  /** The field (`url`); absent for `values`. */
  readonly field?: string;
}

/** A string split into literal text and references. */
export type TemplatePart = string | Reference;

/** Why a string's references could not be parsed. */
export class ReferenceSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReferenceSyntaxError";
  }
}

const ENTRY_KINDS = ["presets", "webhooks", "meetings"] as const;
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

function parseExpression(expression: string): Reference {
  const parts = expression.trim().split(".");
  const [kind] = parts;
  const fail = (why: string): never => {
    throw new ReferenceSyntaxError(`invalid reference "\${${expression}}": ${why}`);
  };
  if ((ENTRY_KINDS as readonly string[]).includes(kind)) {
    if (parts.length !== 3 || !NAME.test(parts[1]) || !NAME.test(parts[2])) {
      fail(`expected ${kind}.<name>.<field>`);
    }
    return { expression: expression.trim(), kind: kind as ReferenceKind, key: parts[1], field: parts[2] };
  }
  if (kind === "app") {
    if (parts.length !== 2 || !NAME.test(parts[1])) {
      fail("expected app.<field>");
    }
    return { expression: expression.trim(), kind: "app", field: parts[1] };
  }
  if (kind === "values") {
    if (parts.length !== 2 || !NAME.test(parts[1])) {
      fail("expected values.<name>");
    }
    return { expression: expression.trim(), kind: "values", key: parts[1] };
  }
  return fail("expected presets.<name>.<field>, webhooks.<name>.<field>, meetings.<name>.<field>, app.<field> or values.<name>");
}

/**
 * Splits a string into literal parts and references.
 * @throws {@link ReferenceSyntaxError} for an unterminated `${` or a malformed expression.
 */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = "";
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith("$${", i)) {
      literal += "${";
      i += 2;
      continue;
    }
    if (text.startsWith("${", i)) {
      const end = text.indexOf("}", i + 2);
      if (end < 0) {
        throw new ReferenceSyntaxError(`unterminated reference "${text.slice(i)}": expected "}"`);
      }
      if (literal !== "") {
        parts.push(literal);
        literal = "";
      }
      parts.push(parseExpression(text.slice(i + 2, end)));
      i = end;
      continue;
    }
    literal += text[i];
  }
  if (literal !== "" || parts.length === 0) {
    parts.push(literal);
  }
  return parts;
}

/** The references of a template. */
export function referencesOf(parts: readonly TemplatePart[]): Reference[] {
  return parts.filter((part): part is Reference => typeof part !== "string");
}

/** Calls `visit` for every string in a JSON tree, with its property path (`a.b`, `a[2]`). */
export function forEachString(value: unknown, path: string, visit: (text: string, path: string) => void): void {
  if (typeof value === "string") {
    visit(value, path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => forEachString(item, `${path}[${index}]`, visit));
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      forEachString(item, path === "" ? key : `${path}.${key}`, visit);
    }
  }
}

/** A copy of a JSON tree with every string replaced by `replace(text)`. */
export function mapStrings(value: unknown, replace: (text: string) => unknown): unknown {
  if (typeof value === "string") {
    return replace(value);
  }
  if (Array.isArray(value)) {
    return value.map((item) => mapStrings(item, replace));
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, replace)]));
  }
  return value;
}
