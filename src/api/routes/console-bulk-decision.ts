/**
 * POST /v1/console/decisions: one decision for many cases. With
 * `preview: true` nothing is written and the answer says, per case, what
 * would happen or why it cannot; without, each case that passes is decided
 * in its own transaction (one refused case does not hold back the rest).
 * Above the organisation's size limit a lead must apply or confirm the batch.
 */
import { z } from "zod";
import { CaseNotFoundError } from "../../store/repositories/case-repository.js";
import { batchFingerprint, requireLeadConfirmation } from "../console-bulk-confirm.js";
import { ConsoleDecisionFields, checkDecision } from "../console-decide.js";
import { defineRoute } from "../route.js";

const Outcome = z.object({
  case_id: z.number(),
  subject: z.object({ type: z.string(), id: z.string() }).nullable(),
  queue: z.string().nullable(),
  actions: z.array(z.string()),
  status: z.enum(["would_decide", "decided", "refused"]),
  problem: z.string().nullable(),
});

export const bulkConsoleDecision = defineRoute({
  method: "POST",
  url: "/v1/console/decisions",
  summary: "Apply one decision to many cases, or preview what it would do (`preview: true`)",
  scope: null,
  permission: "cases.decide",
  body: z.strictObject({
    ...ConsoleDecisionFields,
    case_ids: z.array(z.number().int().positive()).min(1).max(500),
    preview: z.boolean().default(false),
    /** A lead's confirmation of this exact batch, needed above the size limit (see console-bulk-confirm.ts). */
    confirmation_id: z.string().min(1).max(100).optional(),
  }),
  responses: {
    200: z.object({
      outcomes: z.array(Outcome),
      /** Above the organisation's limit: applying needs a lead (or a lead's confirmation id). */
      needs_lead_confirmation: z.boolean(),
      lead_confirm_above: z.number(),
      confirmed_by: z.string().nullable(),
    }),
  },
  async handler(ctx, { body, caller }) {
    const limit = (await ctx.repos.consoleSettings.org()).bulkLeadConfirmAbove;
    const needsLead = new Set(body.case_ids).size > limit;
    const confirmedBy = body.preview
      ? null
      : await requireLeadConfirmation(ctx, caller, body, body.confirmation_id);
    const outcomes: z.infer<typeof Outcome>[] = [];
    let queued = false;
    for (const id of [...new Set(body.case_ids)]) {
      const refused = (problem: string, row?: { queue: string; subjectType: string; subjectId: string }) =>
        outcomes.push({
          case_id: id,
          subject: row ? { type: row.subjectType, id: row.subjectId } : null,
          queue: row?.queue ?? null,
          actions: [],
          status: "refused",
          problem,
        });
      let row: Awaited<ReturnType<typeof ctx.repos.cases.get>>["case"];
      try {
        row = (await ctx.repos.cases.get(id)).case;
      } catch (error) {
        if (error instanceof CaseNotFoundError) {
          refused("no such case");
          continue;
        }
        throw error;
      }
      const check = checkDecision(row, body.actions, caller.user!.role, caller.actor);
      if (!check.ok) {
        refused(check.problem, row);
        continue;
      }
      const base = {
        case_id: id,
        subject: { type: row.subjectType, id: row.subjectId },
        queue: row.queue,
        actions: check.planned.map((p) => p.action),
        problem: null,
      };
      if (body.preview) {
        outcomes.push({ ...base, status: "would_decide" });
        continue;
      }
      try {
        // Through the review service: an action the subject already has is not queued again (issue 16).
        const decided = await ctx.review.decide(id, {
          actor: caller.actor,
          actions: check.planned,
          reason: body.reason,
          policy: body.policy,
        });
        queued ||= decided.actionIds.length > 0;
        outcomes.push({
          ...base,
          actions: base.actions.filter((a) => !decided.skipped.some((k) => k.action === a)),
          status: "decided",
        });
      } catch (error) {
        // Decided or claimed by someone else between the check and the write.
        refused((error as Error).message, row);
      }
    }
    if (queued) ctx.onActionsQueued();
    if (!body.preview) {
      await ctx.repos.audit.append({
        actor: caller.actor,
        action: "console.bulk_decision",
        targetType: "batch",
        targetId: batchFingerprint(body).slice(0, 16),
        detail: {
          cases: outcomes.length,
          decided: outcomes.filter((o) => o.status === "decided").length,
          actions: body.actions,
          policy: body.policy,
          confirmed_by: confirmedBy,
          confirmation_id: body.confirmation_id ?? null,
        },
      });
    }
    return {
      outcomes,
      needs_lead_confirmation: needsLead,
      lead_confirm_above: limit,
      confirmed_by: confirmedBy,
    };
  },
});
