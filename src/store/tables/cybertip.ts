/**
 * CyberTipline reports: one row per submission attempt of a case's report,
 * with its lifecycle state (report/cybertip/lifecycle.ts), NCMEC's report id
 * and the SHA-256 of the XML sent. The finished row is where a case's NCMEC
 * report id lives: `SELECT ncmec_report_id FROM cybertip_reports WHERE
 * case_id = $1 AND state = 'finished'`.
 */
import { sql } from "drizzle-orm";
import { bigint, bigserial, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { CyberTipState } from "../../domain/cybertip-lifecycle.js";
import { at, createdAt } from "./timestamps.js";

export { CYBERTIP_STATES, type CyberTipState } from "../../domain/cybertip-lifecycle.js";

/** A case's first report, or a follow-up citing earlier ones (priorCTReports). */
export const CYBERTIP_KINDS = ["initial", "follow_up"] as const;
export type CyberTipKind = (typeof CYBERTIP_KINDS)[number];

const ACTIVE = sql`state IN ('pending', 'opened', 'files_uploaded', 'fileinfo_sent')`;

export const cybertipReports = pgTable(
  "cybertip_reports",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    caseId: bigint("case_id", { mode: "number" }).notNull(),
    kind: text("kind").$type<CyberTipKind>().notNull(),
    attempt: integer("attempt").notNull(),
    state: text("state").$type<CyberTipState>().notNull(),
    /** `user:<email>` of the reviewer whose decision this report carries. */
    requestedBy: text("requested_by").notNull(),
    /** The reviewer's inputs (incident type, classifications, annotations, follow-up of). */
    inputs: jsonb("inputs").$type<Record<string, unknown>>().notNull(),
    ncmecReportId: text("ncmec_report_id"),
    xmlSha256: text("xml_sha256"),
    fileIds: jsonb("file_ids").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    error: text("error"),
    /** A job holds an active attempt until then; an expired lease means its job died. */
    leaseUntil: at("lease_until"),
    createdAt: createdAt(),
    updatedAt: at("updated_at").notNull().defaultNow(),
    finishedAt: at("finished_at"),
  },
  (t) => [
    uniqueIndex("cybertip_reports_attempt").on(t.caseId, t.kind, t.attempt),
    uniqueIndex("cybertip_reports_one_finished").on(t.caseId, t.kind).where(sql`state = 'finished'`),
    uniqueIndex("cybertip_reports_one_active").on(t.caseId, t.kind).where(ACTIVE),
    index("cybertip_reports_ncmec_id").on(t.ncmecReportId),
    index("cybertip_reports_due").on(t.leaseUntil).where(ACTIVE),
  ],
);
