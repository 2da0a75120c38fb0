/**
 * What the `pulumi` CLI prints after an operation, as a user reads it: the "Diagnostics:" section
 * (each message once, under the heading of its resource) and the provider's budget waits in it.
 */

/** One line of the "Diagnostics:" section, with the resource it is printed under. */
export interface CliDiagnostic {
  /** The resource's heading without its colon, e.g. `pulumi-nodejs:dynamic/realtimekit:Webhook (hook-25)`. */
  readonly resource: string;
  /** The line without its indentation, e.g. `waiting 10 s for the API's rate limit: …` or `warning: …`. */
  readonly line: string;
}

/**
 * The body of the last "Diagnostics:" section of a `pulumi up` / `preview` / `destroy` output, or ""
 * without one: `up` prints its preview's section (when the preview had messages) before the
 * update's, and the update's is what the run did.
 */
export function diagnosticsOf(stdout: string): string {
  return [...stdout.matchAll(/\nDiagnostics:\n([\s\S]*?)\n(?:Outputs|Resources):/g)].at(-1)?.[1] ?? "";
}

/** The lines of a "Diagnostics:" section body (see {@link diagnosticsOf}), each with its resource, in order. */
export function diagnosticLines(diagnostics: string): CliDiagnostic[] {
  const lines: CliDiagnostic[] = [];
  let resource = "";
  for (const text of diagnostics.split("\n")) {
    const heading = /^ {2}(\S.*):$/.exec(text);
    if (heading) resource = heading[1];
    else if (/^ {4}\S/.test(text)) lines.push({ resource, line: text.trim() });
  }
  return lines;
}

/**
 * The lines of a "Diagnostics:" section body that explain a wait of the provider's request budget,
 * e.g. `waiting 10 s for the API's rate limit: …` or `waiting 3 s for the request budget: …`.
 */
export function budgetWaits(diagnostics: string): CliDiagnostic[] {
  return diagnosticLines(diagnostics).filter(({ line }) => /\bwaiting \d+ s for the (?:API's rate limit|request budget): /.test(line));
}

/** The name in a resource heading's parentheses (`hook-25`), or the whole heading without them. */
export function resourceName(resource: string): string {
  return /\(([^()]*)\)$/.exec(resource)?.[1] ?? resource;
}
