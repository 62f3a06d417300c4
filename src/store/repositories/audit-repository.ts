/** The append-only audit log: every read of media, every decision, every key and rule change. */
import { and, desc, eq } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { auditLog } from "../schema.js";

export interface AuditEntry {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  detail?: Record<string, unknown>;
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
}
