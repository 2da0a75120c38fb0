/** Small operations on plain objects, shared by the provider's layers. */

/** The members `keys` of `value`. */
export function pickKeys<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  const picked: Partial<Pick<T, K>> = {};
  for (const key of keys) {
    picked[key] = value[key];
  }
  return picked as Pick<T, K>;
}

/** Drops `undefined` members, which the host's protobuf conversion cannot carry. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
