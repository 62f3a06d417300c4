/** Why fetching media from a URL failed, as a small set of machine-readable codes. */
export type MediaFetchErrorCode =
  /** Not http(s), carries credentials, or resolves to (or redirects to) a non-public address. */
  | "UrlNotAllowed"
  /** DNS failed, the connection was refused or dropped. */
  | "UrlUnreachable"
  /** The whole fetch, redirects and body included, took longer than allowed. */
  | "UrlTimeout"
  /** Content-Length or the bytes actually sent went over the size limit. */
  | "MediaTooLarge"
  /** The server answered with a non-2xx status, or redirected too often. */
  | "UrlHttpError";

export class MediaFetchError extends Error {
  override readonly name = "MediaFetchError";
  constructor(
    readonly code: MediaFetchErrorCode,
    message: string,
    /** The HTTP status, for UrlHttpError answers. */
    readonly status?: number,
  ) {
    super(message);
  }
}
