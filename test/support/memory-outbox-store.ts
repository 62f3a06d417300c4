/**
 * An OutboxStore in memory with the semantics the SQL one must have (leases, delivered is
 * final), plus a record of every attempt so tests can assert on what the dispatcher did.
 */
import type { OutboxDelivery, OutboxStore } from "../../src/enforce/outbox-store.js";

export interface MemoryOutboxRow {
  delivery: OutboxDelivery;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  /** Every recorded attempt, in order. */
  history: Array<{
    attempts: number;
    status: number | null;
    error: string | null;
    nextAttemptAt: Date | null;
  }>;
}

export type NewOutboxDelivery = Omit<OutboxDelivery, "id" | "attempts">;

export class MemoryOutboxStore implements OutboxStore {
  readonly rows = new Map<number, MemoryOutboxRow>();
  claims = 0;
  #nextId = 1;

  add(input: NewOutboxDelivery, dueAt: Date = new Date(0)): OutboxDelivery {
    const delivery: OutboxDelivery = { ...input, id: this.#nextId++, attempts: 0 };
    this.rows.set(delivery.id, {
      delivery,
      nextAttemptAt: dueAt,
      deliveredAt: null,
      lastStatus: null,
      lastError: null,
      history: [],
    });
    return delivery;
  }

  row(id: number): MemoryOutboxRow {
    const row = this.rows.get(id);
    if (!row) throw new Error(`no outbox row ${id}`);
    return row;
  }

  undelivered(): MemoryOutboxRow[] {
    return [...this.rows.values()].filter((r) => r.deliveredAt === null);
  }

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxDelivery[]> {
    this.claims += 1;
    const due = this.undelivered()
      .filter((r) => r.nextAttemptAt.getTime() <= now.getTime())
      .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.delivery.id - b.delivery.id)
      .slice(0, limit);
    for (const r of due) r.nextAttemptAt = new Date(now.getTime() + leaseMs);
    return due.map((r) => ({ ...r.delivery, subject: { ...r.delivery.subject } }));
  }

  async markDelivered(id: number, at: Date, attempts: number, status: number): Promise<void> {
    const row = this.row(id);
    row.history.push({ attempts, status, error: null, nextAttemptAt: null });
    if (row.deliveredAt) return;
    row.deliveredAt = at;
    row.delivery.attempts = attempts;
    row.lastStatus = status;
  }

  async markFailed(
    id: number,
    attempts: number,
    nextAttemptAt: Date,
    error: string,
    status: number | null,
  ): Promise<void> {
    const row = this.row(id);
    row.history.push({ attempts, status, error, nextAttemptAt });
    if (row.deliveredAt) return;
    row.delivery.attempts = attempts;
    row.nextAttemptAt = nextAttemptAt;
    row.lastError = error;
    row.lastStatus = status;
  }
}
