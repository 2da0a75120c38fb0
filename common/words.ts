/** `count` and the noun, plural unless `count` is 1: `plural(3, "participant")` is `"3 participants"`. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
