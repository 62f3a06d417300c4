/**
 * The CyberTipline routes' response shapes (zod), apart from the routes so the
 * console (web/) can import their types: a case's attempts, the files it
 * could report, the choices a reviewer has, and a preview.
 */
import { z } from "zod";
import {
  FILE_ANNOTATIONS,
  INCIDENT_TYPES,
  INDUSTRY_CLASSIFICATIONS,
  REPORT_ANNOTATIONS,
} from "../report/cybertip/model.js";
import { CYBERTIP_KINDS, CYBERTIP_STATES } from "../store/tables/cybertip.js";

export const CyberTipAttemptView = z.object({
  id: z.number(),
  kind: z.enum(CYBERTIP_KINDS),
  attempt: z.number(),
  state: z.enum(CYBERTIP_STATES),
  ncmec_report_id: z.string().nullable(),
  xml_sha256: z.string().nullable(),
  file_ids: z.array(z.string()),
  requested_by: z.string(),
  error: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  finished_at: z.string().nullable(),
});
export type CyberTipAttemptView = z.infer<typeof CyberTipAttemptView>;

/** A confirmed (or unconfirmed) bank entry a file matched: what the preview names. */
export const CyberTipMatchView = z.object({
  bank: z.string(),
  signal_type: z.string(),
  distance: z.number(),
  provenance: z.string(),
});
export type CyberTipMatchView = z.infer<typeof CyberTipMatchView>;

export const CyberTipFileView = z.object({
  media_id: z.string(),
  location: z.string(),
  /** Vigil holds the bytes (only such files can be uploaded). */
  stored: z.boolean(),
  viewed_by_esp: z.boolean(),
  confirmed_match: z.boolean(),
  /** Issue 16: the bank entries this file matched (confirmed ones make confirmed_match true). */
  matches: z.array(CyberTipMatchView),
});
export type CyberTipFileView = z.infer<typeof CyberTipFileView>;

export const CyberTipCaseView = z.object({
  ncmec_report_ids: z.array(z.string()),
  attempts: z.array(CyberTipAttemptView),
  files: z.array(CyberTipFileView),
  /** The XSD's choices, from the server, so the console keeps no list of its own. */
  options: z.object({
    incident_types: z.array(z.enum(INCIDENT_TYPES)),
    classifications: z.array(z.enum(INDUSTRY_CLASSIFICATIONS)),
    file_annotations: z.array(z.enum(FILE_ANNOTATIONS)),
    report_annotations: z.array(z.enum(REPORT_ANNOTATIONS)),
  }),
});
export type CyberTipCaseView = z.infer<typeof CyberTipCaseView>;

/** Personal data the report will carry, shown to the reviewer before submission. */
export const CYBERTIP_PERSONAL_DATA_KINDS = ["phone", "name", "screen_name", "email", "account_id"] as const;
export const CyberTipPersonalDataView = z.object({
  kind: z.enum(CYBERTIP_PERSONAL_DATA_KINDS),
  value: z.string(),
  /** Whose it is: "reported account acc-1", "victim", "reporter". */
  about: z.string(),
});
export type CyberTipPersonalDataView = z.infer<typeof CyberTipPersonalDataView>;

export const CyberTipPreviewView = z.object({
  kind: z.enum(CYBERTIP_KINDS),
  xml: z.string(),
  files: z.array(
    z.object({
      media_id: z.string(),
      confirmed_match: z.boolean(),
      file_details_xml: z.string(),
      /** Issue 16: which bank entries it matched, and whether the reviewer ticked it (false: not sent). */
      matches: z.array(CyberTipMatchView),
      selected: z.boolean(),
    }),
  ),
  needs_child_safety_decision: z.boolean(),
  /** Issue 16: every file the case could send, ticked or not, with its matches: the preview never says "did not match" for an unticked file. */
  candidate_files: z.array(CyberTipFileView),
  /** One sentence per point of what would be sent (files and their matches, or "no file is selected: ..."). */
  summary: z.array(z.string()),
  personal_data: z.array(CyberTipPersonalDataView),
  /** The reporting person as the XML names them: their name, e-mail and real console role. */
  reporter: z.object({ name: z.string(), email: z.string().nullable(), role: z.string() }),
});
export type CyberTipPreviewView = z.infer<typeof CyberTipPreviewView>;
