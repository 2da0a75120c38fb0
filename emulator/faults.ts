/**
 * Fault injection for API requests: answer with a chosen status, drop the connection without a
 * response, or add a delay, either *before* the request is applied (nothing changes) or *after*
 * it (the change is committed but the client never sees the real answer). A fault fires on the
 * next `count` matching requests, or at random with probability `rate` (seedable).
 */
import { badRequest } from "./errors";

/** When a fault acts relative to the request being applied. */
export type FaultPhase = "before" | "after";

/** What a test asks for (body of `POST /__emulator/faults`). */
export interface FaultSpec {
  /** HTTP method to match (case-insensitive); any method when omitted. */
  readonly method?: string;
  /**
   * Glob on the API path after `/client/v4` (e.g. `/accounts/*\/realtime/kit/*\/presets`): `*` is
   * one path segment or part of one, `**` anything, `?` one character. Default `**` (every path).
   */
  readonly path?: string;
  /** A regular expression (source text) on the same path, instead of `path`. */
  readonly pathRegex?: string;
  /** Answer with this status (400–599) and an error body. */
  readonly status?: number;
  /** With `status`: a `Retry-After` header, in seconds. */
  readonly retryAfter?: number;
  /** With `status`: the error message. Default `Injected fault`. */
  readonly message?: string;
  /** Destroy the socket without any response. */
  readonly drop?: boolean;
  /** Wait this long (real milliseconds) first; alone, it only delays the normal answer. */
  readonly delayMs?: number;
  /** `before`: the request is not applied. `after`: it is applied, then the answer is replaced. Default `before`. */
  readonly when?: FaultPhase;
  /** Fire on the next N matches. Default 1, or unlimited when `rate` is given. */
  readonly count?: number;
  /** Fire on each match with this probability (0–1). */
  readonly rate?: number;
  /** Seed for the `rate` random generator, for reproducible runs. */
  readonly seed?: number;
}

/** An installed fault, as listed by `GET /__emulator/faults`. */
export interface FaultRule {
  readonly id: number;
  readonly method: string | null;
  readonly path: string | null;
  readonly pathRegex: string | null;
  readonly status: number | null;
  readonly retryAfter: number | null;
  readonly message: string;
  readonly drop: boolean;
  readonly delayMs: number;
  readonly when: FaultPhase;
  readonly rate: number | null;
  readonly seed: number | null;
  /** Matches left before the fault is removed; `null` for unlimited. */
  remaining: number | null;
  /** How many times it has fired. */
  fired: number;
}

interface InstalledFault {
  readonly rule: FaultRule;
  readonly pattern: RegExp;
  readonly random: () => number;
}

/** A seeded pseudo-random generator (mulberry32) returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Turns a path glob into an anchored regular expression (`**` any text, `*` no `/`, `?` one char). */
export function globToRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === "*" && glob[i + 1] === "*") {
      source += ".*";
      i++;
    } else if (char === "*") {
      source += "[^/]*";
    } else if (char === "?") {
      source += "[^/]";
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`);
}

/** Holds the installed faults and picks the one that fires for a request. */
export class FaultInjector {
  private faults: InstalledFault[] = [];
  private nextId = 1;

  /** Validates and installs a fault; throws a 400 {@link EmulatorHttpError} on a bad spec. */
  add(spec: FaultSpec): FaultRule {
    const rule = this.toRule(spec);
    let pattern: RegExp;
    try {
      pattern = rule.pathRegex !== null ? new RegExp(rule.pathRegex) : globToRegExp(rule.path ?? "**");
    } catch (error) {
      throw badRequest(`pathRegex is not a valid regular expression: ${(error as Error).message}`);
    }
    const random = rule.seed !== null ? seededRandom(rule.seed) : Math.random;
    this.faults.push({ rule, pattern, random });
    return { ...rule };
  }

  /** Removes every fault (ids keep counting up, so request-log entries stay unambiguous). */
  clear(): void {
    this.faults = [];
  }

  /** Removes every fault and restarts ids at 1. */
  reset(): void {
    this.faults = [];
    this.nextId = 1;
  }

  /** The installed faults (copies). */
  list(): FaultRule[] {
    return this.faults.map((f) => ({ ...f.rule }));
  }

  /** The first fault for this phase that matches and fires, or undefined; counts the firing. */
  take(method: string, path: string, phase: FaultPhase): FaultRule | undefined {
    for (const fault of this.faults) {
      const { rule } = fault;
      if (rule.when !== phase || (rule.method !== null && rule.method !== method.toUpperCase())) {
        continue;
      }
      if (!fault.pattern.test(path)) {
        continue;
      }
      if (rule.rate !== null && fault.random() >= rule.rate) {
        continue;
      }
      rule.fired++;
      if (rule.remaining !== null) {
        rule.remaining--;
        if (rule.remaining <= 0) {
          this.faults = this.faults.filter((f) => f !== fault);
        }
      }
      return { ...rule };
    }
    return undefined;
  }

  private toRule(spec: FaultSpec): FaultRule {
    const known = new Set([
      "method",
      "path",
      "pathRegex",
      "status",
      "retryAfter",
      "message",
      "drop",
      "delayMs",
      "when",
      "count",
      "rate",
      "seed",
    ]);
    if (typeof spec !== "object" || spec === null || Array.isArray(spec)) {
      throw badRequest("fault must be a JSON object");
    }
    for (const key of Object.keys(spec)) {
      if (!known.has(key)) {
        throw badRequest(`${key} is not allowed`);
      }
    }
    const optional = <T>(key: keyof FaultSpec, check: (v: unknown) => v is T, expected: string): T | null => {
      const value = spec[key];
      if (value === undefined || value === null) {
        return null;
      }
      if (!check(value)) {
        throw badRequest(`${key} must be ${expected}`);
      }
      return value;
    };
    const isString = (v: unknown): v is string => typeof v === "string" && v.length > 0;
    const isNonNegInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
    const isBool = (v: unknown): v is boolean => typeof v === "boolean";

    const method = optional("method", isString, "a non-empty string");
    const path = optional("path", isString, "a non-empty string");
    const pathRegex = optional("pathRegex", isString, "a non-empty string");
    const status = optional(
      "status",
      (v): v is number => Number.isInteger(v) && (v as number) >= 400 && (v as number) <= 599,
      "an integer between 400 and 599",
    );
    const retryAfter = optional("retryAfter", isNonNegInt, "a non-negative integer");
    const message = optional("message", isString, "a non-empty string");
    const drop = optional("drop", isBool, "a boolean") ?? false;
    const delayMs = optional("delayMs", isNonNegInt, "a non-negative integer") ?? 0;
    const when = optional("when", (v): v is FaultPhase => v === "before" || v === "after", 'one of "before", "after"') ?? "before";
    const count = optional("count", (v): v is number => Number.isInteger(v) && (v as number) >= 1, "a positive integer");
    const rate = optional("rate", (v): v is number => typeof v === "number" && v >= 0 && v <= 1, "a number between 0 and 1");
    const seed = optional("seed", (v): v is number => Number.isInteger(v), "an integer");

    if (path !== null && pathRegex !== null) {
      throw badRequest("give either path or pathRegex, not both");
    }
    if (status !== null && drop) {
      throw badRequest("give either status or drop, not both");
    }
    if (status === null && !drop && delayMs === 0) {
      throw badRequest("a fault needs status, drop or delayMs");
    }
    if (retryAfter !== null && status === null) {
      throw badRequest("retryAfter needs status");
    }
    return {
      id: this.nextId++,
      method: method === null ? null : method.toUpperCase(),
      path,
      pathRegex,
      status,
      retryAfter,
      message: message ?? "Injected fault",
      drop,
      delayMs,
      when,
      rate,
      seed,
      remaining: count ?? (rate === null ? 1 : null),
      fired: 0,
    };
  }
}
