/**
 * Staged bank imports (migration 0015): rows go to `bank_entry_staging` under
 * an import id while a file is read, and become bank entries in one
 * transaction at the end, so a killed import never leaves a partial bank that
 * matches. Dead imports' staged rows are swept by the next import.
 */
import { and, eq, lt, sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { bankEntryStaging, bankImports, banks } from "../schema.js";
import type { NewBankEntry } from "./bank-repository.js";

/** A staging import untouched this long is dead (its process was killed); batches touch it every few seconds. */
const DEAD_AFTER = "1 hour";
/** Rows per INSERT: large enough to amortise round trips, small enough for PostgreSQL's parameter limit. */
const INSERT_BATCH = 1000;

export class BankImportRepository {
  constructor(private readonly db: VigilDb) {}

  /** Starts an import into `bankName` (the bank itself is made at commit); sweeps dead imports first. */
  async begin(bankName: string, actor: string): Promise<number> {
    await this.sweepDead();
    const [row] = await this.db
      .insert(bankImports)
      .values({ bankName, actor })
      .returning({ id: bankImports.id });
    return row.id;
  }

  async stage(importId: number, entries: NewBankEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += INSERT_BATCH) {
      const chunk = entries.slice(i, i + INSERT_BATCH).map((e) => ({ ...e, importId }));
      await this.db.insert(bankEntryStaging).values(chunk);
    }
    await this.db
      .update(bankImports)
      .set({ staged: sql`${bankImports.staged} + ${entries.length}`, touchedAt: sql`now()` })
      .where(eq(bankImports.id, importId));
  }

  /**
   * Makes the staged rows the bank's entries in one transaction (the bank is
   * created if new); an entry already in the bank, or twice in the file,
   * counts as a duplicate. Refuses an import that is no longer staging.
   */
  async commit(importId: number): Promise<{ inserted: number; duplicates: number }> {
    return this.db.transaction(async (tx) => {
      const [job] = await tx
        .update(bankImports)
        .set({ state: "committed", finishedAt: sql`now()` })
        .where(and(eq(bankImports.id, importId), eq(bankImports.state, "staging")))
        .returning();
      if (!job) throw new Error(`bank import ${importId} is no longer staging (swept as dead?)`);
      await tx.insert(banks).values({ name: job.bankName }).onConflictDoNothing();
      const result = (await tx.execute(sql`
        WITH bank AS (SELECT id FROM banks WHERE name = ${job.bankName}),
        added AS (
          INSERT INTO bank_entries (bank_id, signal_type, value, payload, quality, source, provenance,
                                    confidence, added_by, ignored, metadata)
          SELECT bank.id, s.signal_type, s.value, s.payload, s.quality, s.source, s.provenance,
                 s.confidence, s.added_by, s.ignored, s.metadata
          FROM bank_entry_staging s, bank WHERE s.import_id = ${importId} ORDER BY s.id
          ON CONFLICT DO NOTHING
          RETURNING 1
        )
        SELECT count(*)::int AS inserted FROM added`)) as unknown as { rows: { inserted: number }[] };
      await tx.delete(bankEntryStaging).where(eq(bankEntryStaging.importId, importId));
      const inserted = result.rows[0]?.inserted ?? 0;
      return { inserted, duplicates: job.staged - inserted };
    });
  }

  /** Drops what an import staged (a failed or aborted read); the bank is untouched. */
  async abandon(importId: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.delete(bankEntryStaging).where(eq(bankEntryStaging.importId, importId));
      await tx
        .update(bankImports)
        .set({ state: "abandoned", finishedAt: sql`now()` })
        .where(and(eq(bankImports.id, importId), eq(bankImports.state, "staging")));
    });
  }

  /** Imports whose process died while staging: their rows go, the bank never saw them. */
  async sweepDead(): Promise<number> {
    const dead = await this.db
      .update(bankImports)
      .set({ state: "abandoned", finishedAt: sql`now()` })
      .where(
        and(
          eq(bankImports.state, "staging"),
          lt(bankImports.touchedAt, sql`now() - ${sql.raw(`interval '${DEAD_AFTER}'`)}`),
        ),
      )
      .returning({ id: bankImports.id });
    for (const { id } of dead)
      await this.db.delete(bankEntryStaging).where(eq(bankEntryStaging.importId, id));
    return dead.length;
  }
}
