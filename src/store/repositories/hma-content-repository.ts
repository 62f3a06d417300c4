/** Bank entries as HMA's curation API addresses them: by id within a named bank, and index sizes by type. */
import { and, eq, sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { bankEntries, banks, type SignalType } from "../schema.js";
import type { BankEntry } from "./bank-repository.js";

export interface IndexedCount {
  signalType: SignalType;
  size: number;
  /** Epoch seconds of the newest entry. */
  newest: number;
}

export class HmaContentRepository {
  constructor(private readonly db: VigilDb) {}

  async entry(bankId: number, entryId: number): Promise<BankEntry | null> {
    const [row] = await this.db
      .select()
      .from(bankEntries)
      .where(and(eq(bankEntries.bankId, bankId), eq(bankEntries.id, entryId)));
    return row ?? null;
  }

  async idOf(bankId: number, signalType: SignalType, value: string): Promise<number | null> {
    const [row] = await this.db
      .select({ id: bankEntries.id })
      .from(bankEntries)
      .where(
        and(
          eq(bankEntries.bankId, bankId),
          eq(bankEntries.signalType, signalType),
          eq(bankEntries.value, value),
        ),
      );
    return row?.id ?? null;
  }

  async remove(bankId: number, entryId: number): Promise<number> {
    const rows = await this.db
      .delete(bankEntries)
      .where(and(eq(bankEntries.bankId, bankId), eq(bankEntries.id, entryId)))
      .returning({ id: bankEntries.id });
    return rows.length;
  }

  /** What the matcher holds per type: entries of enabled banks that are not known false positives. */
  async indexedCounts(): Promise<IndexedCount[]> {
    const rows = await this.db
      .select({
        signalType: bankEntries.signalType,
        size: sql<number>`count(*)::int`,
        newest: sql<number>`coalesce(floor(extract(epoch FROM max(${bankEntries.createdAt}))), -1)::bigint`,
      })
      .from(bankEntries)
      .innerJoin(banks, eq(banks.id, bankEntries.bankId))
      .where(and(eq(banks.enabled, true), eq(bankEntries.ignored, false)))
      .groupBy(bankEntries.signalType);
    return rows.map((r) => ({ signalType: r.signalType, size: Number(r.size), newest: Number(r.newest) }));
  }
}
