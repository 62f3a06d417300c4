/**
 * A case as evidence: the case, its subject (group history or account), the
 * signals and reports about it, its moderation history, the media it
 * references (hashes and metadata; bytes stay in the vault) and the reports
 * sent. The same record is sealed as a snapshot when a hold is placed and
 * written into the police hand-over package. Phone numbers stay out: they are
 * encrypted with the data key; the hand-over's accounts.json carries them
 * decrypted, as an audited part of the export.
 */
import { openReporterColumn, openTextColumn } from "../../domain/personal-fields.js";
import type { SubjectType } from "../../domain/subjects.js";
import type { MediaRow } from "../../store/repositories/media-repository.js";
import type { ReportRow } from "../../store/repositories/subject-history-repository.js";
import type { EvidenceDeps } from "./evidence-deps.js";
import type { SentReport } from "./sent-report-source.js";

export const CASE_RECORD_FORMAT = "vigil-case-record/1";

export interface CaseRecord {
  format: typeof CASE_RECORD_FORMAT;
  recorded_at: string;
  case: Record<string, unknown>;
  subject: { type: SubjectType; id: string; platform: string; group: unknown; account: unknown };
  signals: Record<string, unknown>[];
  reports: Record<string, unknown>[];
  moderation_history: Record<string, unknown>[];
  media: Record<string, unknown>[];
  reports_sent: SentReport[];
}

function mediaEntry(row: MediaRow): Record<string, unknown> {
  return {
    id: row.id,
    sha256: row.sha256,
    md5: row.md5,
    pdq: row.pdq,
    pdq_quality: row.pdqQuality,
    mime: row.mime,
    size: row.size,
    source: row.source,
    stored: row.blobRef !== null,
    created_at: row.createdAt.toISOString(),
  };
}

/** Reports sent as the reporting module knows them, then any `report_sent` events it does not already list. */
export function reportsSent(
  fromSource: SentReport[],
  history: { kind: string; detail: Record<string, unknown>; createdAt: Date }[],
): SentReport[] {
  const known = new Set(fromSource.map((r) => r.reportId));
  const fromLog = history
    .filter((e) => e.kind === "report_sent")
    .map((e) => ({
      reportId: String(e.detail.reportId ?? e.detail.report_id ?? ""),
      recipient: String(e.detail.recipient ?? "cybertipline"),
      sentAt: e.createdAt.toISOString(),
      detail: e.detail,
    }))
    .filter((r) => !known.has(r.reportId));
  return [...fromSource, ...fromLog];
}

export async function caseMediaIds(deps: EvidenceDeps, caseId: number): Promise<string[]> {
  return (await deps.evidence.mediaOfCases({ caseId })).get(caseId) ?? [];
}

/** Reports as the record keeps them: texts and reporters opened when the deps can (the record is sealed in the vault). */
function openReports(rows: ReportRow[], open: EvidenceDeps["openField"]): Record<string, unknown>[] {
  if (!open) return rows;
  return rows.map((r) => ({
    ...r,
    text: openTextColumn(r.text, open),
    reporter: openReporterColumn(r.reporter, open),
  }));
}

export async function buildCaseRecord(deps: EvidenceDeps, caseId: number): Promise<CaseRecord> {
  const { case: row, events } = await deps.cases.get(caseId);
  const history = deps.subjectHistory;
  const group = row.subjectType === "group" ? await history.group(row.platform, row.subjectId) : null;
  const account = row.subjectType === "account" ? await history.account(row.platform, row.subjectId) : null;
  const accountView = account && {
    ...account,
    account: { ...account.account, phoneEncrypted: undefined },
  };
  const mediaRows = await deps.media.getMany(await caseMediaIds(deps, caseId));
  return {
    format: CASE_RECORD_FORMAT,
    recorded_at: deps.clock().toISOString(),
    case: { ...row },
    subject: {
      type: row.subjectType,
      id: row.subjectId,
      platform: row.platform,
      group,
      account: accountView,
    },
    signals: await history.signals(row.subjectType, row.subjectId),
    reports: openReports(await history.reports(row.platform, row.subjectType, row.subjectId), deps.openField),
    moderation_history: events,
    media: [...mediaRows.values()].map(mediaEntry),
    reports_sent: reportsSent(await deps.sentReports.sentReports(caseId), events),
  };
}

/** The record as bytes: stable JSON (Dates as ISO strings), what is sealed and hashed. */
export function caseRecordBytes(record: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(record, null, 2)}\n`, "utf8");
}
