/**
 * Network expansion (issue 10, migration 0006): where invite links were posted,
 * links between cases (ban evasion), and stored expansions with their ranked
 * candidates. The graph's other columns live on accounts, groups and
 * memberships (tables/subjects.ts).
 */
import { sql } from "drizzle-orm";
import { bigint, bigserial, integer, jsonb, pgTable, primaryKey, real, text } from "drizzle-orm/pg-core";
import { at, createdAt } from "./timestamps.js";

export const inviteLinkPostings = pgTable("invite_link_postings", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  linkId: bigint("link_id", { mode: "number" }).notNull(),
  /** Posted in this group (a message the platform reported), or … */
  postedInGroupId: bigint("posted_in_group_id", { mode: "number" }),
  /** … listed on this directory page (the crawler's `found_on`). */
  directoryUrl: text("directory_url"),
  postedByAccountId: bigint("posted_by_account_id", { mode: "number" }),
  seenAt: at("seen_at").notNull(),
});

export const CASE_RELATION_KINDS = ["ban_evasion"] as const;
export type CaseRelationKind = (typeof CASE_RELATION_KINDS)[number];

export const caseRelations = pgTable("case_relations", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  caseId: bigint("case_id", { mode: "number" }).notNull(),
  relatedCaseId: bigint("related_case_id", { mode: "number" }),
  relatedSubjectType: text("related_subject_type").notNull(),
  relatedSubjectId: text("related_subject_id").notNull(),
  kind: text("kind").$type<CaseRelationKind>().notNull(),
  detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  createdAt: createdAt(),
});

export const EXPANSION_STATUSES = ["running", "finished", "failed"] as const;
export type ExpansionStatus = (typeof EXPANSION_STATUSES)[number];
export type ExpansionSubjectKind = "account" | "group";

export const expansions = pgTable("expansions", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  publicId: text("public_id").notNull().unique(),
  platform: text("platform").notNull(),
  seedKind: text("seed_kind").$type<ExpansionSubjectKind>().notNull(),
  seedId: text("seed_id").notNull(),
  params: jsonb("params").$type<Record<string, unknown>>().notNull(),
  status: text("status").$type<ExpansionStatus>().notNull().default("running"),
  createdBy: text("created_by").notNull(),
  createdAt: createdAt(),
  finishedAt: at("finished_at"),
  summary: jsonb("summary").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
});

export const expansionCandidates = pgTable(
  "expansion_candidates",
  {
    expansionId: bigint("expansion_id", { mode: "number" }).notNull(),
    rank: integer("rank").notNull(),
    subjectKind: text("subject_kind").$type<ExpansionSubjectKind>().notNull(),
    platformId: text("platform_id").notNull(),
    score: real("score").notNull(),
    evidence: jsonb("evidence").$type<unknown[]>().notNull(),
    suggestedAction: text("suggested_action").notNull(),
  },
  (t) => [primaryKey({ columns: [t.expansionId, t.rank] })],
);
