/**
 * Related cases for the workspace (issue 16): the store's relations merged
 * per case, strongest reason first, with the cases as lists show them.
 */
import type { RelatedCaseView, RelationKind } from "../api/review-views.js";
import type { CaseListRepository } from "../store/repositories/case-list-repository.js";
import type { CaseRow } from "../store/repositories/case-repository.js";
import type { RelatedRepository, Relation } from "../store/repositories/related-repository.js";
import { caseListItem, mayOpen, type Viewer } from "./case-list-view.js";

/** Strongest first: what most suggests the same people or material. */
const STRENGTH: RelationKind[] = [
  "same_subject",
  "same_media",
  "same_phone",
  "same_invite_link",
  "same_hotline_call",
  "shared_admins",
  "same_ring",
  "shared_members",
];

export async function relatedCases(
  deps: { related: RelatedRepository; caseLists: CaseListRepository },
  c: CaseRow,
  viewer: Viewer,
): Promise<RelatedCaseView[]> {
  const relations = await deps.related.forCase(c);
  const byCase = new Map<number, Map<Relation["kind"], Set<string>>>();
  for (const r of relations) {
    const kinds = byCase.get(r.caseId) ?? new Map<Relation["kind"], Set<string>>();
    kinds.set(r.kind, (kinds.get(r.kind) ?? new Set()).add(r.shared));
    byCase.set(r.caseId, kinds);
  }
  const rows = await deps.caseLists.byIds([...byCase.keys()]);
  const rank = (kinds: Map<Relation["kind"], Set<string>>) =>
    Math.min(...[...kinds.keys()].map((k) => STRENGTH.indexOf(k)));
  return rows
    .map((row) => {
      const kinds = byCase.get(row.id) ?? new Map();
      const item = caseListItem(row, viewer);
      return {
        case: {
          id: item.id,
          platform: item.platform,
          subject: item.subject,
          queue: item.queue,
          priority: item.priority,
          status: item.status,
          claimed_by: item.claimed_by,
          created_at: item.created_at,
          updated_at: item.updated_at,
          claim_expires_at: item.claim_expires_at,
        },
        subject_label: row.subjectLabel,
        because: [...kinds]
          .sort(([a], [b]) => STRENGTH.indexOf(a) - STRENGTH.indexOf(b))
          .map(([kind, shared]) => ({ kind, shared: [...shared].slice(0, 10), count: shared.size })),
        may_open: mayOpen(viewer, row.queue),
        _rank: rank(kinds),
        _closed: row.status === "closed",
      };
    })
    .sort((a, b) => Number(a._closed) - Number(b._closed) || a._rank - b._rank || b.case.id - a.case.id)
    .map(({ _rank, _closed, ...view }) => view);
}
