/**
 * POST /v1/cases/:id/cybertip: a reviewer's decision to report the case to
 * NCMEC, with their inputs. Recorded (202), then sent by the submission job
 * after commit; GET shows how it went. Material that did not match a
 * confirmed-provenance bank entry needs a child-safety reviewer (403
 * ChildSafetyReviewRequired otherwise), enforced here on the server.
 */
import { can } from "../../access/roles.js";
import { ReviewerInputs } from "../../report/cybertip/reviewer-inputs.js";
import { withCyberTipErrors } from "../cybertip-errors.js";
import { CyberTipAttemptView } from "../cybertip-views.js";
import { defineRoute } from "../route.js";
import { CaseIdParams, cybertipAttemptView, openableCase } from "./cybertip-view.js";

export const postCyberTip = defineRoute({
  method: "POST",
  url: "/v1/cases/:id/cybertip",
  summary: "Report a case to NCMEC's CyberTipline (console; sent by a background job)",
  scope: null,
  permission: "reports.submit_ncmec",
  params: CaseIdParams,
  body: ReviewerInputs,
  responses: { 202: CyberTipAttemptView },
  async handler(ctx, { params, body, caller, reply }) {
    await openableCase(ctx, params.id, caller);
    const role = caller.user?.role;
    const row = await withCyberTipErrors(() =>
      ctx.cybertip.request(params.id, body, {
        actor: caller.actor,
        mayDecideChildSafety: role !== undefined && can(role, "cases.decide_child_safety"),
        role,
      }),
    );
    reply.status(202);
    return cybertipAttemptView(row);
  },
});
