/**
 * The evidence store inside `vigil serve`: the retention job on a schedule
 * (VIGIL_EVIDENCE_PURGE_INTERVAL_HOURS, default daily; 0 turns it off) over the
 * service's database and media vault. Kept apart from app/start.ts so the wiring
 * there stays two lines.
 */
import type { Logger } from "pino";
import type { MediaBlobStore } from "../media/media-blob-store.js";
import type { EvidenceConfig } from "../report/evidence/evidence-config.js";
import { evidenceDeps } from "../report/evidence/evidence-deps.js";
import { type EvidenceStore, evidenceStore } from "../report/evidence/evidence-store.js";
import { type RetentionSchedule, startRetentionSchedule } from "../report/evidence/retention-schedule.js";
import type { SentReportSource } from "../report/evidence/sent-report-source.js";
import type { VigilDb } from "../store/database.js";

export function startEvidenceRetention(
  db: VigilDb,
  vault: MediaBlobStore,
  config: EvidenceConfig,
  log: Logger,
): RetentionSchedule {
  return startRetentionSchedule(evidenceDeps(db, vault), config, log);
}

/**
 * The evidence store over the service's database and vault, for the modules
 * that call it in-process: the CyberTipline module calls
 * `holds.onReportFiled({ caseId, reportId, finishedAt })` after a report is
 * finished, and passes its own `SentReportSource` so hand-over packages list
 * the reports it sent.
 */
export function serviceEvidenceStore(
  db: VigilDb,
  vault: MediaBlobStore,
  sentReports?: SentReportSource,
  openField?: (sealed: string) => string | null,
): EvidenceStore {
  return evidenceStore(evidenceDeps(db, vault, { sentReports, openField }));
}
