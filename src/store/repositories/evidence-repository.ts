/**
 * Evidence rows: which media a case references, sealed case snapshots, what
 * the retention job may look at, and removals that re-check legal holds
 * inside their own transaction (row locks, so a hold being placed at the same
 * moment either wins or sees the removal). Removing a blob here only clears
 * the reference; the caller deletes the ciphertext after commit.
 */
import { and, asc, eq, gt, isNotNull, lt, ne, type SQL, sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { auditLog, cases, evidenceSnapshots, media } from "../schema.js";
import type { AuditEntry } from "./audit-repository.js";
import { LegalHoldRepository } from "./legal-hold-repository.js";

export type SnapshotRow = typeof evidenceSnapshots.$inferSelect;

/** Something the retention job may purge: a media blob or a snapshot blob, with its age. */
export interface StoredEvidence {
  kind: "media" | "snapshot";
  id: string;
  blobRef: string;
  createdAt: Date;
  /** Snapshots: the case they record. */
  caseId: number | null;
}

export type RemovalResult =
  | { kind: "removed"; blobRefs: string[] }
  | { kind: "held"; holdIds: number[] }
  | { kind: "absent" };

interface CaseMediaRow {
  case_id: string | number;
  media_id: string;
}

export class EvidenceRepository {
  private readonly holds: LegalHoldRepository;
  constructor(private readonly db: VigilDb) {
    this.holds = new LegalHoldRepository(db);
  }

  /**
   * Media ids each case references: the subject itself when it is media, the
   * group's photo and every past photo, the account's photo, and attachments
   * of reports about the subject. Only ids Vigil has a media row for.
   */
  async mediaOfCases(
    which: { caseId: number } | { caseIds: number[] } | "open",
  ): Promise<Map<number, string[]>> {
    if (typeof which === "object" && "caseIds" in which && which.caseIds.length === 0) return new Map();
    const filter: SQL =
      which === "open"
        ? sql`status <> 'closed'`
        : "caseId" in which
          ? sql`id = ${which.caseId}`
          : sql`id IN (${sql.join(
              which.caseIds.map((id) => sql`${id}`),
              sql`, `,
            )})`;
    const result = (await this.db.execute(sql`
      WITH c AS (SELECT id, platform, subject_type, subject_id FROM cases WHERE ${filter}),
      g AS (SELECT c.id AS case_id, gr.id AS group_id, gr.photo FROM c
            JOIN groups gr ON c.subject_type = 'group' AND gr.platform = c.platform AND gr.external_id = c.subject_id),
      refs AS (
        SELECT case_id, photo->>'mediaId' AS media_id FROM g
        UNION SELECT g.case_id, r.photo->>'mediaId' FROM g JOIN group_revisions r ON r.group_id = g.group_id
        UNION SELECT c.id, a.photo->>'mediaId' FROM c
              JOIN accounts a ON c.subject_type = 'account' AND a.platform = c.platform AND a.external_id = c.subject_id
        UNION SELECT c.id, c.subject_id FROM c WHERE c.subject_type = 'media'
        UNION SELECT c.id, jsonb_array_elements_text(rep.attachments) FROM c
              JOIN reports rep ON rep.platform = c.platform AND rep.subject_type = c.subject_type AND rep.subject_id = c.subject_id
      )
      SELECT DISTINCT refs.case_id, refs.media_id FROM refs JOIN media m ON m.id = refs.media_id
      ORDER BY refs.case_id, refs.media_id`)) as unknown as { rows: CaseMediaRow[] };
    const byCase = new Map<number, string[]>();
    for (const row of result.rows) {
      const id = Number(row.case_id);
      byCase.set(id, [...(byCase.get(id) ?? []), row.media_id]);
    }
    return byCase;
  }

  async openCaseIds(): Promise<Set<number>> {
    const rows = await this.db.select({ id: cases.id }).from(cases).where(ne(cases.status, "closed"));
    return new Set(rows.map((r) => r.id));
  }

  async snapshotsOfCase(caseId: number): Promise<SnapshotRow[]> {
    return this.db
      .select()
      .from(evidenceSnapshots)
      .where(eq(evidenceSnapshots.caseId, caseId))
      .orderBy(asc(evidenceSnapshots.id));
  }

  async snapshot(id: number): Promise<SnapshotRow | null> {
    const [row] = await this.db.select().from(evidenceSnapshots).where(eq(evidenceSnapshots.id, id));
    return row ?? null;
  }

  /** Stored blobs created before `before`, a page at a time in a stable order. */
  async *storedBefore(before: Date, pageSize = 500): AsyncGenerator<StoredEvidence> {
    let after = "";
    for (;;) {
      const page = await this.db
        .select({ id: media.id, blobRef: media.blobRef, createdAt: media.createdAt })
        .from(media)
        .where(and(isNotNull(media.blobRef), lt(media.createdAt, before), gt(media.id, after)))
        .orderBy(asc(media.id))
        .limit(pageSize);
      for (const row of page) {
        yield {
          kind: "media",
          id: row.id,
          blobRef: row.blobRef ?? "",
          createdAt: row.createdAt,
          caseId: null,
        };
      }
      if (page.length < pageSize) break;
      after = page[page.length - 1].id;
    }
    let afterId = 0;
    for (;;) {
      const page = await this.db
        .select()
        .from(evidenceSnapshots)
        .where(
          and(
            isNotNull(evidenceSnapshots.blobRef),
            lt(evidenceSnapshots.createdAt, before),
            gt(evidenceSnapshots.id, afterId),
          ),
        )
        .orderBy(asc(evidenceSnapshots.id))
        .limit(pageSize);
      for (const row of page) {
        yield {
          kind: "snapshot",
          id: String(row.id),
          blobRef: row.blobRef ?? "",
          createdAt: row.createdAt,
          caseId: row.caseId,
        };
      }
      if (page.length < pageSize) break;
      afterId = page[page.length - 1].id;
    }
  }

  async countStoredBefore(before: Date): Promise<number> {
    const [m] = await this.db
      .select({ n: sql<number>`count(*)` })
      .from(media)
      .where(and(isNotNull(media.blobRef), lt(media.createdAt, before)));
    const [s] = await this.db
      .select({ n: sql<number>`count(*)` })
      .from(evidenceSnapshots)
      .where(and(isNotNull(evidenceSnapshots.blobRef), lt(evidenceSnapshots.createdAt, before)));
    return Number(m?.n ?? 0) + Number(s?.n ?? 0);
  }

  /** Clears a media row's blob reference unless an active hold keeps it; the audit entry commits with it. */
  async removeMediaBlob(mediaId: string, now: Date, audit: AuditEntry): Promise<RemovalResult> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(media).where(eq(media.id, mediaId)).for("update");
      if (!row?.blobRef) return { kind: "absent" };
      const holdIds = await this.holds.holdsOnMedia(mediaId, now, tx);
      if (holdIds.length > 0) return { kind: "held", holdIds };
      await tx.update(media).set({ blobRef: null }).where(eq(media.id, mediaId));
      await tx.insert(auditLog).values({ ...audit, detail: { ...audit.detail, blob_ref: row.blobRef } });
      return { kind: "removed", blobRefs: [row.blobRef] };
    });
  }

  /** Marks a snapshot purged unless its case is under an active hold. */
  async removeSnapshot(id: number, now: Date, audit: AuditEntry): Promise<RemovalResult> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(evidenceSnapshots)
        .where(eq(evidenceSnapshots.id, id))
        .for("update");
      if (!row?.blobRef) return { kind: "absent" };
      const holdIds = await this.holds.holdsOnCase(row.caseId, now, tx);
      if (holdIds.length > 0) return { kind: "held", holdIds };
      await tx
        .update(evidenceSnapshots)
        .set({ blobRef: null, purgedAt: now })
        .where(eq(evidenceSnapshots.id, id));
      await tx.insert(auditLog).values({ ...audit, detail: { ...audit.detail, blob_ref: row.blobRef } });
      return { kind: "removed", blobRefs: [row.blobRef] };
    });
  }

  /**
   * Deletes a case row and marks its snapshots purged unless the case is under
   * an active hold. The moderation log stays: it is append-only by design.
   */
  async removeCase(caseId: number, now: Date, audit: AuditEntry): Promise<RemovalResult> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for("update");
      if (!row) return { kind: "absent" };
      const holdIds = await this.holds.holdsOnCase(caseId, now, tx);
      if (holdIds.length > 0) return { kind: "held", holdIds };
      const sealed = await tx
        .select({ blobRef: evidenceSnapshots.blobRef })
        .from(evidenceSnapshots)
        .where(and(eq(evidenceSnapshots.caseId, caseId), isNotNull(evidenceSnapshots.blobRef)))
        .for("update");
      await tx
        .update(evidenceSnapshots)
        .set({ blobRef: null, purgedAt: now })
        .where(eq(evidenceSnapshots.caseId, caseId));
      await tx.delete(cases).where(eq(cases.id, caseId));
      await tx.insert(auditLog).values({ ...audit, detail: { ...audit.detail, snapshots: sealed.length } });
      return { kind: "removed", blobRefs: sealed.flatMap((r) => (r.blobRef ? [r.blobRef] : [])) };
    });
  }
}
