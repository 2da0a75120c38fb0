/** The line a resource gives when it takes over an object that exists instead of creating one. */
import { notify } from "../notices";

/**
 * Tells the person running Pulumi that `what` (e.g. `webhook`) `id` was adopted, and by which key
 * (e.g. `url https://…`): from now on this stack manages, changes and destroys it.
 */
export function reportAdoption(what: string, id: string, matchedBy: string): void {
  notify(`adopted the existing ${what} ${id} (matched by ${matchedBy}) instead of creating one; this stack manages it from now on`);
}
