/** GET /v1/console/cases/:id: the case page's data (subject history, signals, reports, log). */
import { z } from "zod";
import { mayOpenQueue } from "../../access/queues.js";
import { caseDetail } from "../console-case-detail.js";
import { caseWorkspace } from "../console-case-workspace.js";
import { CaseDetailView } from "../console-views.js";
import { ApiError } from "../errors.js";
import { defineRoute } from "../route.js";

export const getConsoleCase = defineRoute({
  method: "GET",
  url: "/v1/console/cases/:id",
  summary: "A case with its subject's history, signals with explanations, reports and moderation log",
  scope: null,
  permission: "cases.read",
  params: z.object({ id: z.coerce.number().int().positive() }),
  responses: { 200: CaseDetailView },
  async handler(ctx, { params, caller }) {
    const found = await ctx.repos.cases.get(params.id);
    const role = caller.user!.role;
    if (!mayOpenQueue(role, found.case.queue)) {
      throw new ApiError("ForbiddenRole", `the role ${role} may not open cases in ${found.case.queue}`);
    }
    const base = await caseDetail(ctx.repos, found, role, ctx.fields.open);
    const { references, ...workspace } = await caseWorkspace(ctx, found, { actor: caller.actor, role }, base);
    return {
      ...base,
      ...workspace,
      reports: base.reports.map((r) => ({ ...r, reference: references.get(r.id) ?? null })),
    };
  },
});
