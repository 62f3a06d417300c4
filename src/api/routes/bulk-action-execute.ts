/**
 * POST /v1/bulk-actions/{id}/execute: starts a confirmed batch; its actions go to the outbox in
 * chunks and are delivered from there. Refused with `ConfirmationRequired` or
 * `SecondConfirmationRequired` while people other than the requester have not confirmed.
 */
import { BatchParams, BulkBatchView, bulkBatchView, bulkCall } from "../bulk-views.js";
import { defineRoute } from "../route.js";

export const executeBulkAction = defineRoute({
  method: "POST",
  url: "/v1/bulk-actions/:id/execute",
  summary: "Execute a confirmed bulk batch through the outbox",
  scope: null,
  permission: "bulk.request",
  params: BatchParams,
  responses: { 202: BulkBatchView },
  async handler(ctx, { params, caller, reply }) {
    await bulkCall(() => ctx.bulk.batches.startExecution(params.id, caller.actor));
    ctx.bulk.wake();
    void reply.status(202);
    return bulkBatchView(ctx.bulk, params.id, false);
  },
});
