/** How a case looks in API answers (snake_case, the platform's subject ids). */
import { z } from "zod";
import type { CaseRow, ModerationEventRow } from "../../store/repositories/case-repository.js";

export const CaseView = z.object({
  id: z.number(),
  platform: z.string(),
  subject: z.object({ type: z.string(), id: z.string() }),
  queue: z.string(),
  priority: z.number(),
  status: z.enum(["open", "claimed", "closed"]),
  claimed_by: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const ModerationEventView = z.object({
  id: z.number(),
  kind: z.string(),
  actor: z.string(),
  subject: z.object({ type: z.string(), id: z.string() }),
  detail: z.record(z.string(), z.unknown()),
  created_at: z.string(),
});

export function caseView(row: CaseRow): z.infer<typeof CaseView> {
  return {
    id: row.id,
    platform: row.platform,
    subject: { type: row.subjectType, id: row.subjectId },
    queue: row.queue,
    priority: row.priority,
    status: row.status,
    claimed_by: row.claimedBy,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function moderationEventView(row: ModerationEventRow): z.infer<typeof ModerationEventView> {
  return {
    id: row.id,
    kind: row.kind,
    actor: row.actor,
    subject: { type: row.subjectType, id: row.subjectId },
    detail: row.detail,
    created_at: row.createdAt.toISOString(),
  };
}
