/**
 * Where media evidence is kept, encrypted. The local-disk vault implements it for
 * the embedded default; an S3-compatible store can implement it for scale, and
 * callers (intake, review, reporting) only ever see this interface.
 */
export interface StoredBlob {
  /** Opaque, random name of the blob; reveals nothing about the content. */
  ref: string;
  /** Plaintext size in bytes. */
  size: number;
}

export interface MediaBlobStore {
  /** Encrypts and stores the bytes durably before resolving. */
  put(bytes: Uint8Array): Promise<StoredBlob>;
  /** The plaintext, only if it authenticates; a MediaVaultError otherwise. */
  get(ref: string): Promise<Buffer>;
  /** Removes the blob; false when there was nothing to remove. */
  delete(ref: string): Promise<boolean>;
}
