/** GET /v1/bulk-actions/{id}: a batch's status, confirmations, preview and progress (`preview=false` skips the counts). */
import { z } from "zod";
import { BatchParams, BulkBatchView, bulkBatchView } from "../bulk-views.js";
import { defineRoute } from "../route.js";

export const getBulkAction = defineRoute({
  method: "GET",
  url: "/v1/bulk-actions/:id",
  summary: "A bulk batch: status, confirmations, preview and delivery progress",
  scope: null,
  permission: "bulk.request",
  params: BatchParams,
  query: z.object({ preview: z.enum(["true", "false"]).default("true") }),
  responses: { 200: BulkBatchView },
  handler: (ctx, { params, query }) => bulkBatchView(ctx.bulk, params.id, query.preview === "true"),
});
