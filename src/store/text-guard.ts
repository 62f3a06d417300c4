/**
 * The store's last guard against text PostgreSQL cannot store (see
 * domain/storable-text.ts): every parameter of every query drizzle runs, on
 * PGlite and PostgreSQL alike, is checked before it is sent, so a NUL or a
 * lone surrogate that slipped past the API (a CLI import, a crawler page, a
 * future route) is refused with a named error instead of failing inside the
 * database as an unexplained 500, or being silently altered.
 *
 * Drizzle's `logger` hook is the one place that sees each query's final
 * parameters before the driver does; this "logger" logs nothing and throws.
 * `jsonb` values arrive already serialised, so `\u0000` and unpaired `\ud8xx`
 * escapes inside JSON text are looked for too.
 */
import type { Logger } from "drizzle-orm";
import { findUnstorable, UnstorableTextError, unstorableIn } from "../domain/storable-text.js";

// An escape preceded by an even number of backslashes (the escape itself, not an escaped backslash).
const JSON_ESCAPE = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

function checkJsonText(text: string, path: string): void {
  if (!JSON_ESCAPE.test(text)) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return; // plain text that happens to contain a backslash sequence: storable as text
  }
  const problem = findUnstorable(parsed, path, Number.POSITIVE_INFINITY);
  if (problem) throw new UnstorableTextError(problem);
}

function checkParam(value: unknown, path: string): void {
  if (typeof value === "string") {
    const reason = unstorableIn(value);
    if (reason) throw new UnstorableTextError({ reason, path });
    checkJsonText(value, path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      checkParam(item, `${path}.${i}`);
    });
  }
}

export const storableTextGuard: Logger = {
  logQuery(_query: string, params: unknown[]): void {
    params.forEach((param, i) => {
      checkParam(param, `parameter ${i + 1}`);
    });
  },
};
