/**
 * The exchange feed's wire format (issue 19, point 1): one page of a partner's
 * incremental feed, in cursor order. A page names the partner and the cursor it
 * answers, and both are inside the signed bytes, so a page cannot be replayed to
 * another partner or in place of another page. `withdraw` is a tombstone: the
 * entry was deleted upstream, marked a false positive, or is no longer confirmed.
 */
import { z } from "zod";
import { SIGNAL_TYPES } from "../store/schema.js";

export const FEED_FORMAT = "vigil-exchange-feed/1";

/** Cursors are opaque to partners; here, the exchange log's seq in decimal. */
export const Cursor = z.string().regex(/^\d{1,18}$/, "a cursor is a number a previous page gave");

export const FeedEntry = z.strictObject({
  cursor: Cursor,
  op: z.enum(["confirm", "withdraw"]),
  bank: z.string().max(200),
  signal_type: z.enum(SIGNAL_TYPES),
  value: z.string().max(200),
  payload: z.string().max(2_000_000).nullable(),
  classification: z.record(z.string().max(200), z.string().max(2_000)),
  changed_at: z.string().max(40),
});
export type FeedEntry = z.infer<typeof FeedEntry>;

export const FeedPage = z.strictObject({
  format: z.literal(FEED_FORMAT),
  partner: z.string().max(200),
  cursor: Cursor.nullable(),
  next_cursor: Cursor.nullable(),
  has_more: z.boolean(),
  entries: z.array(FeedEntry).max(10_000),
});
export type FeedPage = z.infer<typeof FeedPage>;

export const DEFAULT_PAGE_SIZE = 500;
export const MAX_PAGE_SIZE = 5_000;

export function cursorToSeq(cursor: string | null | undefined): number {
  return cursor ? Number(cursor) : 0;
}
