/** POST /v1/bulk-actions/{id}/targets: more targets for a draft batch; `complete: true` ends the draft. */
import { z } from "zod";
import { confirmationsRequired } from "../../domain/bulk-thresholds.js";
import {
  BatchParams,
  BulkBatchView,
  BulkTargetsBody,
  bulkBatchView,
  bulkCall,
  toTargets,
} from "../bulk-views.js";
import { ApiError } from "../errors.js";
import { defineRoute } from "../route.js";

export const postBulkActionTargets = defineRoute({
  method: "POST",
  url: "/v1/bulk-actions/:id/targets",
  summary: "Add targets to a draft bulk batch; `complete: true` ends the draft and fixes its confirmations",
  scope: null,
  bodyLimit: "intake",
  permission: "bulk.request",
  params: BatchParams,
  body: z.strictObject({ targets: BulkTargetsBody.default([]), complete: z.boolean().default(false) }),
  responses: { 200: z.object({ added: z.number(), duplicates: z.number(), batch: BulkBatchView }) },
  async handler(ctx, { params, body, caller }) {
    const found = await ctx.bulk.batches.find(params.id);
    if (!found) throw new ApiError("NotFound", `no bulk batch ${params.id}`);
    if (found.batch.requestedBy !== caller.actor) {
      throw new ApiError("BatchStateConflict", "only the requester adds targets to a draft");
    }
    const targets = toTargets(body.targets);
    const counts = await bulkCall(() => ctx.bulk.batches.addTargets(params.id, targets));
    if (body.complete) {
      await bulkCall(() =>
        ctx.bulk.batches.seal(params.id, caller.actor, (n) => confirmationsRequired(n, ctx.bulk.thresholds)),
      );
    }
    return { ...counts, batch: await bulkBatchView(ctx.bulk, params.id, body.complete) };
  },
});
