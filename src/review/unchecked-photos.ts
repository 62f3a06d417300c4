/**
 * The subject's photos Vigil could not check (issue 17, finding 9): a photo
 * URL the address guard refused, or that failed to fetch or decode, leaves no
 * hash to match, and the case must say so rather than look clean.
 */
import type { SubjectType } from "../domain/subjects.js";
import type { SubjectHistoryRepository } from "../store/repositories/subject-history-repository.js";

export interface UncheckedPhoto {
  event_id: string;
  received_at: string;
  field: string;
  url: string;
  code: string;
  message: string;
}

export async function uncheckedPhotos(
  history: SubjectHistoryRepository,
  subject: { platform: string; subjectType: SubjectType; subjectId: string },
): Promise<UncheckedPhoto[]> {
  const rows = await history.eventNotes(subject.platform, subject.subjectType, subject.subjectId);
  return rows.flatMap((row) =>
    row.notes
      .filter((n) => n.kind === "photo_unavailable")
      .map((n) => ({
        event_id: row.eventId,
        received_at: row.receivedAt.toISOString(),
        field: n.field,
        url: n.url,
        code: n.code,
        message: n.message,
      })),
  );
}
