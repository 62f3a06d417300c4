/**
 * Builds one signed page of a partner's feed from the exchange log. Only the
 * banks shared with the partner are read, so a bank the partner lacks is not
 * even counted in what it sees (no gaps it could learn sizes from: cursors of
 * other banks' changes are simply skipped).
 */
import type { KeyObject } from "node:crypto";
import type { LoggedChange } from "../store/repositories/exchange-repository.js";
import { FEED_FORMAT, type FeedEntry, type FeedPage } from "./feed-format.js";
import { signFeedBody } from "./feed-signature.js";

export interface SignedPage {
  body: string;
  signature: string;
}

export function feedEntry(change: LoggedChange): FeedEntry {
  return {
    cursor: String(change.seq),
    op: change.op,
    bank: change.bank,
    signal_type: change.signalType,
    value: change.value,
    payload: change.op === "confirm" ? change.payload : null,
    classification: change.op === "confirm" ? change.metadata : {},
    changed_at: change.changedAt.toISOString(),
  };
}

/** `changes` holds up to `limit + 1` rows: the extra one only says there is more. */
export function buildFeedPage(
  partner: string,
  cursor: string | null,
  changes: readonly LoggedChange[],
  limit: number,
): FeedPage {
  const entries = changes.slice(0, limit).map(feedEntry);
  const last = entries.at(-1);
  return {
    format: FEED_FORMAT,
    partner,
    cursor,
    next_cursor: last ? last.cursor : cursor,
    has_more: changes.length > limit,
    entries,
  };
}

export function signPage(page: FeedPage, privateKey: KeyObject): SignedPage {
  const body = JSON.stringify(page);
  return { body, signature: signFeedBody(body, privateKey) };
}
