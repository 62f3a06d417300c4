/** POST /v1/console/cases/:id/group-actions/preview: the group's invite links and admins that would be acted on, for confirmation. */
import { z } from "zod";
import { openableCase } from "../console-case-access.js";
import { GroupActionsBody, GroupActionsPreviewView } from "../review-views.js";
import { defineRoute } from "../route.js";

export const previewConsoleGroupActions = defineRoute({
  method: "POST",
  url: "/v1/console/cases/:id/group-actions/preview",
  summary: "List a group case's invite links to revoke and admins to ban, with what is already done",
  scope: null,
  permission: "cases.decide",
  params: z.object({ id: z.coerce.number().int().positive() }),
  body: GroupActionsBody,
  responses: { 200: GroupActionsPreviewView },
  async handler(ctx, { params, body, caller }) {
    const found = await openableCase(ctx, params.id, caller, "decide");
    return ctx.review.groupPreview(found.case, body);
  },
});
