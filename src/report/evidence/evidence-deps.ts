/** What the evidence store is built from: repositories, the sealed blob store, a clock, the sent-report port. */
import type { MediaBlobStore } from "../../media/media-blob-store.js";
import type { VigilDb } from "../../store/database.js";
import { AuditRepository } from "../../store/repositories/audit-repository.js";
import { CaseAccountsRepository } from "../../store/repositories/case-accounts-repository.js";
import { CaseRepository } from "../../store/repositories/case-repository.js";
import { CyberTipRepository } from "../../store/repositories/cybertip-repository.js";
import { EvidenceRepository } from "../../store/repositories/evidence-repository.js";
import { LegalHoldRepository } from "../../store/repositories/legal-hold-repository.js";
import { MediaRepository } from "../../store/repositories/media-repository.js";
import { SubjectHistoryRepository } from "../../store/repositories/subject-history-repository.js";
import { cybertipSentReports } from "../cybertip/sent-reports.js";
import { type Clock, systemClock } from "./evidence-actor.js";
import type { SentReportSource } from "./sent-report-source.js";

export interface EvidenceDeps {
  cases: CaseRepository;
  subjectHistory: SubjectHistoryRepository;
  caseAccounts: CaseAccountsRepository;
  media: MediaRepository;
  evidence: EvidenceRepository;
  holds: LegalHoldRepository;
  audit: AuditRepository;
  vault: MediaBlobStore;
  clock: Clock;
  sentReports: SentReportSource;
  /** Opens sealed personal fields (report texts, reporters) for case records; absent, they stay sealed. */
  openField?: (sealed: string) => string | null;
}

export function evidenceDeps(
  db: VigilDb,
  vault: MediaBlobStore,
  options: {
    clock?: Clock;
    sentReports?: SentReportSource;
    openField?: (sealed: string) => string | null;
  } = {},
): EvidenceDeps {
  return {
    cases: new CaseRepository(db),
    subjectHistory: new SubjectHistoryRepository(db),
    caseAccounts: new CaseAccountsRepository(db),
    media: new MediaRepository(db),
    evidence: new EvidenceRepository(db),
    holds: new LegalHoldRepository(db),
    audit: new AuditRepository(db),
    vault,
    clock: options.clock ?? systemClock,
    // The CyberTipline reports filed for the case, unless a test passes its own.
    sentReports: options.sentReports ?? cybertipSentReports(new CyberTipRepository(db)),
    openField: options.openField,
  };
}
