/**
 * Which media a case page may show or reveal (issue 17, finding 2): the
 * subject's photos and photo history, the subject itself when it is media,
 * and the attachments of the reports about it, exactly what the case page
 * lists. A console user reaches stored media only through a case they may open
 * and that holds it; anything else is refused and written to the audit log, so
 * the case a reveal is filed under is the case that showed it.
 */
import { mayOpenQueue } from "../access/queues.js";
import type { AuditRepository } from "../store/repositories/audit-repository.js";
import type { CaseRepository } from "../store/repositories/case-repository.js";
import type { MediaRepository, MediaRow } from "../store/repositories/media-repository.js";
import type { CaseRow, SubjectHistoryRepository } from "../store/repositories/subject-history-repository.js";
import type { UserRole } from "../store/schema.js";

export interface CaseMediaDeps {
  cases: CaseRepository;
  media: MediaRepository;
  subjectHistory: SubjectHistoryRepository;
  audit: AuditRepository;
}

export class CaseMediaRefused extends Error {
  override readonly name = "CaseMediaRefused";
  constructor(
    readonly code: "ForbiddenRole" | "MediaNotInCase" | "NotFound",
    message: string,
  ) {
    super(message);
  }
}

/** The media ids the case page of `row` shows. */
export async function mediaOfCase(history: SubjectHistoryRepository, row: CaseRow): Promise<Set<string>> {
  const ids = new Set<string>();
  if (row.subjectType === "media") ids.add(row.subjectId);
  if (row.subjectType === "group") {
    const group = await history.group(row.platform, row.subjectId);
    for (const photo of [group?.group.photo, ...(group?.revisions.map((r) => r.photo) ?? [])])
      if (photo?.mediaId) ids.add(photo.mediaId);
  }
  if (row.subjectType === "account") {
    const account = await history.account(row.platform, row.subjectId);
    if (account?.account.photo?.mediaId) ids.add(account.account.photo.mediaId);
  }
  for (const report of await history.reports(row.platform, row.subjectType, row.subjectId))
    for (const id of report.attachments) ids.add(id);
  return ids;
}

export interface CaseMediaRequest {
  actor: string;
  role: UserRole;
  caseId: number;
  mediaId: string;
  /** `reveal` (the bytes) or `preview` (the 32 px thumbnail), for the audit entry of a refusal. */
  purpose: "reveal" | "preview";
}

/**
 * The case and the stored media, when the user may open the case and the case
 * holds the media; otherwise a CaseMediaRefused, its refusal audited first.
 */
export async function openCaseMedia(
  deps: CaseMediaDeps,
  request: CaseMediaRequest,
): Promise<{ case: CaseRow; media: MediaRow & { blobRef: string } }> {
  const { case: row } = await deps.cases.get(request.caseId);
  const refuse = async (code: "ForbiddenRole" | "MediaNotInCase", message: string) => {
    await deps.audit.append({
      actor: request.actor,
      action: `media.${request.purpose}.refused`,
      targetType: "media",
      targetId: request.mediaId,
      detail: { case_id: row.id, reason: code },
    });
    return new CaseMediaRefused(code, message);
  };
  if (!mayOpenQueue(request.role, row.queue))
    throw await refuse("ForbiddenRole", `the role ${request.role} may not open cases in ${row.queue}`);
  if (!(await mediaOfCase(deps.subjectHistory, row)).has(request.mediaId))
    throw await refuse("MediaNotInCase", `media ${request.mediaId} is not part of case ${row.id}`);
  const media = await deps.media.get(request.mediaId);
  if (!media?.blobRef) throw new CaseMediaRefused("NotFound", `no stored media ${request.mediaId}`);
  return { case: row, media: { ...media, blobRef: media.blobRef } };
}
