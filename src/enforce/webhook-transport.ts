/**
 * Sends one webhook POST and reports what happened, never throwing: a status, or why there
 * was none (timeout, refused, reset). The default transport is undici with its own connection
 * pool, so `close()` releases exactly the sockets webhooks opened. Redirects are not followed:
 * a 3xx is not an acknowledgement, and following it could leak the signed body elsewhere.
 */
import { Agent, request } from "undici";

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The whole exchange (connect, headers, body) must finish within this. */
  timeoutMs: number;
}

export type WebhookResponse =
  | {
      kind: "response";
      status: number;
      /** From `Retry-After` (seconds or HTTP date, RFC 9110 §10.2.3), null when absent. */
      retryAfterMs: number | null;
      /** The first bytes of the response body, for the failure message. */
      bodySnippet: string;
    }
  | { kind: "error"; timedOut: boolean; error: string };

export interface WebhookTransport {
  send(req: WebhookRequest): Promise<WebhookResponse>;
  close(): Promise<void>;
}

const SNIPPET_BYTES = 300;

export interface UndiciTransportOptions {
  /** Sockets per origin (default 8). */
  connections?: number;
}

export function createUndiciTransport(options: UndiciTransportOptions = {}): WebhookTransport {
  const agent = new Agent({ connections: options.connections ?? 8, keepAliveTimeout: 10_000 });
  return {
    async send(req) {
      const signal = AbortSignal.timeout(req.timeoutMs);
      let response: Awaited<ReturnType<typeof request>>;
      try {
        response = await request(req.url, {
          method: "POST",
          headers: req.headers,
          body: req.body,
          signal,
          dispatcher: agent,
        });
      } catch (err) {
        if (signal.aborted)
          return { kind: "error", timedOut: true, error: `timed out after ${req.timeoutMs} ms` };
        return { kind: "error", timedOut: false, error: describeError(err) };
      }
      // The status is the answer; a body that stalls or breaks afterwards does not change it.
      const bodySnippet = await readSnippet(response.body).catch(() => "");
      return {
        kind: "response",
        status: response.statusCode,
        retryAfterMs: parseRetryAfter(response.headers["retry-after"], Date.now()),
        bodySnippet,
      };
    },
    close: () => agent.close(),
  };
}

/** Milliseconds to wait from a `Retry-After` value (delay-seconds or an HTTP date). */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number): number | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return null;
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

async function readSnippet(body: AsyncIterable<Uint8Array> & { destroy(): unknown }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(Buffer.from(chunk));
    size += chunk.byteLength;
    if (size >= SNIPPET_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString("utf8").replace(/\s+/g, " ").trim();
}

/** `ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9` from undici's error and its cause. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? err.cause : null;
  const code = errorCode(err) ?? (cause ? errorCode(cause) : null);
  const message = cause && err.message === "fetch failed" ? cause.message : err.message;
  return code ? `${code}: ${message}` : `${err.name}: ${message}`;
}

function errorCode(err: Error): string | null {
  const code = (err as Error & { code?: unknown }).code;
  return typeof code === "string" ? code : null;
}
