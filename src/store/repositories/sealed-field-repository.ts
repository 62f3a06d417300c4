/**
 * Where sealed personal fields and sealed blobs live, for re-sealing them
 * under the current keys after a rotation (`vigil keys rekey`): account
 * phones, event payloads, report texts and reporters, and the blob refs of
 * media and evidence snapshots. Pages by id so a large store is walked
 * without holding it in memory, while the service goes on serving.
 */
import { and, asc, gt, isNotNull, or, sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { accounts, events, evidenceSnapshots, media, reports } from "../schema.js";

const PAGE = 500;

export class SealedFieldRepository {
  constructor(private readonly db: VigilDb) {}

  async *accountPhones(): AsyncGenerator<{ id: number; sealed: string }> {
    for (let after = 0; ; ) {
      const rows = await this.db
        .select({ id: accounts.id, sealed: accounts.phoneEncrypted })
        .from(accounts)
        .where(and(gt(accounts.id, after), isNotNull(accounts.phoneEncrypted)))
        .orderBy(asc(accounts.id))
        .limit(PAGE);
      for (const r of rows) if (r.sealed) yield { id: r.id, sealed: r.sealed };
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1].id;
    }
  }

  async setAccountPhone(id: number, sealed: string): Promise<void> {
    await this.db.update(accounts).set({ phoneEncrypted: sealed }).where(sql`${accounts.id} = ${id}`);
  }

  /** Events that carry an account or a report (the only ones with personal fields). */
  async *personalPayloads(): AsyncGenerator<{ seq: number; payload: Record<string, unknown> }> {
    for (let after = 0; ; ) {
      const rows = await this.db
        .select({ seq: events.seq, payload: events.payload })
        .from(events)
        .where(
          and(
            gt(events.seq, after),
            or(sql`${events.payload} ? 'account'`, sql`${events.payload} ? 'report'`),
          ),
        )
        .orderBy(asc(events.seq))
        .limit(PAGE);
      yield* rows;
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1].seq;
    }
  }

  async setPayload(seq: number, payload: Record<string, unknown>): Promise<void> {
    await this.db.update(events).set({ payload }).where(sql`${events.seq} = ${seq}`);
  }

  async *reportFields(): AsyncGenerator<{
    id: number;
    text: string | null;
    reporter: Record<string, unknown> | null;
  }> {
    for (let after = 0; ; ) {
      const rows = await this.db
        .select({ id: reports.id, text: reports.text, reporter: reports.reporter })
        .from(reports)
        .where(gt(reports.id, after))
        .orderBy(asc(reports.id))
        .limit(PAGE);
      yield* rows;
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1].id;
    }
  }

  async setReportFields(
    id: number,
    text: string | null,
    reporter: Record<string, unknown> | null,
  ): Promise<void> {
    await this.db.update(reports).set({ text, reporter }).where(sql`${reports.id} = ${id}`);
  }

  /** Every blob the database refers to: media and evidence snapshots. */
  async blobRefs(): Promise<string[]> {
    const fromMedia = await this.db
      .select({ ref: media.blobRef })
      .from(media)
      .where(isNotNull(media.blobRef));
    const fromSnapshots = await this.db
      .select({ ref: evidenceSnapshots.blobRef })
      .from(evidenceSnapshots)
      .where(isNotNull(evidenceSnapshots.blobRef));
    return [...fromMedia, ...fromSnapshots].flatMap((r) => (r.ref ? [r.ref] : []));
  }
}
