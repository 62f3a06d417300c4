/**
 * Pulls a partner's feed from the stored checkpoint (issue 19, point 2): each
 * page's bytes are verified against the partner's public key before they are
 * parsed; a page that fails (bad signature, wrong partner or cursor, malformed)
 * is refused, the run stops, and the checkpoint stays at the last good page, so
 * the next run resumes there. Each verified page is applied with its checkpoint
 * in one transaction (exchange-repository.ts).
 */
import type { KeyObject } from "node:crypto";
import type { ExchangeSourceRow, PulledEntry } from "../store/repositories/exchange-repository.js";
import { FeedPage } from "./feed-format.js";
import { verifyFeedBody } from "./feed-signature.js";

export type PullRefusal = "TamperedPage" | "MalformedPage" | "UnexpectedPage" | "FeedUnavailable";

export class PullError extends Error {
  override readonly name = "PullError";
  constructor(
    readonly code: PullRefusal,
    message: string,
  ) {
    super(message);
  }
}

export interface FetchedPage {
  status: number;
  body: Buffer;
  signature: string | null;
}

export interface PullPorts {
  fetchPage(url: string, apiKey: string): Promise<FetchedPage>;
  applyPage(
    source: ExchangeSourceRow,
    confirms: PulledEntry[],
    withdraws: PulledEntry[],
    nextCursor: string,
  ): Promise<void>;
}

export interface PullResult {
  pages: number;
  confirmed: number;
  withdrawn: number;
  cursor: string | null;
}

export interface PullOptions {
  /** Local name of the partner as it knows us: the page must be addressed to it. */
  partnerName?: string;
  pageSize: number;
  maxPages: number;
}

function pageUrl(feedUrl: string, cursor: string | null, pageSize: number): string {
  const url = new URL(feedUrl);
  if (cursor) url.searchParams.set("cursor", cursor);
  url.searchParams.set("limit", String(pageSize));
  return url.toString();
}

function parsePage(fetched: FetchedPage, publicKey: KeyObject, cursor: string | null): FeedPage {
  if (fetched.status !== 200)
    throw new PullError("FeedUnavailable", `the partner's feed answered HTTP ${fetched.status}`);
  if (!verifyFeedBody(fetched.body, fetched.signature, publicKey))
    throw new PullError("TamperedPage", "the page's signature does not verify with the partner's key");
  let json: unknown;
  try {
    json = JSON.parse(fetched.body.toString("utf8"));
  } catch {
    throw new PullError("MalformedPage", "the signed page is not JSON");
  }
  const parsed = FeedPage.safeParse(json);
  if (!parsed.success) throw new PullError("MalformedPage", "the signed page does not have the feed's shape");
  if (parsed.data.cursor !== cursor)
    throw new PullError("UnexpectedPage", "the page answers another cursor than the one asked for");
  return parsed.data;
}

/** A hash confirmed then withdrawn within one page (or the reverse) ends as its last opinion says. */
function netChanges(page: FeedPage): { confirms: PulledEntry[]; withdraws: PulledEntry[] } {
  const last = new Map<string, { op: "confirm" | "withdraw"; entry: PulledEntry }>();
  for (const e of page.entries) {
    const entry = {
      signalType: e.signal_type,
      value: e.value,
      payload: e.payload,
      metadata: e.classification,
    };
    last.set(`${e.signal_type}:${e.value}`, { op: e.op, entry });
  }
  const confirms: PulledEntry[] = [];
  const withdraws: PulledEntry[] = [];
  for (const { op, entry } of last.values()) (op === "confirm" ? confirms : withdraws).push(entry);
  return { confirms, withdraws };
}

export async function pullFeed(
  source: ExchangeSourceRow,
  apiKey: string,
  publicKey: KeyObject,
  ports: PullPorts,
  options: PullOptions,
): Promise<PullResult> {
  const result: PullResult = { pages: 0, confirmed: 0, withdrawn: 0, cursor: source.cursor };
  for (let i = 0; i < options.maxPages; i++) {
    const fetched = await ports.fetchPage(pageUrl(source.feedUrl, result.cursor, options.pageSize), apiKey);
    const page = parsePage(fetched, publicKey, result.cursor);
    if (options.partnerName && page.partner !== options.partnerName)
      throw new PullError("UnexpectedPage", "the page is addressed to another partner");
    const { confirms, withdraws } = netChanges(page);
    if (page.next_cursor !== null && page.next_cursor !== result.cursor) {
      await ports.applyPage({ ...source, cursor: result.cursor }, confirms, withdraws, page.next_cursor);
      result.cursor = page.next_cursor;
    }
    result.pages++;
    result.confirmed += confirms.length;
    result.withdrawn += withdraws.length;
    if (!page.has_more || page.entries.length === 0) break;
  }
  return result;
}
