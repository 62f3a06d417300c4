/** Failures of the encrypted media store, with machine-readable codes for the API and the logs. */
export type MediaVaultErrorCode =
  | "InvalidBlobRef"
  | "BlobNotFound"
  | "BlobCorrupt"
  | "UnknownMediaKey"
  | "BlobAuthenticationFailed";

export class MediaVaultError extends Error {
  override readonly name = "MediaVaultError";
  constructor(
    readonly code: MediaVaultErrorCode,
    message: string,
  ) {
    super(message);
  }
}
