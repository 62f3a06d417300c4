/**
 * Reads the bank change log (migration 0008-scale) with what each change needs
 * to be applied to an index; records which changes are on the JetStream
 * stream (migration 0013-bank-stream) and prunes what no replica needs.
 */
import { and, asc, eq, gt, isNull, type SQL, sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { bankChanges, bankEntries, banks, type Provenance, type SignalType } from "../schema.js";
import type { BankChangeOp } from "../tables/bank-changes.js";

/** One change, with the entry as it is now (null when it is gone) and its bank. */
export interface BankChange {
  seq: number;
  op: BankChangeOp;
  bankId: number;
  entryId: number | null;
  bankName: string | null;
  bankEnabled: boolean | null;
  entry: {
    signalType: SignalType;
    value: string;
    payload: string | null;
    provenance: Provenance;
    ignored: boolean;
  } | null;
  /** On the stream only: the entry was too big for a message and is read from the log instead. */
  entryOmitted?: true;
}

export class BankChangeRepository {
  constructor(private readonly db: VigilDb) {}

  /** The last change's seq (0 when none): an index loaded after reading it has seen everything up to it. */
  async latestSeq(): Promise<number> {
    const [row] = await this.db
      .select({ seq: sql<number>`coalesce(max(${bankChanges.seq}), 0)::bigint` })
      .from(bankChanges);
    return Number(row?.seq ?? 0);
  }

  /** The first change's seq still in the log (0 when none): older ones were pruned. */
  async oldestSeq(): Promise<number> {
    const [row] = await this.db
      .select({ seq: sql<number>`coalesce(min(${bankChanges.seq}), 0)::bigint` })
      .from(bankChanges);
    return Number(row?.seq ?? 0);
  }

  since(afterSeq: number, limit: number): Promise<BankChange[]> {
    return this.read(gt(bankChanges.seq, afterSeq), limit);
  }

  /** Changes not yet on the stream, oldest first (the relay's work). */
  unpublished(limit: number): Promise<BankChange[]> {
    return this.read(isNull(bankChanges.streamSeq), limit);
  }

  /** Records the stream sequence each change's message got. */
  async markPublished(published: readonly { seq: number; streamSeq: number }[]): Promise<void> {
    if (published.length === 0) return;
    await this.db.execute(sql`UPDATE bank_changes b SET stream_seq = u.stream_seq
      FROM unnest(${sql.param(published.map((p) => p.seq))}::bigint[], ${sql.param(published.map((p) => p.streamSeq))}::bigint[]) AS u(seq, stream_seq)
      WHERE b.seq = u.seq`);
  }

  /**
   * Where a replica at `afterSeq` starts reading the stream: the smallest
   * stream sequence among later changes (publish order need not be seq
   * order), or null when none of them is published yet.
   */
  async streamStartAfter(afterSeq: number): Promise<number | null> {
    const [row] = await this.db
      .select({ start: sql<number | null>`min(${bankChanges.streamSeq})::bigint` })
      .from(bankChanges)
      // 0 marks changes from before the stream existed (migration 0013-bank-stream).
      .where(and(gt(bankChanges.seq, afterSeq), gt(bankChanges.streamSeq, 0)));
    return row?.start === null || row?.start === undefined ? null : Number(row.start);
  }

  /**
   * Deletes changes below `beforeSeq` recorded before `olderThan`: a replica
   * at or after `beforeSeq - 1` (the newest snapshot's position) never reads
   * them. The row at `beforeSeq` stays, so latestSeq() never goes backwards.
   */
  async prune(beforeSeq: number, olderThan: Date): Promise<number> {
    const result = (await this.db.execute(sql`WITH d AS (
        DELETE FROM bank_changes WHERE seq < ${beforeSeq} AND changed_at < ${olderThan.toISOString()}::timestamptz RETURNING 1
      ) SELECT count(*)::int AS n FROM d`)) as unknown as { rows: { n: number }[] };
    return Number(result.rows[0]?.n ?? 0);
  }

  private async read(where: SQL | undefined, limit: number): Promise<BankChange[]> {
    const rows = await this.db
      .select({
        seq: bankChanges.seq,
        op: bankChanges.op,
        bankId: bankChanges.bankId,
        entryId: bankChanges.entryId,
        bankName: banks.name,
        bankEnabled: banks.enabled,
        signalType: bankEntries.signalType,
        value: bankEntries.value,
        payload: bankEntries.payload,
        provenance: bankEntries.provenance,
        ignored: bankEntries.ignored,
      })
      .from(bankChanges)
      .leftJoin(banks, eq(banks.id, bankChanges.bankId))
      .leftJoin(bankEntries, eq(bankEntries.id, bankChanges.entryId))
      .where(where)
      .orderBy(asc(bankChanges.seq))
      .limit(limit);
    return rows.map((r) => ({
      seq: Number(r.seq),
      op: r.op,
      bankId: r.bankId,
      entryId: r.entryId,
      bankName: r.bankName,
      bankEnabled: r.bankEnabled,
      entry:
        r.signalType === null || r.value === null || r.provenance === null || r.ignored === null
          ? null
          : {
              signalType: r.signalType,
              value: r.value,
              payload: r.payload,
              provenance: r.provenance,
              ignored: r.ignored,
            },
    }));
  }
}
