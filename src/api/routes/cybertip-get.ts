/**
 * GET /v1/cases/:id/cybertip: the case's CyberTipline attempts and filed NCMEC
 * report ids, the files it could report (where found, whether viewed, whether
 * a confirmed bank entry matched) and the choices a reviewer has.
 */

import { caseFileView } from "../../report/cybertip/cybertip-service.js";
import {
  FILE_ANNOTATIONS,
  INCIDENT_TYPES,
  INDUSTRY_CLASSIFICATIONS,
  REPORT_ANNOTATIONS,
} from "../../report/cybertip/model.js";
import { withCyberTipErrors } from "../cybertip-errors.js";
import { CyberTipCaseView } from "../cybertip-views.js";
import { defineRoute } from "../route.js";
import { CaseIdParams, cybertipAttemptView, openableCase } from "./cybertip-view.js";

export const getCyberTip = defineRoute({
  method: "GET",
  url: "/v1/cases/:id/cybertip",
  summary: "A case's CyberTipline reports, attempts and reportable files (console)",
  scope: null,
  permission: "cases.read",
  params: CaseIdParams,
  responses: { 200: CyberTipCaseView },
  async handler(ctx, { params, caller }) {
    await openableCase(ctx, params.id, caller);
    const rows = await ctx.cybertip.list(params.id);
    const files = await withCyberTipErrors(() => ctx.cybertip.files(params.id));
    return {
      ncmec_report_ids: rows.flatMap((r) =>
        r.state === "finished" && r.ncmecReportId ? [r.ncmecReportId] : [],
      ),
      attempts: rows.map(cybertipAttemptView),
      files: files.map(caseFileView),
      options: {
        incident_types: [...INCIDENT_TYPES],
        classifications: [...INDUSTRY_CLASSIFICATIONS],
        file_annotations: [...FILE_ANNOTATIONS],
        report_annotations: [...REPORT_ANNOTATIONS],
      },
    };
  },
});
