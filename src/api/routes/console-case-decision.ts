/**
 * POST /v1/console/cases/:id/decision: a reviewer's decision from the case
 * page. The same write as the API's decision (moderation log, outbox, audit
 * log in one transaction), with the reviewer as `user:<email>`.
 */
import { z } from "zod";
import { consoleCaseView } from "../console-case-detail.js";
import { ConsoleDecisionFields, checkDecision } from "../console-decide.js";
import { ConsoleDecisionResultView } from "../console-views.js";
import { ApiError } from "../errors.js";
import { defineRoute } from "../route.js";

export const decideConsoleCase = defineRoute({
  method: "POST",
  url: "/v1/console/cases/:id/decision",
  summary: "Decide a case as the signed-in reviewer (actions on its subject, reason, policy)",
  scope: null,
  permission: "cases.decide",
  params: z.object({ id: z.coerce.number().int().positive() }),
  body: z.strictObject(ConsoleDecisionFields),
  responses: { 200: ConsoleDecisionResultView },
  async handler(ctx, { params, body, caller }) {
    const { case: row } = await ctx.repos.cases.get(params.id);
    const check = checkDecision(row, body.actions, caller.user!.role, caller.actor);
    if (!check.ok) {
      const code = check.problem.includes("may not") ? "ForbiddenRole" : "CaseConflict";
      throw new ApiError(check.problem.includes("does not apply") ? "InvalidRequest" : code, check.problem);
    }
    // Actions whose subject is already in that state are not queued again; the answer lists them (issue 16).
    const result = await ctx.review.decide(params.id, {
      actor: caller.actor,
      actions: check.planned,
      reason: body.reason,
      policy: body.policy,
    });
    return { case: consoleCaseView(result.case), action_ids: result.actionIds, skipped: result.skipped };
  },
});
