/**
 * POST /v1/bulk-actions/{id}/reverse: undoes a finished batch; one reversal (unban, enable) is
 * queued for each action the platform acknowledged, exactly once.
 */
import { z } from "zod";
import { BatchParams, BulkBatchView, bulkBatchView, bulkCall } from "../bulk-views.js";
import { defineRoute } from "../route.js";

export const reverseBulkAction = defineRoute({
  method: "POST",
  url: "/v1/bulk-actions/:id/reverse",
  summary: "Reverse a finished bulk batch: one reversal per delivered action",
  scope: null,
  permission: "bulk.confirm",
  params: BatchParams,
  body: z.strictObject({ reason: z.string().min(1).max(2000) }),
  responses: { 202: BulkBatchView },
  async handler(ctx, { params, body, caller, reply }) {
    await bulkCall(() => ctx.bulk.batches.startReversal(params.id, caller.actor, body.reason));
    ctx.bulk.wake();
    void reply.status(202);
    return bulkBatchView(ctx.bulk, params.id, false);
  },
});
