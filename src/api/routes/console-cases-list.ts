/** GET /v1/console/cases: cases of every queue the user may open (or one), filtered, sorted and paged; `mine=true` for mine. */

import { viewerOf } from "../console-case-access.js";
import { withReviewErrors } from "../review-errors.js";
import { CaseListQuery, CaseListView } from "../review-views.js";
import { defineRoute } from "../route.js";

export const listConsoleCases = defineRoute({
  method: "GET",
  url: "/v1/console/cases",
  summary:
    "Cases by queue, status, reason, source, assignee (or mine), platform and date; sorted by priority, age or reports; paged",
  scope: null,
  permission: "cases.read",
  query: CaseListQuery,
  responses: { 200: CaseListView },
  async handler(ctx, { query, caller }) {
    return withReviewErrors(() => ctx.review.listCases(query, viewerOf(caller)));
  },
});
