/**
 * An uploaded bank file as a file again: written to a fresh 0700 folder in the
 * OS temp folder under its own base name, handed to `work`, and removed after,
 * whatever happens. A cut-off upload fails the write, so nothing is imported
 * from half a file. Bank files hold hashes, not personal data.
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

function safeName(fileName: string): string {
  const name = basename(fileName)
    .replace(/[^\w.+-]/g, "_")
    .slice(0, 200);
  return name === "" || name.startsWith(".") ? `upload${name}` : name;
}

export async function withSpooledUpload<T>(
  fileName: string,
  body: Readable,
  work: (path: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "vigil-bank-upload-"));
  try {
    const path = join(dir, safeName(fileName));
    // An upload that ends early (client killed) arrives as 'aborted' on the request, not as an error.
    const cutOff = new Promise<never>((_, reject) =>
      body.once("aborted", () => reject(new Error("the upload was cut off before the end of the file"))),
    );
    await Promise.race([pipeline(body, createWriteStream(path, { mode: 0o600 })), cutOff]);
    return await work(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
