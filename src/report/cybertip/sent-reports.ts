/**
 * The CyberTipline reports a case has had filed, as the evidence store's
 * hand-over package lists them (the `SentReportSource` port of
 * src/report/evidence). Only finished attempts count: a retracted or failed
 * attempt never reached NCMEC as a report.
 */
import type { CyberTipRepository } from "../../store/repositories/cybertip-repository.js";
import type { SentReport, SentReportSource } from "../evidence/sent-report-source.js";

export function cybertipSentReports(reports: CyberTipRepository): SentReportSource {
  return {
    async sentReports(caseId: number): Promise<SentReport[]> {
      const rows = await reports.forCase(caseId);
      return rows.flatMap((row) =>
        row.state === "finished" && row.ncmecReportId
          ? [
              {
                reportId: row.ncmecReportId,
                recipient: "cybertipline",
                sentAt: (row.finishedAt ?? row.updatedAt).toISOString(),
                detail: { kind: row.kind, attempt: row.attempt, xmlSha256: row.xmlSha256 },
              },
            ]
          : [],
      );
    },
  };
}
