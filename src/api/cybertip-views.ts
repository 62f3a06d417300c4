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

export const CyberTipFileView = z.object({
  media_id: z.string(),
  location: z.string(),
  /** Vigil holds the bytes (only such files can be uploaded). */
  stored: z.boolean(),
  viewed_by_esp: z.boolean(),
  confirmed_match: z.boolean(),
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

export const CyberTipPreviewView = z.object({
  kind: z.enum(CYBERTIP_KINDS),
  xml: z.string(),
  files: z.array(
    z.object({ media_id: z.string(), confirmed_match: z.boolean(), file_details_xml: z.string() }),
  ),
  needs_child_safety_decision: z.boolean(),
});
export type CyberTipPreviewView = z.infer<typeof CyberTipPreviewView>;
