/**
 * Assembles the case page: the case, its subject's history, signals with
 * explanations, reports, moderation log and the other cases about the same
 * subject, in the shape of CaseDetailView.
 */
import type { z } from "zod";
import { mayDecideQueue } from "../access/queues.js";
import { can } from "../access/roles.js";
import type { Repositories } from "../app/context.js";
import { ACTION_KINDS, ACTION_SUBJECT } from "../domain/actions.js";
import { openReporterColumn, openTextColumn } from "../domain/personal-fields.js";
import { explainSignal } from "../review/explain-signal.js";
import { uncheckedPhotos } from "../review/unchecked-photos.js";
import type { CaseRow, ModerationEventRow } from "../store/repositories/case-repository.js";
import type { PhotoRef, UserRole } from "../store/schema.js";
import type { CaseDetailView, ConsoleCaseView, PhotoView } from "./console-views.js";
import { caseView, moderationEventView } from "./routes/case-view.js";

type Detail = z.infer<typeof CaseDetailView>;
/** A reporter this role may not see: there is one, and who may open it. */
const WITHHELD = { withheld: true, permission: "reports.personal" };
const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

export function consoleCaseView(row: CaseRow): ConsoleCaseView {
  return { ...caseView(row), claim_expires_at: iso(row.claimExpiresAt) };
}

/** Photos named by media id are looked up once, to say which ones Vigil holds the bytes of. */
async function photoViews(repos: Repositories, refs: (PhotoRef | null)[]) {
  const ids = refs.flatMap((r) => (r?.mediaId ? [r.mediaId] : []));
  const stored = await repos.media.getMany(ids);
  return (ref: PhotoRef | null): PhotoView | null => {
    if (!ref) return null;
    const row = ref.mediaId ? stored.get(ref.mediaId) : undefined;
    return {
      media_id: ref.mediaId ?? null,
      viewable: Boolean(row?.blobRef),
      pdq: ref.pdq ?? row?.pdq ?? null,
      md5: ref.md5 ?? row?.md5 ?? null,
      kind: row?.kind ?? "image",
    };
  };
}

export async function caseDetail(
  repos: Repositories,
  found: { case: CaseRow; events: ModerationEventRow[] },
  role: UserRole,
  open: (sealed: string) => string | null,
): Promise<Detail> {
  const row = found.case;
  const history = repos.subjectHistory;
  const group = row.subjectType === "group" ? await history.group(row.platform, row.subjectId) : null;
  const account = row.subjectType === "account" ? await history.account(row.platform, row.subjectId) : null;
  const reports = await history.reports(row.platform, row.subjectType, row.subjectId);
  const attachment = (mediaId: string): PhotoRef => ({ mediaId });
  const photo = await photoViews(repos, [
    group?.group.photo ?? null,
    ...(group?.revisions.map((r) => r.photo) ?? []),
    account?.account.photo ?? null,
    ...reports.flatMap((r) => r.attachments.map(attachment)),
  ]);
  const signals = await history.signals(row.subjectType, row.subjectId);
  const related = await history.cases(row.platform, row.subjectType, row.subjectId);
  return {
    case: consoleCaseView(row),
    subject: {
      type: row.subjectType,
      id: row.subjectId,
      platform: row.platform,
      group: group && {
        name: group.group.name,
        description: group.group.description,
        photo: photo(group.group.photo),
        revisions: group.revisions.map((r) => ({
          name: r.name,
          description: r.description,
          photo: photo(r.photo),
          observed_at: r.observedAt.toISOString(),
        })),
        admins: group.admins,
        member_count: group.memberCount,
        invite_links: group.inviteLinks.map((l) => ({
          code: l.code,
          url: l.url,
          status: l.status,
          first_seen_at: l.firstSeenAt.toISOString(),
          last_seen_at: l.lastSeenAt.toISOString(),
        })),
      },
      account: account && {
        name: account.account.name,
        photo: photo(account.account.photo),
        groups: account.groups.map((g) => ({
          id: g.id,
          name: g.name,
          role: g.role,
          joined_at: iso(g.joinedAt),
          left_at: iso(g.leftAt),
        })),
      },
    },
    signals: signals.map((s) => ({
      id: s.id,
      kind: s.kind,
      score: s.score,
      explanation: explainSignal(s.detail),
      detail: s.detail,
      created_at: s.createdAt.toISOString(),
    })),
    reports: reports.map((r) => ({
      id: r.publicId,
      source: r.source,
      reason: r.reason,
      // Sealed at rest: the text for whoever may open the case, the reporter only for reports.personal.
      text: openTextColumn(r.text, open),
      reporter:
        r.reporter && (can(role, "reports.personal") ? openReporterColumn(r.reporter, open) : WITHHELD),
      created_at: r.createdAt.toISOString(),
      attachments: r.attachments.flatMap((id) => photo(attachment(id)) ?? []),
      reference: null,
    })),
    events: found.events.map(moderationEventView),
    unchecked_photos: await uncheckedPhotos(history, row),
    related_cases: related.filter((c) => c.id !== row.id).map(consoleCaseView),
    may_decide: mayDecideQueue(role, row.queue),
    may_reveal: can(role, "media.reveal"),
    actions: ACTION_KINDS.filter((a) => ACTION_SUBJECT[a] === row.subjectType),
    // Placeholders until the review service fills them (issue 16).
    report_count: reports.length,
    claim: { holder: null, expires_at: iso(row.claimExpiresAt), mine: false, lapsed: false },
    assignee: null,
    notes: [],
    enforcement: {
      subject: { enforcement: "none", delivery: null, since: null, action_id: null, link_status: null },
      actions: [],
      options: [],
    },
    related: [],
    terms: [],
    may_note: false,
    may_assign: false,
    group_actions: null,
  };
}
