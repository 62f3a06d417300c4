/**
 * What the API asks of CyberTipline reporting: a preview of the XML a
 * reviewer's inputs produce, a request to submit (recorded, then sent by the
 * submission job after commit), and a case's attempts. Human confirmation is
 * enforced here, on the server: a report with any file that did not match a
 * confirmed-provenance bank entry, or with no file at all (text only), needs
 * a user whose role may decide child-safety cases (access/roles.ts
 * `cases.decide_child_safety`: child-safety reviewers, leads, admins). The job
 * checks again when it rebuilds the report.
 */
import type { CyberTipEvidenceRepository } from "../../store/repositories/cybertip-evidence-repository.js";
import type { CyberTipRepository, CyberTipRow } from "../../store/repositories/cybertip-repository.js";
import type { CyberTipKind } from "../../store/schema.js";
import { type PlannedCyberTip, planCyberTip } from "./build-from-case.js";
import { type CaseFile, caseFiles } from "./case-files.js";
import { fileDetailsXml } from "./file-details-xml.js";
import { reportXml } from "./report-xml.js";
import type { ReporterConfig } from "./reporter-config.js";
import { ReviewerInputs } from "./reviewer-inputs.js";

export class CyberTipServiceError extends Error {
  override readonly name: "CaseNotFound" | "ChildSafetyReviewRequired" | "CyberTipNotConfigured";
  constructor(name: CyberTipServiceError["name"], message: string) {
    super(message);
    this.name = name;
  }
}

export interface Requester {
  actor: string;
  /** The requester's role may decide child-safety cases. */
  mayDecideChildSafety: boolean;
}

export interface CyberTipServiceDeps {
  evidence: CyberTipEvidenceRepository;
  reports: CyberTipRepository;
  reporter: ReporterConfig;
  revealPhone(encrypted: string): string | null;
  /** NCMEC credentials are configured (else requests are refused, not queued forever). */
  configured: boolean;
  /** Called after a request commits: run the job now rather than at its next poll. */
  onRequested(): void;
}

export interface CyberTipPreview {
  kind: CyberTipKind;
  xml: string;
  files: { media_id: string; confirmed_match: boolean; file_details_xml: string }[];
  needs_child_safety_decision: boolean;
}

/** Stored with the request: the reviewer's inputs and whether a child-safety reviewer made the decision. */
interface StoredInputs extends ReviewerInputs {
  child_safety_decision: boolean;
}

export class CyberTipService {
  constructor(private readonly deps: CyberTipServiceDeps) {}

  private async kindAndPrior(caseId: number): Promise<{ kind: CyberTipKind; prior: string[] }> {
    const rows = await this.deps.reports.forCase(caseId);
    const prior = rows.flatMap((r) => (r.state === "finished" && r.ncmecReportId ? [r.ncmecReportId] : []));
    return { kind: prior.length > 0 ? "follow_up" : "initial", prior };
  }

  async plan(
    caseId: number,
    inputs: ReviewerInputs,
    actor: string,
    prior: string[],
  ): Promise<PlannedCyberTip> {
    const evidence = await this.deps.evidence.forCase(caseId);
    if (!evidence) throw new CyberTipServiceError("CaseNotFound", `no case ${caseId}`);
    return planCyberTip(
      evidence,
      inputs,
      { reporter: this.deps.reporter, revealPhone: this.deps.revealPhone, priorReports: prior },
      actor,
    );
  }

  async preview(caseId: number, inputs: ReviewerInputs, actor: string): Promise<CyberTipPreview> {
    const { kind, prior } = await this.kindAndPrior(caseId);
    const plan = await this.plan(caseId, inputs, actor, prior);
    return {
      kind,
      xml: reportXml(plan.report),
      // The ids NCMEC assigns are not known yet: placeholders show where they go.
      files: plan.files.map((f) => ({
        media_id: f.mediaId,
        confirmed_match: f.confirmedMatch,
        file_details_xml: fileDetailsXml({ ...f.details, reportId: "1", fileId: "assigned-by-ncmec" }),
      })),
      needs_child_safety_decision: plan.needsChildSafetyDecision,
    };
  }

  async request(caseId: number, inputs: ReviewerInputs, by: Requester): Promise<CyberTipRow> {
    if (!this.deps.configured) {
      throw new CyberTipServiceError(
        "CyberTipNotConfigured",
        "set VIGIL_NCMEC_USER and VIGIL_NCMEC_PASSWORD to submit",
      );
    }
    if (!this.deps.reporter.reporter.reportingPerson.emails?.length) {
      throw new CyberTipServiceError(
        "CyberTipNotConfigured",
        "set VIGIL_NCMEC_REPORTER_EMAIL: NCMEC sends its receipt there",
      );
    }
    const { kind, prior } = await this.kindAndPrior(caseId);
    // Built now so bad content or a missing file is refused to the reviewer, not found later by the job.
    const plan = await this.plan(caseId, inputs, by.actor, prior);
    reportXml(plan.report);
    if (plan.needsChildSafetyDecision && !by.mayDecideChildSafety) {
      throw new CyberTipServiceError(
        "ChildSafetyReviewRequired",
        "material that did not match a confirmed bank entry is reported only on a child-safety reviewer's decision",
      );
    }
    const stored: StoredInputs = { ...inputs, child_safety_decision: by.mayDecideChildSafety };
    const row = await this.deps.reports.request({
      caseId,
      kind,
      requestedBy: by.actor,
      inputs: stored as unknown as Record<string, unknown>,
    });
    this.deps.onRequested();
    return row;
  }

  /** For the submission job: the report as the stored request describes it, with the confirmation re-checked. */
  async planStored(row: CyberTipRow): Promise<PlannedCyberTip> {
    const { child_safety_decision: decided, ...rest } = row.inputs as unknown as StoredInputs;
    const inputs = ReviewerInputs.parse(rest);
    const rows = await this.deps.reports.forCase(row.caseId);
    const prior = rows.flatMap((r) => (r.state === "finished" && r.ncmecReportId ? [r.ncmecReportId] : []));
    const plan = await this.plan(row.caseId, inputs, row.requestedBy, prior);
    if (plan.needsChildSafetyDecision && !decided) {
      throw new CyberTipServiceError(
        "ChildSafetyReviewRequired",
        "no child-safety reviewer decided this report",
      );
    }
    return plan;
  }

  /** The files the case could report (photos, report attachments) as the report would describe them. */
  async files(caseId: number): Promise<CaseFile[]> {
    const evidence = await this.deps.evidence.forCase(caseId);
    if (!evidence) throw new CyberTipServiceError("CaseNotFound", `no case ${caseId}`);
    return caseFiles(evidence);
  }

  list(caseId: number): Promise<CyberTipRow[]> {
    return this.deps.reports.forCase(caseId);
  }
}
