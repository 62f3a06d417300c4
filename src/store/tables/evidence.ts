/**
 * Evidence under legal hold (migration 0005-evidence): holds on a case and the
 * media it referenced, and sealed snapshots of case records in the media vault.
 */
import { bigint, bigserial, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { at, createdAt } from "./timestamps.js";

export const legalHolds = pgTable("legal_holds", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  caseId: bigint("case_id", { mode: "number" }).notNull(),
  reason: text("reason").notNull(),
  /** The CyberTipline report whose filing placed the hold; null for holds placed by hand. */
  reportId: text("report_id"),
  placedBy: text("placed_by").notNull(),
  placedAt: at("placed_at").notNull().defaultNow(),
  heldUntil: at("held_until").notNull(),
  releasedAt: at("released_at"),
  releasedBy: text("released_by"),
  releaseReason: text("release_reason"),
});

/** The media a case referenced when its hold was placed: held with it even if the case later changes. */
export const legalHoldMedia = pgTable(
  "legal_hold_media",
  {
    holdId: bigint("hold_id", { mode: "number" }).notNull(),
    mediaId: text("media_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.holdId, t.mediaId] })],
);

/** A case record as it was (subject, signals, reports, moderation history), sealed as a vault blob. */
export const evidenceSnapshots = pgTable("evidence_snapshots", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  caseId: bigint("case_id", { mode: "number" }).notNull(),
  holdId: bigint("hold_id", { mode: "number" }),
  /** Null once the retention job purged the blob. */
  blobRef: text("blob_ref"),
  /** SHA-256 of the snapshot's JSON, so an export can show it is the one taken. */
  sha256: text("sha256").notNull(),
  size: bigint("size", { mode: "number" }).notNull(),
  takenBy: text("taken_by").notNull(),
  createdAt: createdAt(),
  purgedAt: at("purged_at"),
});
