/**
 * Checks the input before any tool sees it: only a local regular file, not empty, not
 * over the size limit. ffmpeg would otherwise open URLs ("http://", "concat:",
 * "subfile,,...") or devices and FIFOs that never end; the caller also passes the
 * result as "file:" + absolute path with -protocol_whitelist, so nothing in the
 * name can select another protocol.
 */
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { MediaError } from "../media-error.js";

export interface InputFile {
  /** Absolute path. */
  path: string;
  size: number;
}

/**
 * A colon before the first slash: a URL or an ffmpeg protocol ("http:", "concat:",
 * "subfile,,start,0,...:"), not a file name to us. "./name:with:colons" is accepted.
 */
const PROTOCOL_PREFIX = /^[^/]*:/;

function systemCode(error: unknown): string {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : String(error);
}

export async function checkInputFile(path: string, maxBytes: number): Promise<InputFile> {
  if (typeof path !== "string" || path === "" || path.includes("\0")) {
    throw new MediaError("NotFound", "a video path must be a non-empty string");
  }
  if (PROTOCOL_PREFIX.test(path)) {
    throw new MediaError(
      "NotAFile",
      `only local file paths are accepted, not URLs or protocols (${JSON.stringify(path.slice(0, 40))}); prefix a relative name with ./`,
    );
  }
  const absolute = resolve(path);
  let size: number;
  try {
    const info = await stat(absolute);
    if (!info.isFile()) throw new MediaError("NotAFile", "not a regular file");
    size = info.size;
  } catch (error) {
    if (error instanceof MediaError) throw error;
    const code = systemCode(error);
    throw new MediaError("NotFound", code === "ENOENT" ? "no such file" : `cannot read file (${code})`);
  }
  if (size === 0) throw new MediaError("EmptyFile", "file is empty (0 bytes)");
  if (size > maxBytes)
    throw new MediaError("FileTooLarge", `video of ${size} bytes is over the limit of ${maxBytes} bytes`);
  return { path: absolute, size };
}
