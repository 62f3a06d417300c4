/**
 * POST /v1/bulk-actions/{id}/confirmations: a lead or admin other than the requester confirms
 * the batch (once per person); with enough confirmations it may run.
 */
import { BatchParams, BulkBatchView, bulkBatchView, bulkCall } from "../bulk-views.js";
import { defineRoute } from "../route.js";

export const confirmBulkAction = defineRoute({
  method: "POST",
  url: "/v1/bulk-actions/:id/confirmations",
  summary: "Confirm another person's bulk batch (leads and admins; never the requester)",
  scope: null,
  permission: "bulk.confirm",
  params: BatchParams,
  responses: { 200: BulkBatchView },
  async handler(ctx, { params, caller }) {
    const person = { actor: caller.actor, role: caller.user!.role };
    await bulkCall(() => ctx.bulk.batches.confirm(params.id, person));
    return bulkBatchView(ctx.bulk, params.id);
  },
});
