/**
 * Hotline intake in the caller's words (issue 16, point 5): the analyst pastes
 * what the caller said (links and phone numbers in any form), adds screenshots
 * (uploaded first with POST /v1/console/media), notes and the caller's
 * contact. `POST /v1/console/hotline/preview` says what Vigil understood and
 * writes nothing; `POST /v1/console/hotline/file` files one report per subject
 * (or one about an unknown link itself) and answers a reference number
 * (`HL-2026-000123`) to read back to the caller. The caller's contact is
 * sealed and read only through the audited `GET .../caller`. Changes are
 * additive only.
 */
import { z } from "zod";
import { SubjectRefView } from "./review-views.js";

export const HotlineIntakeBody = z.strictObject({
  /** What the caller said, pasted as given: links, phone numbers, group names, anything. */
  text: z.string().max(20_000).default(""),
  /** Extra links and numbers typed one per field (optional; `text` is read too). */
  links: z.array(z.string().trim().min(1).max(2048)).max(50).default([]),
  phone_numbers: z.array(z.string().trim().min(1).max(64)).max(50).default([]),
  /** The report's reason (`child_safety`, `spam`, ...): decides the queue. */
  reason: z.string().trim().min(1).max(200),
  /** The analyst's notes (kept with the report). */
  notes: z.string().max(15_000).default(""),
  /** Media ids from POST /v1/console/media. */
  screenshots: z.array(z.string().min(1).max(100)).max(20).default([]),
  caller: z
    .strictObject({ name: z.string().max(200).optional(), contact: z.string().max(320).optional() })
    .optional(),
  /** The platform to assume for numbers and bare ids that name none (e.g. `whatsapp`). */
  platform: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/)
    .optional(),
  /** ISO 3166 alpha-2 for national numbers; the organisation's default country when absent. */
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .optional(),
  language: z.string().max(35).optional(),
});
export type HotlineIntakeBody = z.infer<typeof HotlineIntakeBody>;

export const HotlineLinkView = z.object({
  /** As found in the text. */
  input: z.string(),
  /** null: not an invite link Vigil recognises (kept in the report's text). */
  platform: z.string().nullable(),
  code: z.string().nullable(),
  canonical_url: z.string().nullable(),
  /** Vigil has seen this link (from the platform or the crawler). */
  known: z.boolean(),
  /** The group it resolves to, when known. */
  group: z.object({ platform: z.string(), id: z.string(), name: z.string().nullable() }).nullable(),
  link_status: z.string().nullable(),
});
export type HotlineLinkView = z.infer<typeof HotlineLinkView>;

export const HotlinePhoneView = z.object({
  input: z.string(),
  /** E.164 with the organisation's default country; null when it is not a valid number. */
  e164: z.string().nullable(),
  valid: z.boolean(),
  /** Accounts with this number. */
  accounts: z.array(z.object({ platform: z.string(), id: z.string(), name: z.string().nullable() })),
});
export type HotlinePhoneView = z.infer<typeof HotlinePhoneView>;

export const HOTLINE_SUBJECT_SOURCES = ["link", "phone", "unknown_link", "unidentified"] as const;

/** One report will be filed about each of these. */
export const HotlineSubjectView = z.object({
  subject: SubjectRefView,
  label: z.string().nullable(),
  because: z.enum(HOTLINE_SUBJECT_SOURCES),
  /** Vigil knew the subject before this call. */
  known: z.boolean(),
  /** Its undecided cases, when it has any (the report will join them). */
  open_case_ids: z.array(z.number()),
});
export type HotlineSubjectView = z.infer<typeof HotlineSubjectView>;

export const HOTLINE_PROBLEMS = [
  "invalid_phone_number",
  "unrecognised_link",
  "nothing_identified",
  "unknown_screenshot",
] as const;

export const HotlinePreviewView = z.object({
  links: z.array(HotlineLinkView),
  phone_numbers: z.array(HotlinePhoneView),
  subjects: z.array(HotlineSubjectView),
  /** What the analyst should look at before filing; filing still works with any of these. */
  problems: z.array(z.object({ code: z.enum(HOTLINE_PROBLEMS), input: z.string(), message: z.string() })),
  country: z.string(),
  /** The queue the reports will go to by reason (unless a subject's open case takes them). */
  queue: z.string(),
});
export type HotlinePreviewView = z.infer<typeof HotlinePreviewView>;

export const HotlineFiledReportView = z.object({
  report_id: z.string(),
  subject: SubjectRefView,
  /** Filled once the pipeline has decided the report (usually within a second); see GET .../hotline/:reference. */
  case_id: z.number().nullable(),
  queue: z.string().nullable(),
});
export type HotlineFiledReportView = z.infer<typeof HotlineFiledReportView>;

export const HotlineFiledView = z.object({
  /** Read back to the caller; searchable. */
  reference: z.string(),
  created_at: z.string(),
  recorded_by: z.string(),
  reports: z.array(HotlineFiledReportView),
  preview: HotlinePreviewView,
  /** A caller's contact is stored (sealed); read it through GET .../caller (audited). */
  has_caller_contact: z.boolean(),
});
export type HotlineFiledView = z.infer<typeof HotlineFiledView>;

/** GET /v1/console/hotline/:reference: a filed call and where its reports are now. */
export const HotlineCallView = HotlineFiledView.omit({ preview: true });
export type HotlineCallView = z.infer<typeof HotlineCallView>;

export const HotlineCallerView = z.object({
  reference: z.string(),
  name: z.string().nullable(),
  contact: z.string().nullable(),
});
export type HotlineCallerView = z.infer<typeof HotlineCallerView>;

export const HotlineReferenceParams = z.object({
  reference: z.string().regex(/^HL-\d{4}-\d{6,}$/i, "a hotline reference, e.g. HL-2026-000123"),
});
