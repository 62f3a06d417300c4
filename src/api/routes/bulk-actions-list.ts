/** GET /v1/bulk-actions: recent batches, newest first (the console's list). */
import { z } from "zod";
import { BULK_STATUSES } from "../../domain/bulk.js";
import { defineRoute } from "../route.js";

const BulkBatchSummary = z.object({
  id: z.number(),
  status: z.enum(BULK_STATUSES),
  reason: z.string(),
  requested_by: z.string(),
  target_count: z.number(),
  created_at: z.string(),
});

export const listBulkActions = defineRoute({
  method: "GET",
  url: "/v1/bulk-actions",
  summary: "Recent bulk batches, newest first",
  scope: null,
  permission: "bulk.request",
  query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
  responses: { 200: z.object({ batches: z.array(BulkBatchSummary) }) },
  async handler(ctx, { query }) {
    const rows = await ctx.bulk.batches.list(query.limit);
    return {
      batches: rows.map((b) => ({
        id: b.id,
        status: b.status,
        reason: b.reason,
        requested_by: b.requestedBy,
        target_count: b.targetCount,
        created_at: b.createdAt.toISOString(),
      })),
    };
  },
});
