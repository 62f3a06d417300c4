/** GET /v1/search: one box for phone numbers, ids, invite links, names, hashes, case ids and references. */
import { viewerOf } from "../console-case-access.js";
import { defineRoute } from "../route.js";
import { SearchQuery, SearchResponseView } from "../search-views.js";

export const getSearch = defineRoute({
  method: "GET",
  url: "/v1/search",
  summary:
    "Search subjects and cases by phone number, id, invite link, name fragment, hash, case id or reference",
  scope: "cases:read",
  query: SearchQuery,
  responses: { 200: SearchResponseView },
  async handler(ctx, { query, caller }) {
    return ctx.search.search(query, viewerOf(caller));
  },
});
