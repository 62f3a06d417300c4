/**
 * Reads a bank's content from a running Hasher-Matcher-Actioner over its REST
 * API: `GET /c/bank/<bank>` (does the bank exist), `GET /c/banks` (to name the
 * ones that do when it does not), and `GET /c/bank/<bank>/content/<id>
 * ?include_signals=true` per content id. HMA has no call that lists a bank's
 * content ids, so the caller names them (ranges like `1-500,720`); ids HMA
 * does not have, or has in another bank, are counted, not errors. Every
 * request goes through the crawler's guarded fetch: public addresses only,
 * unless the host is on the allow-list (HMA usually runs inside a network),
 * with size, time and redirect limits; a token is sent only to HMA's origin.
 */

import { CrawlFetchError } from "../crawl/crawl-fetch-error.js";
import { createGuardedAgent, DEFAULT_GUARDED_FETCH, guardedFetch } from "../crawl/guarded-fetch.js";
import type { ParsedRow, ParseOptions } from "./bank-files/bank-rows.js";
import { hmaContentRows } from "./bank-files/hma-content.js";

export interface HmaSourceOptions {
  /** HMA's base URL, e.g. http://hma.internal:5000 */
  baseUrl: string;
  bank: string;
  contentIds: Iterable<number>;
  /** Host names allowed to resolve to non-public addresses. */
  allowHosts: ReadonlySet<string>;
  /** Sent as `Authorization: Bearer <token>` when HMA sits behind an authenticating proxy. */
  token?: string;
  timeoutMs?: number;
}

export class HmaSourceError extends Error {
  override readonly name = "HmaSourceError";
}

/** What the id scan met besides content: counted so the operator sees why fewer came back. */
export interface HmaScan {
  absent: number;
  inOtherBanks: number;
}

const MAX_IDS = 1_000_000;
const MAX_CONTENT_BYTES = 64 * 1024 * 1024;

/** "1-5,9,20-22" → 1..5, 9, 20..22 (at most a million ids). */
export function parseContentIds(text: string): number[] {
  const ids: number[] = [];
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "")) {
    const match = /^(\d{1,15})(?:-(\d{1,15}))?$/.exec(part);
    if (!match)
      throw new HmaSourceError(
        `content ids are numbers and ranges like 1-500,720, not ${JSON.stringify(part)}`,
      );
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (to < from) throw new HmaSourceError(`range ${part} runs backwards`);
    if (ids.length + (to - from + 1) > MAX_IDS) throw new HmaSourceError(`more than ${MAX_IDS} content ids`);
    for (let id = from; id <= to; id++) ids.push(id);
  }
  if (ids.length === 0) throw new HmaSourceError("no content ids given");
  return ids;
}

export function hmaSource(
  options: HmaSourceOptions,
  parse: ParseOptions,
  scan: HmaScan,
): AsyncGenerator<ParsedRow> {
  const base = options.baseUrl.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? 15_000;
  const dispatcher = createGuardedAgent({
    allowHosts: options.allowHosts,
    resolveHost: DEFAULT_GUARDED_FETCH.resolveHost,
    timeoutMs,
  });
  const getJson = async (path: string): Promise<unknown | null> => {
    try {
      const fetched = await guardedFetch(`${base}${path}`, {
        allowHosts: options.allowHosts,
        dispatcher,
        timeoutMs,
        maxBytes: MAX_CONTENT_BYTES,
        accept: "application/json",
        contentTypes: ["application/json"],
        userAgent: "Vigil bank import",
        headers: options.token ? { authorization: `Bearer ${options.token}` } : undefined,
      });
      return JSON.parse(fetched.body.toString("utf8"));
    } catch (error) {
      if (error instanceof CrawlFetchError && error.status === 404) return null;
      if (error instanceof SyntaxError)
        throw new HmaSourceError(`${base}${path}: not JSON (${error.message})`);
      throw new HmaSourceError(`${base}${path}: ${(error as Error).message}`);
    }
  };
  const bankPath = `/c/bank/${encodeURIComponent(options.bank)}`;
  return (async function* () {
    try {
      if ((await getJson(bankPath)) === null) {
        const banks = await getJson("/c/banks");
        const names = Array.isArray(banks)
          ? banks.map((b) => (b as { name?: unknown })?.name).filter((n) => typeof n === "string")
          : [];
        throw new HmaSourceError(
          `HMA at ${base} has no bank "${options.bank}"; its banks: ${names.join(", ") || "(none)"}`,
        );
      }
      for (const id of options.contentIds) {
        const doc = await getJson(`${bankPath}/content/${id}?include_signals=true`);
        if (doc === null) {
          scan.absent++;
          continue;
        }
        const bank = (doc as { bank?: { name?: unknown } }).bank?.name;
        // HMA answers a content id whatever bank is in the path: keep only this bank's.
        if (typeof bank === "string" && bank !== options.bank) {
          scan.inOtherBanks++;
          continue;
        }
        yield* hmaContentRows(doc, id, parse);
      }
    } finally {
      await dispatcher.destroy().catch(() => undefined);
    }
  })();
}
