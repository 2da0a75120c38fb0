/** Progress lines of the benchmarks: on stderr, so that stdout carries only the tables a run prints. */

/** Writes `[bench] <text>` to stderr. */
export function log(text: string): void {
  process.stderr.write(`[bench] ${text}\n`);
}
