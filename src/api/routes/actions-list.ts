/** GET /v1/actions: the outbox, so failed deliveries are visible (attempts, last error). */
import { z } from "zod";
import { ACTION_STATUSES } from "../../store/schema.js";
import { defineRoute } from "../route.js";

const ActionView = z.object({
  id: z.string(),
  action: z.string(),
  subject: z.object({ type: z.string(), id: z.string() }),
  case_id: z.number().nullable(),
  status: z.enum(ACTION_STATUSES),
  attempts: z.number(),
  next_attempt_at: z.string(),
  last_error: z.string().nullable(),
  last_status: z.number().nullable(),
  idempotency_key: z.string(),
  created_at: z.string(),
  delivered_at: z.string().nullable(),
});

export const listActions = defineRoute({
  method: "GET",
  url: "/v1/actions",
  summary:
    "Actions in the outbox, newest first; `failing=true` lists pending ones that have failed at least once",
  scope: "actions:read",
  query: z.object({
    status: z.enum(ACTION_STATUSES).optional(),
    failing: z.enum(["true", "false"]).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  }),
  responses: { 200: z.object({ actions: z.array(ActionView) }) },
  async handler(ctx, { query }) {
    const rows = await ctx.repos.actions.list({
      status: query.status,
      failing: query.failing === "true",
      limit: query.limit,
    });
    return {
      actions: rows.map((r) => ({
        id: r.publicId,
        action: r.action,
        subject: { type: r.subjectType, id: r.subjectId },
        case_id: r.caseId,
        status: r.status,
        attempts: r.attempts,
        next_attempt_at: r.nextAttemptAt.toISOString(),
        last_error: r.lastError,
        last_status: r.lastStatus,
        idempotency_key: r.idempotencyKey,
        created_at: r.createdAt.toISOString(),
        delivered_at: r.deliveredAt?.toISOString() ?? null,
      })),
    };
  },
});
