/**
 * The case workspace's part of the case page (issue 16): claim holder,
 * assignee, notes, enforcement and delivery, related cases, clickable terms,
 * hotline references and what the user may do. Added to caseDetail's answer.
 */

import { mayDecideQueue } from "../access/queues.js";
import { can } from "../access/roles.js";
import type { AppContext } from "../app/context.js";
import type { Viewer } from "../review/case-list-view.js";
import { caseTerms } from "../review/case-terms.js";
import type { CaseRow, ModerationEventRow } from "../store/repositories/case-repository.js";
import type { UserRole } from "../store/schema.js";
import type { CaseDetailView } from "./console-views.js";

type Workspace = Pick<
  CaseDetailView,
  | "report_count"
  | "claim"
  | "assignee"
  | "notes"
  | "enforcement"
  | "related"
  | "terms"
  | "may_note"
  | "may_assign"
  | "group_actions"
>;

export async function caseWorkspace(
  ctx: AppContext,
  found: { case: CaseRow; events: ModerationEventRow[] },
  viewer: Viewer & { role: UserRole },
  base: CaseDetailView,
): Promise<Workspace & { references: Map<string, string> }> {
  const row = found.case;
  const notes = found.events.filter((e) => e.kind === "comment" && typeof e.detail.note === "string");
  const names = await ctx.review.names([
    ...notes.map((n) => n.actor),
    ...(row.claimedBy ? [row.claimedBy] : []),
    ...(row.assignedTo ? [row.assignedTo] : []),
  ]);
  const person = (actor: string) => ({
    email: actor.replace(/^user:|^key:/, ""),
    name: names.get(actor) ?? actor,
  });
  const now = Date.now();
  const claimed = row.status === "claimed" && row.claimedBy !== null;
  const lapsed = claimed && row.claimExpiresAt !== null && row.claimExpiresAt.getTime() < now;
  const references = await ctx.review.references(base.reports.map((r) => r.id));
  const group = base.subject.group;
  return {
    references,
    report_count: base.reports.length,
    claim: {
      holder: claimed && row.claimedBy ? person(row.claimedBy) : null,
      expires_at: claimed ? (row.claimExpiresAt?.toISOString() ?? null) : null,
      mine: claimed && row.claimedBy === viewer.actor,
      lapsed,
    },
    assignee: row.assignedTo ? person(row.assignedTo) : null,
    notes: notes.map((n) => ({
      id: n.id,
      author: n.actor,
      author_name: names.get(n.actor) ?? null,
      text: String(n.detail.note),
      created_at: n.createdAt.toISOString(),
    })),
    enforcement: await ctx.review.enforcement(row),
    related: await ctx.review.related(row, viewer),
    terms: caseTerms({
      caseId: row.id,
      subject: { type: row.subjectType, id: row.subjectId },
      admins: group?.admins.map((a) => a.id) ?? [],
      groups: base.subject.account?.groups.map((g) => g.id) ?? [],
      inviteLinks: group?.invite_links ?? [],
      hashes: [group?.photo, base.subject.account?.photo].filter((p) => p !== null && p !== undefined),
      references: [...new Set(references.values())],
      reportTexts: base.reports.flatMap((r) => (r.text ? [r.text] : [])),
      country: ctx.config.defaultCountry ?? "GB",
    }),
    may_note: can(viewer.role, "cases.read"),
    may_assign: can(viewer.role, "cases.claim") && mayDecideQueue(viewer.role, row.queue),
    group_actions:
      group && mayDecideQueue(viewer.role, row.queue)
        ? {
            invite_links: group.invite_links.filter((l) => l.status === "active").length,
            admins: group.admins.length,
          }
        : null,
  };
}
