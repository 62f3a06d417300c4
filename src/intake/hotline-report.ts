/**
 * A hotline caller's report as an analyst records it (issue 6, point 7):
 * links, phone numbers, screenshots already uploaded into the media vault,
 * and notes. It becomes an ordinary report with source `hotline` (the same
 * ReportFields POST /v1/reports accepts), so it is deduplicated, decided and
 * audited by the one pipeline; the links and numbers travel in its text,
 * where the text signal reads them too.
 */
import { z } from "zod";
import { Platform, PlatformId, ReportFields } from "../domain/event-schema.js";
import { SUBJECT_TYPES } from "../domain/subjects.js";

/** Digits with an optional leading +, as callers read them out (spaces, dots, dashes and brackets dropped). */
const PhoneNumber = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ().-]{5,30}$/, "a phone number: digits, optionally + and spaces, dots, dashes or brackets")
  .transform((v) => v.replace(/[^0-9+]/g, ""));

export const HotlineReport = z.strictObject({
  platform: Platform,
  subject: z.strictObject({ type: z.enum(SUBJECT_TYPES), id: PlatformId }),
  reason: z.string().trim().min(1).max(200),
  caller: z
    .strictObject({ name: z.string().max(200).optional(), contact: z.string().max(320).optional() })
    .optional(),
  links: z
    .array(z.url({ protocol: /^https?$/ }).max(2048))
    .max(50)
    .default([]),
  phone_numbers: z.array(PhoneNumber).max(50).default([]),
  notes: z.string().max(15000).default(""),
  /** media ids from POST /v1/console/media. */
  screenshots: z.array(z.string().min(1).max(100)).max(20).default([]),
  language: z.string().max(35).optional(),
});
export type HotlineReport = z.infer<typeof HotlineReport>;

/** The report the pipeline receives; `recordedBy` is the analyst (`user:<email>`). */
export function hotlineReportFields(report: HotlineReport, recordedBy: string): z.infer<typeof ReportFields> {
  const sections = [
    report.notes.trim(),
    report.links.length > 0 ? `Links:\n${report.links.join("\n")}` : "",
    report.phone_numbers.length > 0 ? `Phone numbers:\n${report.phone_numbers.join("\n")}` : "",
  ].filter((s) => s !== "");
  return ReportFields.parse({
    source: "hotline",
    reporter: { kind: "hotline_caller", recorded_by: recordedBy, ...(report.caller ?? {}) },
    subject: report.subject,
    reason: report.reason,
    text: sections.join("\n\n") || undefined,
    language: report.language,
    attachments: report.screenshots.length > 0 ? report.screenshots : undefined,
  });
}
