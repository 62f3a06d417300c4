/**
 * The logging the enforcement module needs: structured fields plus a message, the call shape
 * of pino (`logger.warn({ status }, "webhook delivery failed")`), so the server passes its
 * pino logger (or a child of it) and tests pass a recorder.
 */
export interface EnforceLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** Swallows everything; for callers that really want no logs. */
export const silentLogger: EnforceLogger = {
  info() {},
  warn() {},
  error() {},
};
