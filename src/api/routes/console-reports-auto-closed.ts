/** GET /v1/console/reports/auto-closed: reports an operator's rule closed automatically, counted per rule. */
import { AutoClosedReportsView, PageQuery } from "../review-views.js";
import { defineRoute } from "../route.js";

export const listConsoleAutoClosedReports = defineRoute({
  method: "GET",
  url: "/v1/console/reports/auto-closed",
  summary: "Reports closed automatically by a rule, newest first, with counts per rule",
  scope: null,
  permission: "metrics.read",
  query: PageQuery,
  responses: { 200: AutoClosedReportsView },
  async handler(ctx, { query }) {
    return ctx.review.autoClosed(query.offset, query.limit);
  },
});
