/** Media failures (hashing, fetching, the vault) as API errors; the media code goes in the details. */
import { DecoderBusyError } from "../media/decode-budget.js";
import { isMediaIntakeError } from "../media/media-intake.js";
import { MediaVaultError } from "../media/media-vault-error.js";
import { CaseMediaRefused } from "../review/case-media.js";
import { ApiError, type ApiErrorName } from "./errors.js";

const BY_CODE: Record<string, ApiErrorName> = {
  EmptyFile: "InvalidMedia",
  ImageDecodeError: "InvalidMedia",
  UrlNotAllowed: "InvalidMedia",
  UnsupportedFormat: "UnsupportedMediaType",
  // Videos (vPDQ through ffmpeg): an undecodable or over-long upload is the client's; no ffmpeg is ours.
  VideoDecodeError: "InvalidMedia",
  VideoTimeout: "InvalidMedia",
  VideoTooLong: "PayloadTooLarge",
  VideoToolMissing: "Unavailable",
  FileTooLarge: "PayloadTooLarge",
  ImageTooLarge: "PayloadTooLarge",
  MediaTooLarge: "PayloadTooLarge",
  UrlUnreachable: "MediaUnavailable",
  UrlHttpError: "MediaUnavailable",
  UrlTimeout: "MediaUnavailable",
  BlobNotFound: "NotFound",
  InvalidBlobRef: "NotFound",
};

export function mediaErrorToApi(error: unknown): ApiError | null {
  // A console user asking for media through a case that may not show it (review/case-media.ts).
  if (error instanceof CaseMediaRefused) return new ApiError(error.code, error.message);
  if (error instanceof DecoderBusyError)
    return new ApiError("DecoderBusy", error.message).retryAfter(error.retryAfterSeconds);
  if (!isMediaIntakeError(error) && !(error instanceof MediaVaultError)) return null;
  const code = (error as { code: string }).code;
  // Tampered or unreadable evidence is an incident, not a client error: it surfaces as a 500 and is logged.
  const name = BY_CODE[code] ?? "Internal";
  const message = name === "Internal" ? `media store error (${code})` : (error as Error).message;
  return new ApiError(name, message, [{ code }]);
}
