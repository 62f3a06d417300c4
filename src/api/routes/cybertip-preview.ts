/**
 * POST /v1/cases/:id/cybertip/preview: the `report` XML (and each file's
 * `fileDetails`, with placeholder ids) that the reviewer's inputs would send,
 * without sending anything. It shows personal data (phones), so it is audited.
 */
import { ReviewerInputs } from "../../report/cybertip/reviewer-inputs.js";
import { withCyberTipErrors } from "../cybertip-errors.js";
import { CyberTipPreviewView } from "../cybertip-views.js";
import { defineRoute } from "../route.js";
import { CaseIdParams, openableCase } from "./cybertip-view.js";

export const previewCyberTip = defineRoute({
  method: "POST",
  url: "/v1/cases/:id/cybertip/preview",
  summary: "Preview the CyberTipline report XML for a case (console; audited)",
  scope: null,
  permission: "reports.submit_ncmec",
  params: CaseIdParams,
  body: ReviewerInputs,
  responses: { 200: CyberTipPreviewView },
  async handler(ctx, { params, body, caller }) {
    await openableCase(ctx, params.id, caller);
    const preview = await withCyberTipErrors(() =>
      ctx.cybertip.preview(params.id, body, caller.actor, caller.user?.role),
    );
    await ctx.repos.audit.append({
      actor: caller.actor,
      action: "cybertip.preview",
      targetType: "case",
      targetId: String(params.id),
      detail: { files: preview.files.map((f) => f.media_id) },
    });
    return preview;
  },
});
