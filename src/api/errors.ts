/**
 * Every error the API answers with: a status and a machine-readable name, so
 * clients branch on `error`, not on message text. Body:
 * `{"error": "<Name>", "message": "<for people>", "details": [...]}`.
 */
import { z } from "zod";

export const API_ERRORS = {
  MalformedJson: 400,
  InvalidRequest: 400,
  /** A string (value or key) with a NUL character or a lone surrogate, which the database cannot store; `details` give its path. */
  UnstorableText: 400,
  /** JSON nested deeper than 64 levels. */
  JsonTooDeep: 400,
  /** A multipart upload other than exactly one file in the field `file`. */
  InvalidUpload: 400,
  /** The URL's percent-encoding does not decode to text. */
  MalformedUrl: 400,
  /** Not valid HTTP (answered by the server before any route). */
  MalformedRequest: 400,
  InvalidEvent: 400,
  UnknownEventType: 400,
  InvalidMedia: 422,
  MediaUnavailable: 502,
  Unauthorized: 401,
  MissingScope: 403,
  /** A console user's role does not allow this (or this queue). */
  ForbiddenRole: 403,
  /** Console media asked for through a case it is not part of (issue 17). */
  MediaNotInCase: 403,
  NotFound: 404,
  /** The path exists, the method does not; `Allow` lists those that do. */
  MethodNotAllowed: 405,
  /** The request did not arrive within the request timeout. */
  RequestTimeout: 408,
  /** POST /v1/expansions: the seed group or account is not known to Vigil. */
  UnknownSeed: 404,
  CaseConflict: 409,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  /** A path parameter longer than the limit. */
  UriTooLong: 414,
  /** Request line and headers larger than the limit. */
  HeadersTooLarge: 431,
  /** Too many requests from this key or address in the last minute; see Retry-After. */
  TooManyRequests: 429,
  /** A bulk decision above the size limit, applied by a non-lead without a lead's confirmation for it. */
  LeadConfirmationRequired: 403,
  /** Too many failed console sign-ins for this account or address; see Retry-After. */
  TooManySignIns: 429,
  Internal: 500,
  Unavailable: 503,
  /** Too many images are being decoded at once (a bound on decodes and decoded pixels); see Retry-After. */
  DecoderBusy: 503,
  /** The disk is full: nothing was stored; see Retry-After (and /readyz). */
  StorageFull: 503,
  /** Workers are behind by more than the configured lag (VIGIL_MAX_LAG); retry after `Retry-After` seconds. */
  LagLimitReached: 429,
  /** CyberTipline reports (issue 8; api/cybertip-errors.ts). */
  XmlInvalidCharacter: 422,
  XmlFieldTooLong: 422,
  CyberTipInvalidValue: 422,
  CyberTipUnknownFile: 422,
  CyberTipFileUnavailable: 422,
  CyberTipInProgress: 409,
  CyberTipAlreadyFiled: 409,
  ChildSafetyReviewRequired: 403,
  CyberTipNotConfigured: 503,
  // Bulk enforcement (src/enforce/bulk/bulk-errors.ts): a batch that may not run or be confirmed yet.
  ConfirmationRequired: 409,
  SecondConfirmationRequired: 409,
  OwnBatch: 403,
  AlreadyConfirmed: 409,
  BatchStateConflict: 409,
  // The case workspace (issue 16).
  /** An assignment names no console user (or a disabled one). */
  UnknownAssignee: 422,
  /** A group's invite links or admins changed between the preview and the apply: preview again. */
  ConfirmationOutdated: 409,
  // Hash exchange and HMA's API (issue 19).
  /** A bank of that name exists already (HMA's POST /c/banks). */
  BankExists: 409,
  /** A partner's feed page was refused (bad signature, malformed, unreachable); the checkpoint stays put. */
  ExchangeFeedRefused: 502,
} as const;
export type ApiErrorName = keyof typeof API_ERRORS;

/** Every error name the API answers with, in one list: the console maps each to a sentence (web/src/strings.ts). */
export const API_ERROR_NAMES = Object.keys(API_ERRORS) as ApiErrorName[];

export const ErrorBody = z.object({
  error: z.enum(Object.keys(API_ERRORS) as [ApiErrorName, ...ApiErrorName[]]),
  message: z.string(),
  details: z.array(z.unknown()).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export class ApiError extends Error {
  readonly status: number;
  /** Who was refused, when known (401/403 are written to the audit log under this actor). */
  actor?: string;
  /** Sent as Retry-After (seconds) with the error. */
  retryAfterSeconds?: number;
  constructor(
    readonly code: ApiErrorName,
    message: string,
    readonly details?: unknown[],
  ) {
    super(message);
    this.status = API_ERRORS[code];
  }

  retryAfter(seconds: number): this {
    this.retryAfterSeconds = seconds;
    return this;
  }

  refusing(actor: string): this {
    this.actor = actor;
    return this;
  }

  body(): ErrorBody {
    return this.details
      ? { error: this.code, message: this.message, details: this.details }
      : { error: this.code, message: this.message };
  }
}
