/**
 * The exchange tables (migration 0021-exchange): what each partner receives,
 * the feed read from the exchange log, the sources pulled from with their
 * checkpoints, and the instance's feed key. A pulled page is applied and its
 * checkpoint saved in one transaction, so a crash never skips or half-applies a page.
 */
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { bankEntries, banks, type SignalType } from "../schema.js";
import {
  type ExchangeOp,
  type ExchangeTrust,
  exchangeIdentity,
  exchangeLog,
  exchangeShares,
  exchangeSources,
} from "../tables/exchange.js";

export type ExchangeSourceRow = typeof exchangeSources.$inferSelect;

export interface LoggedChange {
  seq: number;
  op: ExchangeOp;
  bank: string;
  signalType: SignalType;
  value: string;
  payload: string | null;
  metadata: Record<string, string>;
  changedAt: Date;
}

export interface PulledEntry {
  signalType: SignalType;
  value: string;
  payload: string | null;
  metadata: Record<string, string>;
}

export interface NewExchangeSource {
  name: string;
  feedUrl: string;
  apiKeySealed: string;
  publicKeyPem: string;
  bankId: number;
  trust: ExchangeTrust;
}

export class ExchangeRepository {
  constructor(private readonly db: VigilDb) {}

  async share(partner: string, bankId: number): Promise<void> {
    await this.db.insert(exchangeShares).values({ partner, bankId }).onConflictDoNothing();
  }

  async unshare(partner: string, bankId: number): Promise<void> {
    await this.db
      .delete(exchangeShares)
      .where(and(eq(exchangeShares.partner, partner), eq(exchangeShares.bankId, bankId)));
  }

  async sharedBankIds(partner: string): Promise<number[]> {
    const rows = await this.db
      .select({ bankId: exchangeShares.bankId })
      .from(exchangeShares)
      .where(eq(exchangeShares.partner, partner));
    return rows.map((r) => r.bankId);
  }

  /** Logged changes of these banks after `afterSeq`, oldest first. */
  async changesAfter(bankIds: readonly number[], afterSeq: number, limit: number): Promise<LoggedChange[]> {
    if (bankIds.length === 0) return [];
    const rows = await this.db
      .select({ log: exchangeLog, bank: banks.name })
      .from(exchangeLog)
      .innerJoin(banks, eq(banks.id, exchangeLog.bankId))
      .where(and(inArray(exchangeLog.bankId, [...bankIds]), gt(exchangeLog.seq, afterSeq)))
      .orderBy(asc(exchangeLog.seq))
      .limit(limit);
    return rows.map(({ log, bank }) => ({
      seq: log.seq,
      op: log.op,
      bank,
      signalType: log.signalType,
      value: log.value,
      payload: log.payload,
      metadata: log.metadata,
      changedAt: log.changedAt,
    }));
  }

  async identity(): Promise<{ privateKeySealed: string; publicKeyPem: string } | null> {
    const [row] = await this.db.select().from(exchangeIdentity).where(eq(exchangeIdentity.id, 1));
    return row ?? null;
  }

  /** Stores the key unless another process stored one first; either way, the stored one is returned. */
  async identityOnce(privateKeySealed: string, publicKeyPem: string) {
    await this.db
      .insert(exchangeIdentity)
      .values({ id: 1, privateKeySealed, publicKeyPem })
      .onConflictDoNothing();
    const stored = await this.identity();
    if (!stored) throw new Error("the exchange identity row vanished after it was written");
    return stored;
  }

  async addSource(source: NewExchangeSource): Promise<ExchangeSourceRow> {
    const [row] = await this.db.insert(exchangeSources).values(source).returning();
    return row;
  }

  async source(name: string): Promise<ExchangeSourceRow | null> {
    const [row] = await this.db.select().from(exchangeSources).where(eq(exchangeSources.name, name));
    return row ?? null;
  }

  async sources(): Promise<ExchangeSourceRow[]> {
    return this.db.select().from(exchangeSources).orderBy(asc(exchangeSources.name));
  }

  /**
   * Applies one verified page and moves the checkpoint past it, atomically.
   * Confirmed entries are added with the source's name and the provenance its
   * trust allows; a withdrawal removes only the entry this source brought.
   */
  async applyPage(
    source: ExchangeSourceRow,
    confirms: readonly PulledEntry[],
    withdraws: readonly PulledEntry[],
    nextCursor: string,
  ): Promise<void> {
    const origin = `exchange:${source.name}`;
    await this.db.transaction(async (tx) => {
      if (confirms.length > 0) {
        await tx
          .insert(bankEntries)
          .values(
            confirms.map((e) => ({
              bankId: source.bankId,
              signalType: e.signalType,
              value: e.value,
              payload: e.payload,
              metadata: e.metadata,
              source: origin,
              addedBy: origin,
              provenance: source.trust === "automatic" ? ("confirmed" as const) : ("unconfirmed" as const),
            })),
          )
          .onConflictDoNothing();
      }
      for (const e of withdraws) {
        await tx
          .delete(bankEntries)
          .where(
            and(
              eq(bankEntries.bankId, source.bankId),
              eq(bankEntries.signalType, e.signalType),
              eq(bankEntries.value, e.value),
              eq(bankEntries.source, origin),
            ),
          );
      }
      await tx
        .update(exchangeSources)
        .set({
          cursor: nextCursor,
          entriesApplied: sql`${exchangeSources.entriesApplied} + ${confirms.length + withdraws.length}`,
          lastRunAt: sql`now()`,
          lastError: null,
        })
        .where(eq(exchangeSources.id, source.id));
    });
  }

  async recordRun(sourceId: number, error: string | null): Promise<void> {
    await this.db
      .update(exchangeSources)
      .set({ lastRunAt: sql`now()`, lastError: error })
      .where(eq(exchangeSources.id, sourceId));
  }
}
