/** GET /v1/cases: a queue's cases, highest priority first. */
import { z } from "zod";
import { CASE_STATUSES } from "../../store/schema.js";
import { defineRoute } from "../route.js";
import { CaseView, caseView } from "./case-view.js";

export const listCases = defineRoute({
  method: "GET",
  url: "/v1/cases",
  summary: "List cases, filtered by queue, status and minimum priority; highest priority first",
  scope: "cases:read",
  query: z.object({
    queue: z.string().max(100).optional(),
    status: z.enum(CASE_STATUSES).optional(),
    min_priority: z.coerce.number().int().min(0).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    before_id: z.coerce.number().int().positive().optional(),
  }),
  responses: { 200: z.object({ cases: z.array(CaseView) }) },
  async handler(ctx, { query }) {
    const rows = await ctx.repos.cases.list({
      queue: query.queue,
      status: query.status,
      minPriority: query.min_priority,
      limit: query.limit,
      beforeId: query.before_id,
    });
    return { cases: rows.map(caseView) };
  },
});
