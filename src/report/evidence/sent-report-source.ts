/**
 * The reports sent about a case (CyberTipline report ids and when they were
 * filed), as the hand-over package lists them. A port: the CyberTipline module
 * (src/report/cybertip/) implements it when merged; until then no reports are
 * known here, and the package still lists `report_sent` moderation events.
 */
export interface SentReport {
  /** The id the recipient assigned (NCMEC's report id). */
  reportId: string;
  /** e.g. "cybertipline". */
  recipient: string;
  /** ISO 8601. */
  sentAt: string;
  /** Anything else the reporting module wants in the package (status, follow-up of). */
  detail?: Record<string, unknown>;
}

export interface SentReportSource {
  sentReports(caseId: number): Promise<SentReport[]>;
}

export const noSentReports: SentReportSource = {
  async sentReports() {
    return [];
  },
};
