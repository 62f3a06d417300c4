/**
 * Reads one page of a partner's feed over HTTP with a deadline and a size cap,
 * so a hung or hostile partner costs one refused run, never a stalled worker
 * or an unbounded buffer.
 */
import { request } from "undici";
import { type FetchedPage, PullError } from "./feed-puller.js";
import { SIGNATURE_HEADER } from "./feed-signature.js";

const TIMEOUT_MS = 30_000;
/** Far above a full page of PDQ entries; vPDQ payloads are the large ones. */
const MAX_PAGE_BYTES = 64 * 1024 * 1024;

export async function fetchFeedPage(url: string, apiKey: string): Promise<FetchedPage> {
  let response: Awaited<ReturnType<typeof request>>;
  try {
    response = await request(url, {
      headers: { authorization: `Bearer ${apiKey}`, accept: "application/json" },
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
    });
  } catch (error) {
    throw new PullError(
      "FeedUnavailable",
      `the partner's feed could not be reached: ${(error as Error).message}`,
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_PAGE_BYTES) {
        response.body.destroy();
        throw new PullError("MalformedPage", `the page is larger than ${MAX_PAGE_BYTES} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof PullError) throw error;
    throw new PullError("FeedUnavailable", `the page did not arrive whole: ${(error as Error).message}`);
  }
  const header = response.headers[SIGNATURE_HEADER];
  return {
    status: response.statusCode,
    body: Buffer.concat(chunks),
    signature: typeof header === "string" ? header : null,
  };
}
