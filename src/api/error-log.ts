/**
 * What a failed request may write to the log: the error's class, code and
 * where in the code it happened, never the request (body, query string,
 * headers) and never what a database error quotes back (drizzle's `params`,
 * PostgreSQL's `detail` and `where` carry the rows' values, personal data
 * included). Each record is bounded in size, and identical lines are
 * rate-limited, so no request, and no flood of them, can make the log grow
 * by more than a few kilobytes.
 */
import type { FastifyRequest } from "fastify";
import type { Logger } from "pino";

export interface ErrorLogRecord {
  name: string;
  code?: string;
  /** The first line of the message, cut; absent for database errors, whose messages can quote values. */
  message?: string;
  /** Code locations only (`at file:line`), no message line. */
  stack?: string[];
  cause?: ErrorLogRecord;
}

const MAX_TEXT = 200;
const MAX_FRAMES = 10;
const MAX_CAUSES = 3;

function cut(text: string): string {
  const line = text.split("\n", 1)[0];
  return line.length > MAX_TEXT ? `${line.slice(0, MAX_TEXT)}…` : line;
}

/** node-postgres and PGlite errors carry PostgreSQL's fields (severity, a 5-character SQLSTATE such as 22P05). */
function isDatabaseError(error: Record<string, unknown>): boolean {
  return (
    typeof error.severity === "string" ||
    (typeof error.code === "string" && /^(?=.*[0-9])[0-9A-Z]{5}$/.test(error.code))
  );
}

export function errorLogRecord(error: unknown, depth = 0): ErrorLogRecord {
  if (!(error instanceof Error)) return { name: typeof error };
  const fields = error as unknown as Record<string, unknown>;
  const record: ErrorLogRecord = { name: cut(error.name) };
  if (typeof fields.code === "string" || typeof fields.code === "number")
    record.code = cut(String(fields.code));
  if (!isDatabaseError(fields)) record.message = cut(error.message);
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => line.trimStart().startsWith("at "))
    .slice(0, MAX_FRAMES)
    .map((line) => cut(line.trim()));
  if (frames.length > 0) record.stack = frames;
  if (error.cause !== undefined && depth < MAX_CAUSES) record.cause = errorLogRecord(error.cause, depth + 1);
  return record;
}

/**
 * At most `perWindow` lines with the same signature per window; the first line
 * after a window with suppressed lines says how many were left out.
 */
export class LogLineLimiter {
  private readonly seen = new Map<string, { windowStart: number; written: number; suppressed: number }>();

  constructor(
    private readonly perWindow = 10,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** null: leave the line out; otherwise write it, with `suppressed` lines left out before it. */
  admit(signature: string): { suppressed: number } | null {
    const now = this.now();
    let entry = this.seen.get(signature);
    if (!entry || now - entry.windowStart >= this.windowMs) {
      if (this.seen.size >= 10_000) this.seen.clear();
      entry = { windowStart: now, written: 0, suppressed: entry?.suppressed ?? 0 };
      this.seen.set(signature, entry);
    }
    if (entry.written >= this.perWindow) {
      entry.suppressed += 1;
      return null;
    }
    entry.written += 1;
    const suppressed = entry.suppressed;
    entry.suppressed = 0;
    return { suppressed };
  }
}

/** The error log of failed (5xx) requests: one bounded line per failure, identical ones rate-limited. */
export function requestFailureLogger(
  log: Logger,
  limiter = new LogLineLimiter(),
): (error: unknown, request: FastifyRequest, status: number, route: string) => void {
  return (error, request, status, route) => {
    const record = errorLogRecord(error);
    const admitted = limiter.admit(
      `${status} ${request.method} ${route} ${record.name} ${record.code ?? ""}`,
    );
    if (!admitted) return;
    log.error(
      {
        failure: record,
        status,
        method: request.method,
        route,
        request_id: cut(String(request.id)),
        ...(admitted.suppressed > 0 ? { suppressed_before: admitted.suppressed } : {}),
      },
      "request failed",
    );
  };
}
