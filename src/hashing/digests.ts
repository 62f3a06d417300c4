/** Exact hashes of a file's bytes: MD5 for the hash lists the industry exchanges, SHA-256 for evidence integrity. */
import { createHash } from "node:crypto";

export interface ByteDigests {
  md5: string;
  sha256: string;
}

export function byteDigests(bytes: Uint8Array): ByteDigests {
  return {
    md5: createHash("md5").update(bytes).digest("hex"),
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}
