/**
 * Refused attempts (401 and 403) go into the audit log, so a lead can see who
 * probed what: an unknown key guessed from an address, a reviewer opening a
 * child-safety case. An attacker must not be able to flood the append-only
 * log with them, so each source (the caller when known, else the client
 * address) gets a few rows a minute and all sources together a bounded
 * number; the rest are counted in the metrics and the next row of that source
 * says how many were left out.
 */
import type { AuditRepository } from "../store/repositories/audit-repository.js";

export interface Refusal {
  /** `key:<name>` or `user:<email>` when the caller was identified. */
  actor?: string;
  address: string;
  method: string;
  /** The route's pattern (never the URL: its query string may carry personal data). */
  route: string;
  status: number;
  error: string;
}

export interface RefusalAuditLimits {
  perSourcePerMinute: number;
  totalPerMinute: number;
}

export const DEFAULT_REFUSAL_AUDIT_LIMITS: RefusalAuditLimits = {
  perSourcePerMinute: 10,
  totalPerMinute: 300,
};

const WINDOW_MS = 60_000;

export class RefusalAudit {
  private windowStart = 0;
  private writtenInWindow = 0;
  private readonly perSource = new Map<string, number>();
  /** Left out since the source's last row. */
  private readonly suppressed = new Map<string, number>();

  constructor(
    private readonly audit: AuditRepository,
    private readonly limits: RefusalAuditLimits = DEFAULT_REFUSAL_AUDIT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Writes the row when the limits allow; true if written. Never throws: refusing must not fail. */
  async record(refusal: Refusal): Promise<boolean> {
    const source = refusal.actor ?? `address:${refusal.address}`;
    if (!this.admit(source)) {
      this.suppressed.set(source, (this.suppressed.get(source) ?? 0) + 1);
      return false;
    }
    const left = this.suppressed.get(source) ?? 0;
    this.suppressed.delete(source);
    try {
      await this.audit.append({
        actor: source,
        action: "access.refused",
        targetType: "route",
        targetId: `${refusal.method} ${refusal.route}`,
        detail: {
          status: refusal.status,
          error: refusal.error,
          address: refusal.address,
          ...(left > 0 ? { suppressed_before: left } : {}),
        },
      });
      return true;
    } catch {
      return false;
    }
  }

  private admit(source: string): boolean {
    const now = this.now();
    if (now - this.windowStart >= WINDOW_MS) {
      this.windowStart = now;
      this.writtenInWindow = 0;
      this.perSource.clear();
      if (this.suppressed.size > 100_000) this.suppressed.clear();
    }
    const mine = this.perSource.get(source) ?? 0;
    if (mine >= this.limits.perSourcePerMinute || this.writtenInWindow >= this.limits.totalPerMinute)
      return false;
    this.perSource.set(source, mine + 1);
    this.writtenInWindow += 1;
    return true;
  }
}
