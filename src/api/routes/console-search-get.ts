/** GET /v1/console/search: the console's search box (same service as GET /v1/search; cases marked by may_open). */
import { viewerOf } from "../console-case-access.js";
import { defineRoute } from "../route.js";
import { SearchQuery, SearchResponseView } from "../search-views.js";

export const getConsoleSearch = defineRoute({
  method: "GET",
  url: "/v1/console/search",
  summary:
    "Search as the signed-in user: phone numbers, ids, invite links, names, hashes, case ids, references",
  scope: null,
  permission: "cases.read",
  query: SearchQuery,
  responses: { 200: SearchResponseView },
  async handler(ctx, { query, caller }) {
    return ctx.search.search(query, viewerOf(caller));
  },
});
