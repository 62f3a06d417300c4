/**
 * Checks a loaded snapshot's tables before they are trusted: a corrupt directory or
 * posting would make lookups silently miss matches, so it is refused instead.
 */
import type { SubstringTable } from "./substring-table.js";

export class SnapshotError extends Error {
  override readonly name = "SnapshotError";
}

/** Directory offsets must rise from 0 to `entries`. */
export function validateDirectory(
  offsetOf: (k: number) => number,
  bits: number,
  entries: number,
  i: number,
): void {
  const keys = 2 ** bits;
  let previous = 0;
  for (let k = 0; k <= keys; k++) {
    const off = offsetOf(k);
    if (off < previous || off > entries)
      throw new SnapshotError(`snapshot table ${i}: directory corrupt at key ${k}`);
    previous = off;
  }
  if (previous !== entries) throw new SnapshotError(`snapshot table ${i}: directory ends at ${previous}`);
}

/** Directory offsets must rise from 0 to `entries`, and postings must be indexed positions. */
export function validateTable(table: SubstringTable, i: number): void {
  validateDirectory((k) => table.offset(k), table.bits, table.entries, i);
  const { postings, entries } = table;
  for (let p = 0; p < entries; p++) {
    const pos = postings[p];
    if (pos < 0 || pos >= entries) throw new SnapshotError(`snapshot table ${i}: posting ${p} out of range`);
  }
}
