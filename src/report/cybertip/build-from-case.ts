/**
 * A case in the store + the reviewer's inputs -> the CyberTipline report and
 * the files to upload with their fileDetails. Pure: the evidence is read
 * first (CyberTipEvidenceRepository), phones are decrypted through the port
 * given. Platform text (group names, report text) goes through
 * `visibleControls`, so a control character a user typed is reported as
 * `[U+0007]` rather than stopping the report.
 */
import { openTextColumn } from "../../domain/personal-fields.js";
import type { CaseEvidence } from "../../store/repositories/cybertip-evidence-repository.js";
import { type CaseFile, caseFiles } from "./case-files.js";
import { ipCaptureEvents } from "./ip-capture-events.js";
import type { CyberTipReport, FileDetails, ReportedUser } from "./model.js";
import type { ReporterConfig } from "./reporter-config.js";
import type { ReviewerInputs } from "./reviewer-inputs.js";
import { visibleControls } from "./xml-writer.js";

export interface PlannedFile {
  mediaId: string;
  /** The sealed blob to upload. */
  blobRef: string;
  fileName: string;
  /** fileDetails without the ids NCMEC assigns (reportId from submit, fileId from upload). */
  details: Omit<FileDetails, "reportId" | "fileId">;
  confirmedMatch: boolean;
}

export interface PlannedCyberTip {
  report: CyberTipReport;
  files: PlannedFile[];
  /** Some material did not match a confirmed bank entry (or there is no file): a child-safety reviewer must decide. */
  needsChildSafetyDecision: boolean;
}

export class CyberTipFileError extends Error {
  override readonly name: "CyberTipUnknownFile" | "CyberTipFileUnavailable";
  constructor(kind: "CyberTipUnknownFile" | "CyberTipFileUnavailable", message: string) {
    super(message);
    this.name = kind;
  }
}

export interface BuildContext {
  reporter: ReporterConfig;
  /** Opens a value sealed with the data key (phones, report texts); null when it cannot. */
  revealPhone(encrypted: string): string | null;
  /** NCMEC ids of this case's earlier finished reports, cited as priorCTReports. */
  priorReports: string[];
}

const clean = (s: string | null | undefined, max = 1900): string | undefined =>
  s ? visibleControls(s).slice(0, max) : undefined;

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/gif": "gif",
  "image/webp": "webp",
};

function earliestEvidence(e: CaseEvidence): Date {
  const times = [
    e.case.createdAt,
    ...e.reports.map((r) => r.createdAt),
    ...e.signals.map((s) => s.createdAt),
  ];
  return new Date(Math.min(...times.map((t) => t.getTime())));
}

function reportedUsers(
  e: CaseEvidence,
  ctx: BuildContext,
  prior: string[],
  espService: string,
): ReportedUser[] {
  const groupIdentifier = e.group ? e.group.externalId : undefined;
  const users: ReportedUser[] = e.accounts.map((a) => {
    const phone = a.phoneEncrypted ? ctx.revealPhone(a.phoneEncrypted) : null;
    return {
      person: phone ? { phones: [{ number: phone, type: "Mobile" }] } : undefined,
      espIdentifier: a.externalId,
      espService,
      displayNames: a.name ? [clean(a.name) as string] : undefined,
      ipCaptureEvents: ipCaptureEvents(e.ipCaptureData.get(a.externalId)),
      priorCTReports: prior.length > 0 ? prior : undefined,
      groupIdentifier,
      additionalInfo: e.group ? `Administrator of group ${e.group.externalId}.` : undefined,
    };
  });
  // The group itself is what was reported when no admin is known; groupIdentifier only exists on a reported user.
  if (users.length === 0 && (groupIdentifier || prior.length > 0)) {
    users.push({ espService, groupIdentifier, priorCTReports: prior.length > 0 ? prior : undefined });
  }
  return users;
}

/** Console roles as the report names the person who confirmed it. */
const ROLE_WORDS: Record<string, string> = {
  admin: "an administrator",
  lead: "a lead",
  reviewer: "a reviewer",
  child_safety_reviewer: "a child-safety reviewer",
  analyst: "an analyst",
  law_enforcement_liaison: "a law-enforcement liaison",
};

function summary(
  e: CaseEvidence,
  files: CaseFile[],
  inputs: ReviewerInputs,
  requestedBy: string,
  ctx: BuildContext,
  requesterRole?: string,
): string {
  const lines = [
    `Vigil case ${e.case.id} (${e.case.subjectType} ${e.case.subjectId} on ${e.case.platform}).`,
  ];
  for (const s of e.signals) {
    const d = s.detail;
    if (d.kind === "bank_match")
      lines.push(`Hash match: ${d.signalType} in bank ${d.bank} (${d.provenance}), distance ${d.distance}.`);
    if (d.kind === "text")
      lines.push(`Text signal on ${d.field}: ${d.category}, terms ${(d.terms as string[]).join(", ")}.`);
  }
  for (const r of e.reports) {
    // Report texts are sealed at rest (domain/personal-fields.ts); NCMEC gets them opened.
    const text = openTextColumn(r.text, (sealed) => ctx.revealPhone(sealed));
    lines.push(
      `${r.source} report ${r.publicId} (${r.createdAt.toISOString()}): ${clean(r.reason, 200)}${text ? ` - ${clean(text, 2000)}` : ""}`,
    );
  }
  const unconfirmed = files.filter((f) => f.confirmedMatches.length === 0).length;
  // The person's real role (issue 16): a lead is not called a child-safety reviewer.
  const who = requesterRole ? `${ROLE_WORDS[requesterRole] ?? requesterRole} (${requestedBy})` : requestedBy;
  lines.push(
    unconfirmed > 0 || files.length === 0
      ? `Reviewed and confirmed by ${who} before submission.`
      : `Every file matched a hash of confirmed provenance; submitted by ${who}.`,
  );
  if (inputs.additional_info) lines.push(visibleControls(inputs.additional_info));
  return lines.join("\n");
}

export function planCyberTip(
  e: CaseEvidence,
  inputs: ReviewerInputs,
  ctx: BuildContext,
  requestedBy: string,
  /** The requester's console role, named in the report (absent for requests stored before issue 16). */
  requesterRole?: string,
): PlannedCyberTip {
  const known = new Map(caseFiles(e).map((f) => [f.mediaId, f]));
  const chosen = inputs.files.map((f) => {
    const file = known.get(f.media_id);
    if (!file)
      throw new CyberTipFileError(
        "CyberTipUnknownFile",
        `media ${f.media_id} is not part of case ${e.case.id}`,
      );
    if (!file.media?.blobRef) {
      throw new CyberTipFileError(
        "CyberTipFileUnavailable",
        `Vigil holds only hashes of media ${f.media_id}, not the file`,
      );
    }
    return { input: f, file, blobRef: file.media.blobRef, media: file.media };
  });
  const espService = ctx.reporter.espService ?? e.case.platform;
  const prior = [...new Set([...ctx.priorReports, ...(inputs.follow_up_of ?? [])])];
  const incidentTime = inputs.incident_date_time ?? earliestEvidence(e).toISOString();
  const files = chosen.map(({ input, file, blobRef, media }): PlannedFile => {
    const hashes = [
      media.md5 && { hashType: "MD5", value: media.md5 },
      media.sha256 && { hashType: "SHA256", value: media.sha256 },
      media.pdq && { hashType: "PDQ", value: media.pdq },
    ].filter((h): h is { hashType: string; value: string } => Boolean(h));
    return {
      mediaId: file.mediaId,
      blobRef,
      fileName: `${file.mediaId}.${EXTENSIONS[media.mime ?? ""] ?? "bin"}`,
      confirmedMatch: file.confirmedMatches.length > 0,
      details: {
        fileName: `${file.mediaId}.${EXTENSIONS[media.mime ?? ""] ?? "bin"}`,
        originalFileName: clean(file.originalFileName),
        locationOfFile: file.location,
        fileViewedByEsp: file.viewedByEsp,
        fileRelevance: "Reported",
        fileAnnotations: input.annotations,
        industryClassification: input.classification,
        originalFileHashes: hashes,
        additionalInfo:
          file.confirmedMatches.length > 0
            ? [
                `Matched hash list entries of confirmed provenance in: ${[...new Set(file.confirmedMatches)].join(", ")}.`,
              ]
            : undefined,
      },
    };
  });
  const group = e.group;
  const report: CyberTipReport = {
    incidentSummary: {
      incidentType: inputs.incident_type,
      platform: espService,
      escalateToHighPriority: inputs.escalate,
      reportAnnotations: inputs.report_annotations,
      incidentDateTime: incidentTime,
      incidentDateTimeDescription: inputs.incident_date_time
        ? "As established by the reviewer."
        : "Earliest evidence Vigil holds about the reported subject (server clock, UTC).",
    },
    chatImIncidents: [
      {
        chatClient: espService,
        chatRoomName: clean(group?.name),
        additionalInfo: group
          ? `Group ID ${group.externalId}. Message contents are end-to-end encrypted and were not available to the provider; the evidence is what the platform shows unencrypted (group name, description, photos) and user reports.${group.description ? ` Group description: ${clean(group.description, 4000)}` : ""}`
          : "Message contents are end-to-end encrypted and were not available to the provider.",
      },
    ],
    reporter: ctx.reporter.reporter,
    personOrUserReported: reportedUsers(e, ctx, prior, espService),
    victims: (inputs.victims ?? []).map((v) => ({
      person: { firstName: clean(v.first_name), lastName: clean(v.last_name), age: v.age },
      espIdentifier: clean(v.platform_id),
      espService: v.platform_id ? espService : undefined,
      screenName: clean(v.screen_name),
      additionalInfo: clean(v.notes),
    })),
    additionalInfo: summary(
      e,
      chosen.map((c) => c.file),
      inputs,
      requestedBy,
      ctx,
      requesterRole,
    ),
  };
  return {
    report,
    files,
    needsChildSafetyDecision: files.length === 0 || files.some((f) => !f.confirmedMatch),
  };
}
