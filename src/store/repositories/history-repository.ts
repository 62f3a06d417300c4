/**
 * Decided events with what was seen and done, in seq order, a page at a time:
 * the history a rule set is backtested against (`vigil rules test`).
 */
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { actions, events, moderationEvents, signals } from "../schema.js";
import type { StoredEvent } from "./event-repository.js";

export interface HistoricEvent {
  event: StoredEvent;
  signals: Record<string, unknown>[];
  actions: { action: string; subjectType: string; subjectId: string }[];
  reviews: { queue: string; priority: number }[];
}

export class HistoryRepository {
  constructor(private readonly db: VigilDb) {}

  async *decided(pageSize = 1000): AsyncGenerator<HistoricEvent> {
    let after = 0;
    for (;;) {
      const page = await this.db
        .select()
        .from(events)
        .where(and(eq(events.status, "decided"), gt(events.seq, after)))
        .orderBy(asc(events.seq))
        .limit(pageSize);
      if (page.length === 0) return;
      const seqs = page.map((e) => e.seq);
      const sigs = await this.db.select().from(signals).where(inArray(signals.eventSeq, seqs));
      const acts = await this.db.select().from(actions).where(inArray(actions.eventSeq, seqs));
      const enqueued = await this.db
        .select()
        .from(moderationEvents)
        .where(and(inArray(moderationEvents.eventSeq, seqs), eq(moderationEvents.kind, "enqueue")));
      for (const event of page) {
        yield {
          event,
          signals: sigs.filter((s) => s.eventSeq === event.seq).map((s) => s.detail),
          actions: acts
            .filter((a) => a.eventSeq === event.seq)
            .map((a) => ({ action: a.action, subjectType: a.subjectType, subjectId: a.subjectId })),
          reviews: enqueued
            .filter((m) => m.eventSeq === event.seq)
            .map((m) => ({ queue: String(m.detail.queue), priority: Number(m.detail.priority) })),
        };
      }
      after = page[page.length - 1].seq;
    }
  }
}
