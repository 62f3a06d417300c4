/**
 * How `vigil hash` prints a result. The default line is Meta's pdq-photo-hasher's
 * `hash,quality,filename` (its --pdqdih form with --dihedral: eight lines, original
 * first); a video prints one such line per hashed frame with the frame's time as a
 * media fragment (`file.mp4#t=12.000`). --json prints one object per file.
 */
import type { MediaHashes } from "../hashing/hash-file.js";
import { DIHEDRAL_NAMES } from "../hashing/pdq/dihedral.js";

export function photoHasherLines(path: string, result: MediaHashes, dihedral: boolean): string[] {
  if (result.kind === "video") {
    return result.frames.map((f) => `${f.pdq},${f.quality},${path}#t=${f.timestamp.toFixed(3)}`);
  }
  if (dihedral && result.dihedral) {
    return DIHEDRAL_NAMES.map((name) => `${result.dihedral![name]},${result.quality},${path}`);
  }
  return [`${result.pdq},${result.quality},${path}`];
}

export function jsonLine(path: string, result: MediaHashes): string {
  return JSON.stringify({ file: path, ...result });
}
