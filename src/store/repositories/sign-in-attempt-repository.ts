/**
 * Console sign-in attempts (migration 0014): a reservation is counted before
 * the password is checked, under one transaction-scoped advisory lock, so
 * concurrent attempts (in any number of API processes) cannot all pass the
 * count before any of them is recorded. A reservation becomes a failure, or
 * goes with the account's failures on success; one left by a crashed process
 * counts as a failure until it leaves the window.
 */
import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { signInAttempts } from "../schema.js";

/** pg_advisory_xact_lock key of the reservation step ("vigil sign-in" in ASCII). */
const RESERVE_LOCK = 0x7369676e696e;

export interface AttemptLimits {
  windowMs: number;
  perAccount: number;
  perAddress: number;
}

export type Reservation =
  | { reserved: true; id: number }
  | { reserved: false; by: "account" | "address"; retryAfterSeconds: number };

export class SignInAttemptRepository {
  constructor(private readonly db: VigilDb) {}

  async reserve(account: string, address: string, limits: AttemptLimits, now: Date): Promise<Reservation> {
    const since = new Date(now.getTime() - limits.windowMs);
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${RESERVE_LOCK})`);
      await tx.delete(signInAttempts).where(lt(signInAttempts.at, since));
      for (const [by, column, value, limit] of [
        ["account", signInAttempts.account, account, limits.perAccount],
        ["address", signInAttempts.address, address, limits.perAddress],
      ] as const) {
        const recent = await tx
          .select({ at: signInAttempts.at })
          .from(signInAttempts)
          .where(and(eq(column, value), gt(signInAttempts.at, since)))
          .orderBy(sql`${signInAttempts.at} DESC`)
          .limit(limit);
        if (recent.length >= limit) {
          // Free again when the oldest attempt that keeps it at the limit leaves the window.
          const freeAt = recent[recent.length - 1].at.getTime() + limits.windowMs;
          return {
            reserved: false,
            by,
            retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)),
          };
        }
      }
      const [row] = await tx
        .insert(signInAttempts)
        .values({ account, address, at: now })
        .returning({ id: signInAttempts.id });
      return { reserved: true, id: row.id };
    });
  }

  async failed(id: number): Promise<void> {
    await this.db.update(signInAttempts).set({ state: "failed" }).where(eq(signInAttempts.id, id));
  }

  /** A success clears the account's attempts (its address keeps its count). */
  async succeeded(account: string): Promise<void> {
    await this.db.delete(signInAttempts).where(eq(signInAttempts.account, account));
  }
}
