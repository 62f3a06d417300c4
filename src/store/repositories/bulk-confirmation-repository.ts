/**
 * A lead's confirmation of one large bulk decision. It names the batch by a
 * fingerprint (the exact cases, actions and policy), lapses after a while, and
 * is spent by one UPDATE ... WHERE used_at IS NULL, so two requests can never
 * both use it.
 */
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { bulkConfirmations } from "../schema.js";

export type SpendResult =
  | { ok: true; confirmedBy: string }
  | { ok: false; problem: "unknown" | "expired" | "used" | "different_batch" };

export class BulkConfirmationRepository {
  constructor(private readonly db: VigilDb) {}

  async create(
    fingerprint: string,
    caseCount: number,
    confirmedBy: string,
    ttlSeconds: number,
  ): Promise<string> {
    const id = `bc_${randomBytes(12).toString("base64url")}`;
    await this.db.insert(bulkConfirmations).values({
      id,
      fingerprint,
      caseCount,
      confirmedBy,
      expiresAt: sql`now() + make_interval(secs => ${ttlSeconds})`,
    });
    return id;
  }

  /** Uses the confirmation for this batch, once. */
  async spend(id: string, fingerprint: string, usedBy: string): Promise<SpendResult> {
    const [spent] = await this.db
      .update(bulkConfirmations)
      .set({ usedBy, usedAt: sql`now()` })
      .where(
        and(
          eq(bulkConfirmations.id, id),
          eq(bulkConfirmations.fingerprint, fingerprint),
          isNull(bulkConfirmations.usedAt),
          gt(bulkConfirmations.expiresAt, sql`now()`),
        ),
      )
      .returning({ confirmedBy: bulkConfirmations.confirmedBy });
    if (spent) return { ok: true, confirmedBy: spent.confirmedBy };
    const [row] = await this.db.select().from(bulkConfirmations).where(eq(bulkConfirmations.id, id));
    if (!row) return { ok: false, problem: "unknown" };
    if (row.usedAt) return { ok: false, problem: "used" };
    if (row.fingerprint !== fingerprint) return { ok: false, problem: "different_batch" };
    return { ok: false, problem: "expired" };
  }
}
