/**
 * Errors about one media file, with a machine-readable code so callers (the CLI,
 * the intake API) can report them per file and go on with the rest.
 */
export type MediaErrorCode =
  | "NotFound"
  | "NotAFile"
  | "EmptyFile"
  | "FileTooLarge"
  | "UnsupportedFormat"
  | "ImageDecodeError"
  | "ImageTooLarge"
  | "VideoDecodeError"
  | "VideoTooLong"
  | "VideoTimeout"
  | "VideoToolMissing";

export class MediaError extends Error {
  override readonly name = "MediaError";
  constructor(
    readonly code: MediaErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isMediaError(error: unknown): error is MediaError {
  return error instanceof MediaError;
}
