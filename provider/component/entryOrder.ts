/** The order in which the entries of a `realtimekit.yaml` are declared as resources. */
import { FailureCollector, isPlainObject } from "../shared/check";
import { ENTRY_MAPS } from "./merge";

/** An entry of the file, as `kind` and key. */
export interface EntryRef {
  readonly kind: "presets" | "webhooks" | "meetings";
  readonly key: string;
}

/** Entries in dependency order (presets, webhooks, meetings, in file order, unless a reference says otherwise). */
export function orderEntries(
  document: Record<string, unknown>,
  dependencies: ReadonlyMap<string, ReadonlyArray<{ target: string; path: string }>>,
  out: FailureCollector,
): EntryRef[] {
  const all: EntryRef[] = [];
  for (const kind of ENTRY_MAPS) {
    const entries = document[kind];
    if (isPlainObject(entries)) {
      for (const key of Object.keys(entries)) {
        all.push({ kind, key });
      }
    }
  }
  const order: EntryRef[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (entry: EntryRef, chain: string[]): boolean => {
    const id = `${entry.kind}.${entry.key}`;
    if (state.get(id) === "done") {
      return true;
    }
    if (state.get(id) === "visiting") {
      const cycle = [...chain.slice(chain.indexOf(id)), id];
      const first = dependencies.get(cycle[0])?.find((dep) => dep.target === cycle[1]);
      out.add(first?.path ?? id, `reference cycle: ${cycle.join(" -> ")}`);
      return false;
    }
    state.set(id, "visiting");
    for (const dep of dependencies.get(id) ?? []) {
      const [kind, key] = dep.target.split(".") as [EntryRef["kind"], string];
      if (!visit({ kind, key }, [...chain, id])) {
        return false;
      }
    }
    state.set(id, "done");
    order.push(entry);
    return true;
  };
  for (const entry of all) {
    if (!visit(entry, [])) {
      break;
    }
  }
  return order;
}
