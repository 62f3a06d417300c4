/** GET /v1/console/audit: who viewed or decided what, newest first, filtered by actor, action or target. */
import { z } from "zod";
import { AuditEntryView } from "../console-views.js";
import { defineRoute } from "../route.js";

export const listConsoleAudit = defineRoute({
  method: "GET",
  url: "/v1/console/audit",
  summary: "The audit log, newest first (leads and admins)",
  scope: null,
  permission: "audit.read",
  query: z.object({
    actor: z.string().max(400).optional(),
    action: z.string().max(100).optional(),
    target_type: z.string().max(100).optional(),
    target_id: z.string().max(400).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  }),
  responses: { 200: z.object({ entries: z.array(AuditEntryView) }) },
  async handler(ctx, { query }) {
    const rows = await ctx.repos.audit.list({
      actor: query.actor,
      action: query.action,
      targetType: query.target_type,
      targetId: query.target_id,
      limit: query.limit,
    });
    return {
      entries: rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        actor: r.actor,
        action: r.action,
        target_type: r.targetType,
        target_id: r.targetId,
        detail: r.detail,
      })),
    };
  },
});
