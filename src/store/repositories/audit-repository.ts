/** The append-only audit log: every read of media, every decision, every key and rule change. */
import { and, count, desc, eq, gte, type SQL } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { auditLog } from "../schema.js";

export interface AuditEntry {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  detail?: Record<string, unknown>;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  limit: number;
}

export class AuditRepository {
  constructor(private readonly db: VigilDb) {}

  async append(entry: AuditEntry, tx: VigilDb = this.db): Promise<void> {
    await tx.insert(auditLog).values({ ...entry, detail: entry.detail ?? {} });
  }

  async forTarget(
    targetType: string,
    targetId: string,
    limit = 100,
  ): Promise<(typeof auditLog.$inferSelect)[]> {
    return this.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, targetType), eq(auditLog.targetId, targetId)))
      .orderBy(desc(auditLog.id))
      .limit(limit);
  }

  async list(filter: AuditFilter): Promise<(typeof auditLog.$inferSelect)[]> {
    const where: SQL[] = [];
    if (filter.actor) where.push(eq(auditLog.actor, filter.actor));
    if (filter.action) where.push(eq(auditLog.action, filter.action));
    if (filter.targetType) where.push(eq(auditLog.targetType, filter.targetType));
    if (filter.targetId) where.push(eq(auditLog.targetId, filter.targetId));
    return this.db
      .select()
      .from(auditLog)
      .where(and(...where))
      .orderBy(desc(auditLog.id))
      .limit(filter.limit);
  }

  /** How many times an actor did something since a moment (e.g. media reveals this shift). */
  async countSince(actor: string, action: string, since: Date): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.actor, actor), eq(auditLog.action, action), gte(auditLog.at, since)));
    return Number(row?.n ?? 0);
  }
}
