/**
 * What a reviewer decides for a report (POST /v1/cases/{id}/cybertip): the
 * incident type from NCMEC's list, which files go in with their industry
 * classification and annotations, report annotations, earlier reports this
 * one follows up, and free text. Stored with the request, so the job that
 * sends the report later builds exactly what the reviewer confirmed.
 */
import { z } from "zod";
import { FILE_ANNOTATIONS, INCIDENT_TYPES, INDUSTRY_CLASSIFICATIONS, REPORT_ANNOTATIONS } from "./model.js";

export const ReviewerFile = z.strictObject({
  media_id: z.string().min(1).max(100),
  classification: z.enum(INDUSTRY_CLASSIFICATIONS).optional(),
  annotations: z.array(z.enum(FILE_ANNOTATIONS)).max(FILE_ANNOTATIONS.length).optional(),
});

export const ReviewerVictim = z.strictObject({
  first_name: z.string().min(1).max(200).optional(),
  last_name: z.string().min(1).max(200).optional(),
  /** Known or apparent age in years. */
  age: z.number().int().min(0).max(130).optional(),
  /** The victim's account on the platform, when there is one. */
  platform_id: z.string().min(1).max(200).optional(),
  screen_name: z.string().min(1).max(200).optional(),
  notes: z.string().min(1).max(4000).optional(),
});

export const ReviewerInputs = z.strictObject({
  incident_type: z.enum(INCIDENT_TYPES),
  /** ISO 8601; the earliest evidence about the subject when absent. */
  incident_date_time: z.iso.datetime({ offset: true }).optional(),
  report_annotations: z.array(z.enum(REPORT_ANNOTATIONS)).max(REPORT_ANNOTATIONS.length).optional(),
  /** Text that asks NCMEC to escalate (immediate risk to a child); leave out otherwise. */
  escalate: z.string().min(1).max(2000).optional(),
  files: z.array(ReviewerFile).max(100).default([]),
  /** Earlier CyberTipline report ids this report follows up (priorCTReports). */
  follow_up_of: z
    .array(z.string().regex(/^[1-9][0-9]{0,18}$/, "a CyberTipline report id"))
    .max(50)
    .optional(),
  additional_info: z.string().max(20000).optional(),
  /** What the reviewer knows of the child or children concerned (NCMEC's victim). */
  victims: z.array(ReviewerVictim).max(20).optional(),
});
export type ReviewerInputs = z.infer<typeof ReviewerInputs>;
