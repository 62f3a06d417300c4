/**
 * POST /v1/console/cases/:id/escalate: hand a case up to the lead queue or the
 * child-safety queue with a reason (the `e` shortcut). Anyone who may decide
 * the case's queue may escalate it, including into a queue they cannot open:
 * that is the point of escalating.
 */
import { z } from "zod";
import { ESCALATION_TARGETS, mayDecideQueue } from "../../access/queues.js";
import { CaseConflictError, CaseNotFoundError } from "../../store/repositories/case-repository.js";
import { consoleCaseView } from "../console-case-detail.js";
import { ConsoleCaseView } from "../console-views.js";
import { ApiError } from "../errors.js";
import { defineRoute } from "../route.js";

export const escalateConsoleCase = defineRoute({
  method: "POST",
  url: "/v1/console/cases/:id/escalate",
  summary: "Escalate a case to the lead or child-safety queue with a reason (a moderation event)",
  scope: null,
  permission: "cases.decide",
  params: z.object({ id: z.coerce.number().int().positive() }),
  body: z.strictObject({ to: z.enum(ESCALATION_TARGETS), reason: z.string().trim().min(1).max(5000) }),
  responses: { 200: z.object({ case: ConsoleCaseView, merged_into: z.number().nullable() }) },
  async handler(ctx, { params, body, caller }) {
    const role = caller.user!.role;
    let row: Awaited<ReturnType<typeof ctx.repos.cases.get>>["case"];
    try {
      row = (await ctx.repos.cases.get(params.id)).case;
    } catch (error) {
      if (error instanceof CaseNotFoundError) throw new ApiError("NotFound", error.message);
      throw error;
    }
    if (!mayDecideQueue(role, row.queue)) {
      throw new ApiError("ForbiddenRole", `the role ${role} may not decide ${row.queue}`);
    }
    try {
      const done = await ctx.repos.escalations.escalate(params.id, { actor: caller.actor, ...body });
      return { case: consoleCaseView(done.case), merged_into: done.mergedInto };
    } catch (error) {
      if (error instanceof CaseConflictError) throw new ApiError("CaseConflict", error.message);
      if (error instanceof CaseNotFoundError) throw new ApiError("NotFound", error.message);
      throw error;
    }
  },
});
