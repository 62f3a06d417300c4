/**
 * What both guarded fetchers (media by URL, and the directory crawler) do with
 * an undici response or failure: read a body up to a byte limit, drop a body
 * unread, and sort a failure into refused address / timeout / unreachable.
 * Each caller wraps the outcome in its own error type.
 */
import type { request } from "undici";
import { AddressNotAllowedError } from "./guarded-lookup.js";

export type ResponseBody = Awaited<ReturnType<typeof request>>["body"];

/** Drops a body unread; the listener keeps the stream's abort error from going uncaught. */
export function discard(body: ResponseBody): void {
  body.on("error", () => undefined);
  body.destroy();
}

/** The body, or `tooLarge()` thrown as soon as it passes `maxBytes` (the rest is never read). */
export async function readLimited(
  body: ResponseBody,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const bytes = chunk as Buffer;
    total += bytes.length;
    if (total > maxBytes) {
      discard(body);
      throw tooLarge();
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && chain.length < 10; ) {
    chain.push(e);
    e = e instanceof Error ? e.cause : undefined;
  }
  return chain;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}

export type FetchFailure =
  | { kind: "not_allowed"; message: string }
  | { kind: "timeout"; message: string }
  | { kind: "unreachable"; message: string };

/** Maps whatever undici or the socket threw (following `cause`) onto the three ways a fetch fails. */
export function classifyFetchFailure(error: unknown, deadline: AbortSignal, timeoutMs: number): FetchFailure {
  const chain = causes(error);
  const refused = chain.find((e) => e instanceof AddressNotAllowedError);
  if (refused instanceof AddressNotAllowedError) return { kind: "not_allowed", message: refused.message };
  const codes = chain.map(errorCode);
  if (
    deadline.aborted ||
    codes.some((c) => c === "UND_ERR_HEADERS_TIMEOUT" || c === "UND_ERR_BODY_TIMEOUT")
  ) {
    return { kind: "timeout", message: `no complete answer within ${timeoutMs} ms` };
  }
  const detail = codes.find((c) => c !== undefined) ?? (error instanceof Error ? error.message : "");
  return { kind: "unreachable", message: `could not fetch (${detail})` };
}
