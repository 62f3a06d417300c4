/** Reads the bank change log (migration 0008-scale) with what each change needs to be applied to an index. */
import { asc, eq, gt, sql } from "drizzle-orm";
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

  async since(afterSeq: number, limit: number): Promise<BankChange[]> {
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
      .where(gt(bankChanges.seq, afterSeq))
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
