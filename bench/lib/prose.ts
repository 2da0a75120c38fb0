/** Numbers and lists as the benchmarks' summaries write them in running text. */

/** `n` with thousands separators: 2,668. */
export const thousands = (n: number): string => n.toLocaleString("en-US");

/** `a`, `a and b`, `a, b and c`. */
export function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** `low–high` of `values` with `digits` decimals, or one value when they are all the same. */
export function span(values: readonly number[], digits = 2): string {
  const [low, high] = [Math.min(...values).toFixed(digits), Math.max(...values).toFixed(digits)];
  return low === high ? low : `${low}–${high}`;
}
