/** Copies of JSON-like values whose keys may be anything (`__proto__` included). */
import { isPlainObject } from "../../shared/check";

/** Sets an own enumerable property, even for keys such as `__proto__`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A fresh deep copy of a JSON-like value (plain objects and arrays are copied, the rest shared). */
export function cloneJson(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(cloneJson);
  }
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      setOwn(copy, key, cloneJson(item));
    }
    return copy;
  }
  return value;
}
