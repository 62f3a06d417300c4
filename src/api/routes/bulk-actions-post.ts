/**
 * POST /v1/bulk-actions: a bulk enforcement batch from a list of targets (or, once wired, a
 * confirmed expansion). Answers with its preview and what confirmation it needs. With
 * `complete: false` the batch stays a draft and more targets follow through `/targets`.
 */
import { z } from "zod";
import { confirmationsRequired } from "../../domain/bulk-thresholds.js";
import { listTargetSource } from "../../enforce/bulk/bulk-target-source.js";
import { BulkBatchView, BulkTargetsBody, bulkBatchView, bulkCall, toTargets } from "../bulk-views.js";
import { ApiError } from "../errors.js";
import { defineRoute } from "../route.js";

export const postBulkAction = defineRoute({
  method: "POST",
  url: "/v1/bulk-actions",
  summary: "Create a bulk enforcement batch from targets or an expansion; answers with its preview",
  scope: null,
  bodyLimit: "intake",
  permission: "bulk.request",
  body: z
    .strictObject({
      platform: z.string().min(1).max(100),
      reason: z.string().min(1).max(2000),
      targets: BulkTargetsBody.optional(),
      expansion_id: z.string().min(1).max(200).optional(),
      /** False: more targets follow (POST /v1/bulk-actions/{id}/targets). */
      complete: z.boolean().default(true),
    })
    .refine((b) => (b.targets === undefined) !== (b.expansion_id === undefined), {
      message: "give either targets or expansion_id",
    }),
  responses: { 201: BulkBatchView },
  async handler(ctx, { body, caller, reply }) {
    const person = { actor: caller.actor, role: caller.user!.role };
    let source = body.targets ? listTargetSource(toTargets(body.targets)) : null;
    if (body.expansion_id !== undefined) {
      const resolve = ctx.bulk.expansionTargets;
      source = resolve ? await resolve(body.expansion_id) : null;
      if (!source) throw new ApiError("NotFound", `no confirmed expansion ${body.expansion_id}`);
    }
    const batch = await ctx.bulk.batches.create({
      platform: body.platform,
      reason: body.reason,
      requestedBy: person,
      source: source!.ref,
    });
    for await (const page of source!.pages(5_000)) await ctx.bulk.batches.addTargets(batch.id, page);
    if (body.complete) {
      await bulkCall(() =>
        ctx.bulk.batches.seal(batch.id, caller.actor, (n) => confirmationsRequired(n, ctx.bulk.thresholds)),
      );
    }
    void reply.status(201);
    return bulkBatchView(ctx.bulk, batch.id);
  },
});
