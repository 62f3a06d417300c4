/**
 * POST /v1/cases/:id/decision: the reviewer's decision. Its actions go to the
 * outbox in the decision's transaction and leave by webhook after commit; the
 * decision is written to the audit log.
 */
import { z } from "zod";
import { ACTION_KINDS, ACTION_SUBJECT } from "../../domain/actions.js";
import type { PlannedAction } from "../../domain/decisions.js";
import { SUBJECT_TYPES } from "../../domain/subjects.js";
import { ApiError } from "../errors.js";
import { SkippedActionView } from "../review-views.js";
import { defineRoute } from "../route.js";
import { CaseView, caseView } from "./case-view.js";

export const DecisionBody = z.strictObject({
  /** Empty: no action (dismiss). */
  actions: z
    .array(
      z.strictObject({
        action: z.enum(ACTION_KINDS),
        /** Defaults to the case's subject. */
        subject: z.strictObject({ type: z.enum(SUBJECT_TYPES), id: z.string().min(1).max(256) }).optional(),
      }),
    )
    .max(100),
  reason: z.string().min(1).max(5000),
  policy: z.string().min(1).max(200),
  reviewer: z.string().min(1).max(200).optional(),
});

export const decideCase = defineRoute({
  method: "POST",
  url: "/v1/cases/:id/decision",
  summary: "Decide a case: actions (possibly none) with a reason and the policy applied; closes the case",
  scope: "cases:write",
  params: z.object({ id: z.coerce.number().int().positive() }),
  body: DecisionBody,
  responses: {
    200: z.object({ case: CaseView, action_ids: z.array(z.string()), skipped: z.array(SkippedActionView) }),
  },
  async handler(ctx, { params, body, caller }) {
    const current = await ctx.repos.cases.get(params.id);
    const planned: PlannedAction[] = body.actions.map((a, i) => {
      const subject = a.subject ?? { type: current.case.subjectType, id: current.case.subjectId };
      if (ACTION_SUBJECT[a.action] !== subject.type) {
        throw new ApiError(
          "InvalidRequest",
          `${a.action} applies to a ${ACTION_SUBJECT[a.action]}, not a ${subject.type}`,
          [{ path: `body.actions.${i}`, message: "action does not fit the subject type" }],
        );
      }
      return { action: a.action, subject };
    });
    const actor = body.reviewer ? `${caller.actor}/${body.reviewer}` : caller.actor;
    // An action whose subject is already in that state is not queued again; `skipped` says which (issue 16).
    const result = await ctx.review.decide(params.id, {
      actor,
      actions: planned,
      reason: body.reason,
      policy: body.policy,
    });
    return { case: caseView(result.case), action_ids: result.actionIds, skipped: result.skipped };
  },
});
