/**
 * Expands the paths given on a command line into the files to hash: files as
 * named, folders walked recursively in name order. Inside folders only files
 * with a media extension are taken, so a stray README does not count as a
 * failure; a file named explicitly is always tried (and judged by its content).
 */
import { readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";

export const MEDIA_EXTENSIONS = new Set([
  ".jpg",
  ".jpeg",
  ".jpe",
  ".jfif",
  ".png",
  ".gif",
  ".webp",
  ".tif",
  ".tiff",
  ".bmp",
  ".avif",
  ".heic",
  ".heif",
  ".mp4",
  ".m4v",
  ".mov",
  ".webm",
  ".mkv",
  ".avi",
  ".3gp",
  ".mpg",
  ".mpeg",
  ".ts",
  ".flv",
  ".wmv",
]);

export interface WalkEntry {
  path: string;
  /** Set when the path itself could not be read; the caller reports it as that file's error. */
  error?: string;
}

async function* walkFolder(folder: string): AsyncGenerator<WalkEntry> {
  let names: string[];
  try {
    names = (await readdir(folder)).sort();
  } catch (error) {
    yield { path: folder, error: `cannot list folder: ${(error as Error).message}` };
    return;
  }
  for (const name of names) {
    const path = join(folder, name);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      continue; // vanished or a broken link while walking: nothing to hash
    }
    if (info.isDirectory()) yield* walkFolder(path);
    else if (info.isFile() && MEDIA_EXTENSIONS.has(extname(name).toLowerCase())) yield { path };
  }
}

export async function* expandPaths(paths: string[]): AsyncGenerator<WalkEntry> {
  for (const path of paths) {
    let isFolder = false;
    try {
      isFolder = (await stat(path)).isDirectory();
    } catch {
      // Not there: hashing it reports the error in the file's own words.
    }
    if (isFolder) yield* walkFolder(path);
    else yield { path };
  }
}
