/** PUT /v1/console/cases/:id/assignment: assign the case to a named colleague (or nobody); logged and audited. */
import { z } from "zod";
import { openableCase } from "../console-case-access.js";
import { consoleCaseView } from "../console-case-detail.js";
import { ConsoleCaseView } from "../console-views.js";
import { withReviewErrors } from "../review-errors.js";
import { AssignmentBody, PersonView } from "../review-views.js";
import { defineRoute } from "../route.js";

export const putConsoleCaseAssignment = defineRoute({
  method: "PUT",
  url: "/v1/console/cases/:id/assignment",
  summary: "Assign a case to a colleague by e-mail, or unassign it (null)",
  scope: null,
  permission: "cases.claim",
  params: z.object({ id: z.coerce.number().int().positive() }),
  body: AssignmentBody,
  responses: { 200: z.object({ case: ConsoleCaseView, assignee: PersonView.nullable() }) },
  async handler(ctx, { params, body, caller }) {
    await openableCase(ctx, params.id, caller);
    const result = await withReviewErrors(() =>
      ctx.review.assign(params.id, caller.actor, body.assignee, body.note),
    );
    return { case: consoleCaseView(result.case), assignee: result.assignee };
  },
});
