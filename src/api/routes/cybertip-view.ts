/** How CyberTipline attempts look in API answers, and the queue check every cybertip route makes. */
import { z } from "zod";
import { mayOpenQueue } from "../../access/queues.js";
import type { AppContext } from "../../app/context.js";
import type { CyberTipRow } from "../../store/repositories/cybertip-repository.js";
import type { CyberTipAttemptView } from "../cybertip-views.js";
import { ApiError } from "../errors.js";
import type { Caller } from "../route.js";

export function cybertipAttemptView(r: CyberTipRow): CyberTipAttemptView {
  return {
    id: r.id,
    kind: r.kind,
    attempt: r.attempt,
    state: r.state,
    ncmec_report_id: r.ncmecReportId,
    xml_sha256: r.xmlSha256,
    file_ids: r.fileIds,
    requested_by: r.requestedBy,
    error: r.error,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
    finished_at: r.finishedAt?.toISOString() ?? null,
  };
}

export const CaseIdParams = z.object({ id: z.coerce.number().int().positive() });

/** The case exists and the caller's role may open its queue. */
export async function openableCase(ctx: AppContext, caseId: number, caller: Caller): Promise<void> {
  const { case: row } = await ctx.repos.cases.get(caseId);
  const role = caller.user?.role;
  if (!role || !mayOpenQueue(role, row.queue)) {
    throw new ApiError("ForbiddenRole", `the role ${role} may not open cases in ${row.queue}`);
  }
}
