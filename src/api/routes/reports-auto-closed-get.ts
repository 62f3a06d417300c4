/** GET /v1/reports/auto-closed: reports an operator's rule closed automatically (counted and listed; none is dropped silently). */
import { AutoClosedReportsView, PageQuery } from "../review-views.js";
import { defineRoute } from "../route.js";

export const listAutoClosedReports = defineRoute({
  method: "GET",
  url: "/v1/reports/auto-closed",
  summary: "Reports closed automatically by a rule, newest first, with counts per rule",
  scope: "cases:read",
  query: PageQuery,
  responses: { 200: AutoClosedReportsView },
  async handler(ctx, { query }) {
    return ctx.review.autoClosed(query.offset, query.limit);
  },
});
