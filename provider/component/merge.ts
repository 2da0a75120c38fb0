/**
 * Overlay merge for `realtimekit.yaml` and `realtimekit.<stack>.yaml`, remembering which file set
 * each value so that a validation failure names the file it comes from.
 *
 * Rules: mappings merge key by key (so `presets`, `webhooks` and `meetings` merge entry by entry,
 * and each entry field by field); scalars and lists replace; `null` replaces too, except directly
 * under `presets`, `webhooks` or `meetings`, where `<key>: null` removes the entry.
 * @internal
 */
import { isPlainObject } from "../shared/check";

/** The top-level maps whose entries an overlay can remove with `null`. */
export const ENTRY_MAPS = ["presets", "webhooks", "meetings"] as const;

/** Which file set the value at each property path (`a.b`, `a[2]`). */
export class Provenance {
  private readonly files = new Map<string, string>();

  /** Records `file` for `path` and everything under `value`, forgetting what was under `path` before. */
  set(path: string, value: unknown, file: string): void {
    for (const key of [...this.files.keys()]) {
      if (key.startsWith(`${path}.`) || key.startsWith(`${path}[`)) {
        this.files.delete(key);
      }
    }
    this.files.set(path, file);
    if (Array.isArray(value)) {
      value.forEach((item, index) => this.set(`${path}[${index}]`, item, file));
    } else if (isPlainObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        this.set(path === "" ? key : `${path}.${key}`, item, file);
      }
    }
  }

  /** The file of the value at `path`, or of its nearest recorded ancestor (for absent values). */
  fileOf(path: string, fallback: string): string {
    for (let current = path; ; current = parentPath(current)) {
      const file = this.files.get(current);
      if (file !== undefined) {
        return file;
      }
      if (current === "") {
        return fallback;
      }
    }
  }
}

/** `a.b[2]` → `a.b`, `a.b` → `a`, `a` → `` (the root). */
export function parentPath(path: string): string {
  const cut = Math.max(path.lastIndexOf("."), path.endsWith("]") ? path.lastIndexOf("[") : -1);
  return cut < 0 ? "" : path.slice(0, cut);
}

/**
 * Merges `overlay` onto `base` (neither is modified) and records in `provenance` that `file` set
 * every value the overlay brought.
 */
export function mergeOverlay(base: unknown, overlay: unknown, file: string, provenance: Provenance, path = ""): unknown {
  if (!isPlainObject(base) || !isPlainObject(overlay)) {
    provenance.set(path, overlay, file);
    return overlay;
  }
  const merged: Record<string, unknown> = { ...base };
  const removable = (ENTRY_MAPS as readonly string[]).includes(path);
  for (const [key, value] of Object.entries(overlay)) {
    const childPath = path === "" ? key : `${path}.${key}`;
    if (value === null && removable) {
      delete merged[key];
      provenance.set(childPath, undefined, file);
    } else if (Object.hasOwn(merged, key)) {
      merged[key] = mergeOverlay(merged[key], value, file, provenance, childPath);
    } else {
      merged[key] = value;
      provenance.set(childPath, value, file);
    }
  }
  return merged;
}
