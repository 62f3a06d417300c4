/** The shapes PdqMultiIndex takes, explains and hands to snapshot.ts (multi-index.ts). */
import type { SubstringTable } from "./substring-table.js";

export interface MultiIndexOptions {
  /** Substring widths to use (tests, benchmarks); by default chosen for the bank size. */
  widths?: readonly number[];
  /** Directory bytes per hash allowed when choosing widths (default 12.5, keeping the whole index under ~128 B a hash; the widths it gives are the ones 24 B gave with the older two-byte directories, since wider tables measured slower). */
  directoryBytesPerHash?: number;
  /** Entries scanned in the tail before a merge (default: 1/64 of the indexed entries, clamped to 1,024..4,096). */
  tailLimit?: number;
  /**
   * Cost of scanning one hash relative to one cache miss, for choosing between
   * probing and scanning (default 0.08, measured). Tests set Infinity to force
   * the table path on small banks.
   */
  costPerScannedHash?: number;
}

/** How a lookup at some radius will run (see explain()). */
export interface LookupPlan {
  /** True when the whole store is scanned instead. */
  scan: boolean;
  /** Per table: substring radius probed, -1 when the table is skipped. */
  radii: number[];
  /** Keys probed across all tables. */
  probes: number;
}

/** Everything snapshot.ts writes and reads. */
export interface MultiIndexState {
  words: Int32Array;
  ids: Float64Array;
  count: number;
  indexed: number;
  builtFor: number;
  tables: SubstringTable[];
}
