/**
 * The submission job: takes due attempts from the cybertip_reports outbox and
 * runs each through ispws (submit -> upload each file -> fileinfo -> finish),
 * recording every step before the next (lifecycle.ts). Any failure after the
 * report was opened retracts it at NCMEC, ends the attempt and queues a new
 * one from scratch; an attempt whose job died (lease expired) halfway is
 * retracted the same way. After a report is finished, `onReportFiled` is
 * called (the legal hold's port), after the transaction that records it.
 *
 * If the retraction itself fails, nothing is retried automatically (NCMEC may
 * hold an open or, after a crash between /finish and the database write, a
 * finished report): the attempt ends `failed`, logged, for a person to check,
 * rather than risking a second report.
 */
import { createHash } from "node:crypto";
import { holdsOpenReport } from "../../domain/cybertip-lifecycle.js";
import type { CyberTipRepository, CyberTipRow } from "../../store/repositories/cybertip-repository.js";
import type { PlannedCyberTip } from "./build-from-case.js";
import { fileDetailsXml } from "./file-details-xml.js";
import type { IspwsClient } from "./ispws-client.js";
import { reportXml } from "./report-xml.js";

export interface ReportFiled {
  caseId: number;
  reportId: string;
  finishedAt: Date;
}

export type IspwsPort = Pick<IspwsClient, "submit" | "upload" | "fileInfo" | "finish" | "retract">;

export interface JobLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SubmissionJobDeps {
  reports: CyberTipRepository;
  /** Builds the report again from the case and the stored reviewer inputs. */
  plan(row: CyberTipRow): Promise<PlannedCyberTip>;
  /** Null when NCMEC credentials are not configured: attempts wait. */
  client: IspwsPort | null;
  readBlob(ref: string): Promise<Uint8Array>;
  onReportFiled(filed: ReportFiled): void | Promise<void>;
  maxAttempts: number;
  leaseMs: number;
  retryDelayMs: number;
  log: JobLog;
}

const message = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

export class SubmissionJob {
  private running: Promise<number> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: SubmissionJobDeps) {}

  /** Runs every due attempt (and the retries they queue) until none is due; one pass at a time. */
  runDue(): Promise<number> {
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  start(pollMs: number): void {
    this.timer = setInterval(() => this.wake(), pollMs);
    this.timer.unref();
  }

  wake(): void {
    this.runDue().catch((error: unknown) => this.deps.log.error({ err: error }, "cybertip job failed"));
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async drain(): Promise<number> {
    if (!this.deps.client) return 0;
    let done = 0;
    for (;;) {
      const due = await this.deps.reports.claimDue(new Date(), 10, this.deps.leaseMs);
      if (due.length === 0) return done;
      for (const row of due) {
        await this.run(row, this.deps.client);
        done++;
      }
    }
  }

  private async end(row: CyberTipRow, client: IspwsPort, error: unknown): Promise<void> {
    const { reports, maxAttempts, retryDelayMs, log } = this.deps;
    let step: "retracted" | "failed" = "failed";
    let why = message(error);
    if (holdsOpenReport(row.state) && row.ncmecReportId) {
      try {
        await client.retract(row.ncmecReportId);
        step = "retracted";
      } catch (retractError) {
        why += `; retract failed: ${message(retractError)}`;
      }
    }
    // An open report that could not be retracted (or one NCMEC already finished) must not be
    // filed again automatically: the attempt ends failed for a person to check.
    const mayRetry = step === "retracted" || !holdsOpenReport(row.state);
    const next = await reports.endAttempt(row, step, why, mayRetry ? maxAttempts : 0, retryDelayMs);
    log.warn(
      {
        caseId: row.caseId,
        attempt: row.attempt,
        ncmecReportId: row.ncmecReportId,
        step,
        retry: next?.attempt ?? null,
      },
      `cybertip attempt ended: ${why}`,
    );
  }

  private async run(claimed: CyberTipRow, client: IspwsPort): Promise<void> {
    const { reports, leaseMs } = this.deps;
    // A job died holding this attempt: whatever NCMEC holds of it is retracted and a fresh attempt queued.
    if (claimed.state !== "pending") return this.end(claimed, client, new Error("job stopped halfway"));
    let plan: PlannedCyberTip;
    let xml: string;
    try {
      plan = await this.deps.plan(claimed);
      xml = reportXml(plan.report);
    } catch (error) {
      // The case cannot be reported as requested (bad data, missing file): retrying would not help.
      await reports.endAttempt(claimed, "failed", message(error), 0);
      this.deps.log.error({ caseId: claimed.caseId, err: error }, "cybertip report could not be built");
      return;
    }
    let row = claimed;
    try {
      const reportId = await client.submit(xml);
      const xmlSha256 = createHash("sha256").update(xml).digest("hex");
      row = await reports.advance(row, "submitted", { ncmecReportId: reportId, xmlSha256 }, leaseMs);
      const fileIds: string[] = [];
      for (const f of plan.files) {
        const bytes = await this.deps.readBlob(f.blobRef);
        fileIds.push((await client.upload(reportId, f.fileName, bytes)).fileId);
      }
      row = await reports.advance(row, "files_uploaded", { fileIds }, leaseMs);
      for (const [i, f] of plan.files.entries()) {
        await client.fileInfo(fileDetailsXml({ ...f.details, reportId, fileId: fileIds[i] }));
      }
      row = await reports.advance(row, "fileinfo_sent", {}, leaseMs);
      await client.finish(reportId);
    } catch (error) {
      return this.end(row, client, error);
    }
    const finished = await reports.finish(row, row.fileIds).catch((error: unknown) => {
      this.deps.log.error(
        { caseId: row.caseId, ncmecReportId: row.ncmecReportId, err: error },
        "NCMEC finished the report but recording it failed; look at this attempt by hand",
      );
      throw error;
    });
    this.deps.log.info(
      { caseId: row.caseId, ncmecReportId: finished.ncmecReportId },
      "cybertip report filed",
    );
    try {
      await this.deps.onReportFiled({
        caseId: finished.caseId,
        reportId: finished.ncmecReportId as string,
        finishedAt: finished.finishedAt as Date,
      });
    } catch (error) {
      this.deps.log.error({ caseId: finished.caseId, err: error }, "onReportFiled failed");
    }
  }
}
