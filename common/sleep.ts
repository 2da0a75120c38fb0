/** Resolves after `ms` milliseconds: the one `setTimeout`-based sleep of the repository. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
