/** Banks and bank entries: the only code that reads or writes their tables. */
import { and, asc, count, eq, gt, sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { bankEntries, banks, type Provenance, type SignalType } from "../schema.js";

export type Bank = typeof banks.$inferSelect;
export type BankEntry = typeof bankEntries.$inferSelect;

/** What an import or an API call supplies for one entry. */
export interface NewBankEntry {
  signalType: SignalType;
  value: string;
  payload?: string | null;
  quality?: number | null;
  source?: string;
  provenance?: Provenance;
  confidence?: number | null;
  addedBy?: string;
  ignored?: boolean;
  metadata?: Record<string, string>;
}

export interface BankSummary extends Bank {
  entries: number;
}

export interface BankStats {
  bank: Bank;
  bySignalType: Record<string, number>;
  byProvenance: Record<string, number>;
  ignored: number;
}

export class BankExistsError extends Error {
  override readonly name = "BankExists";
  readonly code = "BankExists";
}

export class BankNotFoundError extends Error {
  override readonly name = "BankNotFound";
  readonly code = "BankNotFound";
}

/** Rows per INSERT: large enough to amortise round trips, small enough for PostgreSQL's parameter limit. */
const INSERT_BATCH = 1000;

export class BankRepository {
  constructor(private readonly db: VigilDb) {}

  async create(name: string, description = ""): Promise<Bank> {
    const [bank] = await this.db
      .insert(banks)
      .values({ name, description })
      .onConflictDoNothing()
      .returning();
    if (!bank) throw new BankExistsError(`bank "${name}" already exists`);
    return bank;
  }

  async find(name: string): Promise<Bank | null> {
    const [bank] = await this.db.select().from(banks).where(eq(banks.name, name));
    return bank ?? null;
  }

  async get(name: string): Promise<Bank> {
    const bank = await this.find(name);
    if (!bank) throw new BankNotFoundError(`no bank named "${name}"`);
    return bank;
  }

  /** The bank, created empty if it does not exist yet (imports into a new bank). */
  async ensure(name: string, description = ""): Promise<Bank> {
    await this.db.insert(banks).values({ name, description }).onConflictDoNothing();
    return this.get(name);
  }

  async list(): Promise<BankSummary[]> {
    const rows = await this.db
      .select({ bank: banks, entries: count(bankEntries.id) })
      .from(banks)
      .leftJoin(bankEntries, eq(bankEntries.bankId, banks.id))
      .groupBy(banks.id)
      .orderBy(asc(banks.name));
    return rows.map((r) => ({ ...r.bank, entries: Number(r.entries) }));
  }

  async setEnabled(name: string, enabled: boolean): Promise<Bank> {
    const [bank] = await this.db.update(banks).set({ enabled }).where(eq(banks.name, name)).returning();
    if (!bank) throw new BankNotFoundError(`no bank named "${name}"`);
    return bank;
  }

  /**
   * Inserts entries in batches inside one transaction (all or none: a killed
   * request leaves no partial set); an entry already in the bank is counted as
   * a duplicate, not an error. Files go through staged imports instead.
   */
  async addEntries(
    bankId: number,
    entries: NewBankEntry[],
  ): Promise<{ inserted: number; duplicates: number }> {
    return this.db.transaction(async (tx) => {
      let inserted = 0;
      for (let i = 0; i < entries.length; i += INSERT_BATCH) {
        const batch = entries.slice(i, i + INSERT_BATCH).map((e) => ({ ...e, bankId }));
        const rows = await tx
          .insert(bankEntries)
          .values(batch)
          .onConflictDoNothing()
          .returning({ id: bankEntries.id });
        inserted += rows.length;
      }
      return { inserted, duplicates: entries.length - inserted };
    });
  }

  /** One page of a bank's entries in id order, for export and for loading the matching index. */
  async entriesPage(bankId: number, afterId: number, limit: number): Promise<BankEntry[]> {
    return this.db
      .select()
      .from(bankEntries)
      .where(and(eq(bankEntries.bankId, bankId), gt(bankEntries.id, afterId)))
      .orderBy(asc(bankEntries.id))
      .limit(limit);
  }

  async *entries(bankId: number, pageSize = 10_000): AsyncGenerator<BankEntry> {
    let after = 0;
    for (;;) {
      const page = await this.entriesPage(bankId, after, pageSize);
      if (page.length === 0) return;
      yield* page;
      after = page[page.length - 1].id;
    }
  }

  async setIgnored(
    bankId: number,
    signalType: SignalType,
    value: string,
    ignored: boolean,
  ): Promise<boolean> {
    const rows = await this.db
      .update(bankEntries)
      .set({ ignored })
      .where(
        and(
          eq(bankEntries.bankId, bankId),
          eq(bankEntries.signalType, signalType),
          eq(bankEntries.value, value),
        ),
      )
      .returning({ id: bankEntries.id });
    return rows.length > 0;
  }

  /** Every metadata key the bank's entries use, for an export's columns. */
  async metadataKeys(bankId: number): Promise<string[]> {
    const rows = await this.db
      .selectDistinct({ key: sql<string>`jsonb_object_keys(${bankEntries.metadata})` })
      .from(bankEntries)
      .where(eq(bankEntries.bankId, bankId));
    return rows.map((r) => r.key).sort();
  }

  async stats(name: string): Promise<BankStats> {
    const bank = await this.get(name);
    const rows = await this.db
      .select({
        signalType: bankEntries.signalType,
        provenance: bankEntries.provenance,
        ignored: bankEntries.ignored,
        n: sql<number>`count(*)::int`,
      })
      .from(bankEntries)
      .where(eq(bankEntries.bankId, bank.id))
      .groupBy(bankEntries.signalType, bankEntries.provenance, bankEntries.ignored);
    const stats: BankStats = { bank, bySignalType: {}, byProvenance: {}, ignored: 0 };
    for (const r of rows) {
      stats.bySignalType[r.signalType] = (stats.bySignalType[r.signalType] ?? 0) + r.n;
      stats.byProvenance[r.provenance] = (stats.byProvenance[r.provenance] ?? 0) + r.n;
      if (r.ignored) stats.ignored += r.n;
    }
    return stats;
  }

  /**
   * A cheap fingerprint of everything the matcher loads (entry count, highest
   * id, ignored count, which banks are enabled): when it changes, the in-memory
   * index is stale.
   */
  async changeSignature(): Promise<string> {
    const [row] = await this.db
      .select({
        entries: sql<number>`count(*)::int`,
        maxId: sql<number>`coalesce(max(${bankEntries.id}), 0)::bigint`,
        ignored: sql<number>`count(*) FILTER (WHERE ${bankEntries.ignored})::int`,
        banks: sql<string>`(SELECT coalesce(string_agg(id || ':' || enabled, ',' ORDER BY id), '') FROM banks)`,
      })
      .from(bankEntries);
    return `${row.entries}/${row.maxId}/${row.ignored}/${row.banks}`;
  }
}
