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
import { matchViews, type PersonalDatum, personalData, previewSummary } from "./preview-truth.js";
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
  /** The requester's console role, named truthfully in the report (issue 16). */
  role?: string;
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

type MatchView = ReturnType<typeof matchViews>[number];

/** The preview as the API answers it (api/cybertip-views.ts CyberTipPreviewView). */
export interface CyberTipPreview {
  kind: CyberTipKind;
  xml: string;
  files: {
    media_id: string;
    confirmed_match: boolean;
    file_details_xml: string;
    matches: MatchView[];
    selected: boolean;
  }[];
  needs_child_safety_decision: boolean;
  candidate_files: ReturnType<typeof caseFileView>[];
  summary: string[];
  personal_data: PersonalDatum[];
  reporter: { name: string; email: string | null; role: string };
}

/** Stored with the request: the reviewer's inputs and whether a child-safety reviewer made the decision. */
interface StoredInputs extends ReviewerInputs {
  child_safety_decision: boolean;
  requester_role?: string;
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
    role?: string,
  ): Promise<PlannedCyberTip> {
    const evidence = await this.deps.evidence.forCase(caseId);
    if (!evidence) throw new CyberTipServiceError("CaseNotFound", `no case ${caseId}`);
    return planCyberTip(
      evidence,
      inputs,
      { reporter: this.deps.reporter, revealPhone: this.deps.revealPhone, priorReports: prior },
      actor,
      role,
    );
  }

  async preview(
    caseId: number,
    inputs: ReviewerInputs,
    actor: string,
    role?: string,
  ): Promise<CyberTipPreview> {
    const { kind, prior } = await this.kindAndPrior(caseId);
    const plan = await this.plan(caseId, inputs, actor, prior, role);
    const all = await this.files(caseId);
    const byId = new Map(all.map((f) => [f.mediaId, f]));
    const person = plan.report.reporter.reportingPerson;
    return {
      kind,
      xml: reportXml(plan.report),
      // The ids NCMEC assigns are not known yet: placeholders show where they go.
      files: plan.files.map((f) => ({
        media_id: f.mediaId,
        confirmed_match: f.confirmedMatch,
        file_details_xml: fileDetailsXml({ ...f.details, reportId: "1", fileId: "assigned-by-ncmec" }),
        matches: matchViews(byId.get(f.mediaId)?.matches ?? []),
        selected: true,
      })),
      needs_child_safety_decision: plan.needsChildSafetyDecision,
      candidate_files: all.map(caseFileView),
      summary: previewSummary(all, new Set(plan.files.map((f) => f.mediaId))),
      personal_data: personalData(plan.report),
      reporter: {
        name: [person.firstName, person.lastName].filter(Boolean).join(" ") || actor,
        email: person.emails?.[0] ?? null,
        role: role ?? "unknown",
      },
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
    const plan = await this.plan(caseId, inputs, by.actor, prior, by.role);
    reportXml(plan.report);
    if (plan.needsChildSafetyDecision && !by.mayDecideChildSafety) {
      throw new CyberTipServiceError(
        "ChildSafetyReviewRequired",
        "material that did not match a confirmed bank entry is reported only on a child-safety reviewer's decision",
      );
    }
    const stored: StoredInputs = {
      ...inputs,
      child_safety_decision: by.mayDecideChildSafety,
      ...(by.role ? { requester_role: by.role } : {}),
    };
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
    const {
      child_safety_decision: decided,
      requester_role: role,
      ...rest
    } = row.inputs as unknown as StoredInputs;
    const inputs = ReviewerInputs.parse(rest);
    const rows = await this.deps.reports.forCase(row.caseId);
    const prior = rows.flatMap((r) => (r.state === "finished" && r.ncmecReportId ? [r.ncmecReportId] : []));
    const plan = await this.plan(row.caseId, inputs, row.requestedBy, prior, role);
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

/** A case file as the console's NCMEC panel lists it. */
export function caseFileView(f: CaseFile) {
  return {
    media_id: f.mediaId,
    location: f.location,
    stored: Boolean(f.media?.blobRef),
    viewed_by_esp: f.viewedByEsp,
    confirmed_match: f.confirmedMatches.length > 0,
    matches: matchViews(f.matches),
  };
}
