/**
 * The load test's platform: posts hash-only group events in batches over a
 * few connections, honours 429 Retry-After, resends a batch whose answer was
 * lost (ids make that safe: a stored event comes back as duplicate), and
 * keeps the set of ids the API acknowledged (202: accepted or duplicate).
 */
import { flipBits, randomPdqHex } from "../test/support/pdq-near.js";

export const MATCH_EVERY = 100;

export interface PostStats {
  acknowledged: Set<string>;
  refusals: number;
  resends: number;
}

export function loadEvent(i: number, banked: string) {
  return {
    id: `lt-${i}`,
    type: "group.updated",
    occurred_at: "2026-11-23T10:00:00Z",
    platform: "whatsapp",
    // Groups repeat, so per-subject order is exercised too.
    group: {
      id: `g-${i % 50_000}`,
      photo: { pdq: i % MATCH_EVERY === 0 ? flipBits(banked, 5) : randomPdqHex(i + 1_000_000), quality: 90 },
    },
  };
}

/** Posts events [from, to) in batches, `connections` at a time; resolves when every batch got a 202. */
export async function postRange(
  url: () => string,
  key: string,
  banked: string,
  from: number,
  to: number,
  stats: PostStats,
  connections = 2,
  batchSize = 500,
): Promise<void> {
  let next = from;
  const worker = async () => {
    while (next < to) {
      const start = next;
      next = Math.min(to, next + batchSize);
      const events = [];
      for (let i = start; i < Math.min(to, start + batchSize); i++) events.push(loadEvent(i, banked));
      await postBatch(url, key, events, stats);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
}

async function postBatch(
  url: () => string,
  key: string,
  events: { id: string }[],
  stats: PostStats,
): Promise<void> {
  const body = JSON.stringify({ events });
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(`${url()}/v1/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body,
        signal: AbortSignal.timeout(60_000),
      });
      if (res.status === 202) {
        const { results } = (await res.json()) as { results: { id: string }[] };
        for (const r of results) stats.acknowledged.add(r.id);
        return;
      }
      const text = await res.text();
      if (res.status === 429) {
        stats.refusals++;
        await sleep(Number(res.headers.get("retry-after") ?? 1) * 1000);
        continue;
      }
      if (res.status < 500) throw new Error(`POST /v1/events answered ${res.status}: ${text}`);
    } catch (error) {
      if (attempt > 100) throw error;
      if (error instanceof Error && error.message.startsWith("POST /v1/events answered")) throw error;
    }
    // No answer, or a 5xx: nothing tells whether it was stored; send it again.
    stats.resends++;
    await sleep(500);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
