/** A case as lists, search results and related cases show it (api/review-views.ts CaseListItemView). */
import { mayOpenQueue } from "../access/queues.js";
import type { CaseListItemView } from "../api/review-views.js";
import type { CaseListRow } from "../store/repositories/case-list-repository.js";
import type { UserRole } from "../store/schema.js";

/** Who is looking: a console user's role, or null for an API key (its scope already allowed cases). */
export interface Viewer {
  actor: string;
  role: UserRole | null;
}

export function mayOpen(viewer: Viewer, queue: string): boolean {
  return viewer.role === null || mayOpenQueue(viewer.role, queue);
}

export function caseListItem(row: CaseListRow, viewer: Viewer): CaseListItemView {
  return {
    id: row.id,
    platform: row.platform,
    subject: { type: row.subjectType, id: row.subjectId },
    queue: row.queue,
    priority: row.priority,
    status: row.status,
    claimed_by: row.claimedBy,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    claim_expires_at: row.claimExpiresAt?.toISOString() ?? null,
    subject_label: row.subjectLabel,
    report_count: row.reportCount,
    reasons: row.reasons,
    sources: row.sources,
    assignee: row.assignedTo
      ? {
          email: row.assignedTo.replace(/^user:/, ""),
          name: row.assigneeName ?? row.assignedTo.replace(/^user:/, ""),
        }
      : null,
    age_seconds: row.ageSeconds,
    may_open: mayOpen(viewer, row.queue),
  };
}
