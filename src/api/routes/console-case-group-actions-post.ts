/** POST /v1/console/cases/:id/group-actions: revoke the group's invite links and ban its admins as previewed (fingerprint). */
import { z } from "zod";
import { openableCase } from "../console-case-access.js";
import { withReviewErrors } from "../review-errors.js";
import { GroupActionsApplyBody, GroupActionsResultView } from "../review-views.js";
import { defineRoute } from "../route.js";

export const applyConsoleGroupActions = defineRoute({
  method: "POST",
  url: "/v1/console/cases/:id/group-actions",
  summary: "Queue the previewed invite-link revocations and admin bans (refused if the list changed)",
  scope: null,
  permission: "cases.decide",
  params: z.object({ id: z.coerce.number().int().positive() }),
  body: GroupActionsApplyBody,
  responses: { 200: GroupActionsResultView },
  async handler(ctx, { params, body, caller }) {
    const found = await openableCase(ctx, params.id, caller, "decide");
    return withReviewErrors(() => ctx.review.groupApply(found.case, body, caller.actor));
  },
});
