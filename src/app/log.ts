/**
 * The service's logger. Logs never carry bodies, query strings or personal
 * data: errors are reduced to class, code and code locations
 * (api/error-log.ts), requests to method and route, and any field that could
 * hold a payload, a phone number, a password, a token or a note is censored
 * wherever a log call puts it.
 */
import pino, { type DestinationStream, type Logger } from "pino";
import { errorLogRecord } from "../api/error-log.js";

const SENSITIVE = [
  "body",
  "payload",
  "query",
  "params",
  "headers",
  "phone",
  "password",
  "token",
  "cookie",
  "authorization",
  "text",
  "notes",
  "reporter",
  "email",
];

export const LOG_REDACT_PATHS = [...SENSITIVE, ...SENSITIVE.map((field) => `*.${field}`)];

export function serviceLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: LOG_REDACT_PATHS, censor: "[redacted]" },
    serializers: {
      err: errorLogRecord,
      error: errorLogRecord,
      req: (req: { method?: string; routeOptions?: { url?: string }; id?: unknown }) => ({
        method: req.method,
        route: req.routeOptions?.url,
        id: req.id,
      }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
