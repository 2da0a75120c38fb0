/**
 * Checks what a client sent to the emulator against Cloudflare's published spec: every logged
 * request body against the operation's request schema, and every success status the emulator
 * answered against the operation's list. The engine fixture runs it over each spec file's whole
 * request log, so every body the provider sends in the engine suites is checked.
 */
import type { RequestLogEntry } from "../../emulator";
import { SpecChecker, type Violation } from "./openapi";

let checker: SpecChecker | undefined;

/** A violation with the request it was found in. */
export interface RequestViolation extends Violation {
  readonly request: string;
}

/**
 * The problems of a request log; requests a fault answered or dropped are judged by their body
 * only, and so is every request when `statuses` is false (an emulator running variants answers
 * some open questions outside the spec on purpose, e.g. the May spec's 200 for a preset create).
 */
export function specViolationsOf(requests: readonly RequestLogEntry[], statuses = true): RequestViolation[] {
  checker ??= new SpecChecker();
  const found: RequestViolation[] = [];
  for (const entry of requests) {
    const request = `#${entry.seq} ${entry.method} ${entry.path}`;
    const problems = checker.checkRequestBody(entry.method, entry.path, entry.body);
    if (statuses && entry.fault === undefined && entry.status !== null && entry.status >= 200 && entry.status < 300) {
      // The log has no answer bodies: the status alone is checked (bodies: test/spec/emulator.spec.ts).
      problems.push(
        ...checker.checkResponse(entry.method, entry.path, entry.status, undefined).filter((p) => p.problem.startsWith("success status")),
      );
    }
    found.push(...problems.map((problem) => ({ ...problem, request })));
  }
  return found;
}

/** Throws listing every violation of the log, if any. */
export function assertRequestsMatchSpec(requests: readonly RequestLogEntry[], options: { readonly statuses?: boolean } = {}): void {
  const violations = specViolationsOf(requests, options.statuses ?? true);
  if (violations.length > 0) {
    throw new Error(
      `requests that disagree with Cloudflare's published spec:\n${violations
        .map(
          (violation) =>
            `  ${violation.request} (${violation.operationId}${violation.status === undefined ? "" : `, ${violation.status}`}): ${violation.problem}`,
        )
        .join("\n")}`,
    );
  }
}
