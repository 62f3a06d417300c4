/**
 * Every error the API answers with: a status and a machine-readable name, so
 * clients branch on `error`, not on message text. Body:
 * `{"error": "<Name>", "message": "<for people>", "details": [...]}`.
 */
import { z } from "zod";

export const API_ERRORS = {
  MalformedJson: 400,
  InvalidRequest: 400,
  InvalidEvent: 400,
  UnknownEventType: 400,
  InvalidMedia: 422,
  MediaUnavailable: 502,
  Unauthorized: 401,
  MissingScope: 403,
  /** A console user's role does not allow this (or this queue). */
  ForbiddenRole: 403,
  NotFound: 404,
  CaseConflict: 409,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  Internal: 500,
  Unavailable: 503,
} as const;
export type ApiErrorName = keyof typeof API_ERRORS;

export const ErrorBody = z.object({
  error: z.enum(Object.keys(API_ERRORS) as [ApiErrorName, ...ApiErrorName[]]),
  message: z.string(),
  details: z.array(z.unknown()).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorName,
    message: string,
    readonly details?: unknown[],
  ) {
    super(message);
    this.status = API_ERRORS[code];
  }

  body(): ErrorBody {
    return this.details
      ? { error: this.code, message: this.message, details: this.details }
      : { error: this.code, message: this.message };
  }
}
