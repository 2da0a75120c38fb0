/**
 * Apps: list (paged, `search` on name, `sort_order` by creation time), create and get by id. No
 * update or delete; names are not unique. Create answers `data.app`, and the app gets no presets.
 */
import type { EmulatorContext } from "../context";
import { ok } from "../envelope";
import { newId } from "../ids";
import { SORT_ORDERS } from "../limits";
import { paginate, readPageRequest } from "../paging";
import type { Route } from "../router";
import { validateAppBody } from "../validation/misc";
import { matchesSearch, readEnum, readSearch } from "../validation/query";
import { appView } from "../views";
import { byCreation } from "./common";

/** Routes under `/accounts/{account_id}/realtime/kit/apps`. */
export function appRoutes(ctx: EmulatorContext): Route[] {
  return [
    {
      method: "GET",
      pattern: "/apps",
      handler: ({ query }) => {
        const page = readPageRequest(query);
        const search = readSearch(query);
        const order = readEnum(query, "sort_order", SORT_ORDERS) ?? "ASC";
        const apps = byCreation(
          ctx.store.allApps().map((data) => data.app),
          order,
        ).filter((app) => matchesSearch(search, app.name));
        const { items, paging } = paginate(apps, page);
        return ok(items.map(appView), { paging });
      },
    },
    {
      method: "POST",
      pattern: "/apps",
      handler: ({ body }) => {
        const { name } = validateAppBody(body);
        const data = ctx.store.addApp({ id: newId(), name, created_at: ctx.clock.iso() });
        return ok({ app: appView(data.app) });
      },
    },
    {
      method: "GET",
      pattern: "/apps/:app_id",
      handler: ({ params }) => ok(appView(ctx.store.requireApp(params.app_id).app)),
    },
  ];
}
