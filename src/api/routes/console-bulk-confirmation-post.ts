/**
 * POST /v1/console/decisions/confirmations: a lead confirms one large bulk
 * decision (these cases, these actions, this policy) for a reviewer to apply.
 * Answers a one-use id that lapses after CONFIRMATION_TTL_SECONDS; recorded
 * in the audit log.
 */
import { z } from "zod";
import { ACTION_KINDS } from "../../domain/actions.js";
import { batchFingerprint, CONFIRMATION_TTL_SECONDS } from "../console-bulk-confirm.js";
import { defineRoute } from "../route.js";

export const postConsoleBulkConfirmation = defineRoute({
  method: "POST",
  url: "/v1/console/decisions/confirmations",
  summary: "A lead confirms one bulk decision above the size limit; answers a one-use confirmation id",
  scope: null,
  permission: "queues.configure",
  body: z.strictObject({
    case_ids: z.array(z.number().int().positive()).min(1).max(500),
    actions: z.array(z.enum(ACTION_KINDS)).max(20),
    policy: z.string().min(1).max(200),
    /** Accepted so the page can send the batch as it will be applied; not part of what is confirmed. */
    reason: z.string().max(5000).optional(),
  }),
  responses: { 201: z.object({ confirmation_id: z.string(), expires_in_seconds: z.number() }) },
  async handler(ctx, { body, caller, reply }) {
    const fingerprint = batchFingerprint(body);
    const size = new Set(body.case_ids).size;
    const id = await ctx.repos.bulkConfirmations.create(
      fingerprint,
      size,
      caller.actor,
      CONFIRMATION_TTL_SECONDS,
    );
    await ctx.repos.audit.append({
      actor: caller.actor,
      action: "console.bulk_confirm",
      targetType: "batch",
      targetId: fingerprint.slice(0, 16),
      detail: { confirmation_id: id, cases: size, actions: body.actions, policy: body.policy },
    });
    reply.status(201);
    return { confirmation_id: id, expires_in_seconds: CONFIRMATION_TTL_SECONDS };
  },
});
