/**
 * One multi-index lookup: the tables' probes, their runs, the candidates and
 * their verification, in the phases mih-search.ts describes, for any plan size.
 *
 * The scratch arrays are module constants on purpose. When the hot loops are
 * inlined here, TurboFan folds a constant array's base and length into the
 * code; arrays read from an object's fields (per index) are reloaded and
 * bounds-checked against a loaded length, which measured ~1.4x slower at 10M
 * hashes (2,541 vs 1,794 lookups/s, same tables, same run). JavaScript runs
 * one lookup at a time on a thread, so every index can share them.
 *
 * Because they are fixed in size, work is done in rounds: as many probes as
 * fit RUN_CAPACITY, then their runs' positions in slices of at most
 * CANDIDATE_CAPACITY, each slice brought into cache and verified before the
 * next. A normal plan (a few thousand probes and candidates) is one round and
 * one slice; a clustered bank or a large radius just takes more of them.
 */
import type { QueryPlan } from "./mih-plan.js";
import { collectRuns, gatherRuns, touchCandidates, verifyCandidates } from "./mih-search.js";
import { PDQ_WORDS, popcount32, substringKey } from "./pdq-words.js";
import type { PositionMatches } from "./scan.js";
import type { SubstringTable } from "./substring-table.js";

/** Probes per round: 16,384 runs are 128 KB of starts and ends. */
const RUN_CAPACITY = 16384;
/** Candidates per slice: their hash lines (64 B each) stay within a 1 MB L2. */
const CANDIDATE_CAPACITY = 8192;
/** Tables are at most MAX_TABLES (32) in mih-plan.ts; a round holds one segment per table or mask chunk. */
const SEGMENT_CAPACITY = 1024;

const RUNS = new Int32Array(2 * RUN_CAPACITY);
const LONG_RUNS = new Int32Array(RUN_CAPACITY);
/** One spare slot: gatherRuns writes the first position of an empty run there before discarding it. */
const CANDIDATES = new Int32Array(CANDIDATE_CAPACITY + 1);
/** Per segment of a round: its table, and where its runs end in RUNS. */
const SEGMENT_TABLE = new Int32Array(SEGMENT_CAPACITY);
const SEGMENT_RUN_END = new Int32Array(SEGMENT_CAPACITY);
/** Per slice: where each table's candidates end (tables appear in increasing order). */
const SLICE_TABLE = new Int32Array(SEGMENT_CAPACITY);
const SLICE_CAND_END = new Int32Array(SEGMENT_CAPACITY);
/** The query's key in each table. */
const QUERY_KEYS = new Int32Array(64);

/** Keeps touchCandidates' loads observable so they are not optimised away. */
const SINK = { checksum: 0 };

/** What a lookup needs from the index: tables, the stored words, and where to report. */
export interface TableLookup {
  tables: readonly SubstringTable[];
  words: Int32Array;
  query: Int32Array;
  radius: number;
  plan: QueryPlan;
  found: PositionMatches;
}

/**
 * Pushes into `found` every indexed position within `radius` of the query,
 * once each (a hash may sit within its table's radius in several tables; it
 * is kept only from the first).
 */
export function searchTables(lookup: TableLookup): void {
  const { tables, query, plan } = lookup;
  const m = tables.length;
  if (m > QUERY_KEYS.length) throw new RangeError(`${m} tables; at most ${QUERY_KEYS.length} supported`);
  for (let t = 0; t < m; t++) QUERY_KEYS[t] = substringKey(query, 0, tables[t].start, tables[t].bits);
  let segments = 0;
  let runs = 0;
  for (let t = 0; t < m; t++) {
    if (plan.radii[t] < 0) continue;
    const masks = plan.masks[t];
    const table = tables[t];
    for (let from = 0; from < masks.length; ) {
      if (runs === 2 * RUN_CAPACITY || segments === SEGMENT_CAPACITY) {
        finishRound(lookup, segments);
        segments = 0;
        runs = 0;
      }
      const to = Math.min(masks.length, from + (RUN_CAPACITY - runs / 2));
      runs = collectRuns(table.coarse, table.fine, QUERY_KEYS[t], masks, from, to, RUNS, runs);
      SEGMENT_TABLE[segments] = t;
      SEGMENT_RUN_END[segments] = runs;
      segments++;
      from = to;
    }
  }
  if (segments > 0) finishRound(lookup, segments);
}

/** Gathers the runs of a round in slices that fit CANDIDATES, verifying each slice. */
function finishRound(lookup: TableLookup, segments: number): void {
  const { tables } = lookup;
  let nc = 0;
  let slices = 0;
  for (let s = 0, r = 0; s < segments; s++) {
    const t = SEGMENT_TABLE[s];
    const postings = tables[t].postings;
    const end = SEGMENT_RUN_END[s];
    while (r < end) {
      // The longest prefix of runs whose positions still fit.
      let room = CANDIDATE_CAPACITY - nc;
      let r1 = r;
      while (r1 < end && RUNS[r1 + 1] - RUNS[r1] <= room) {
        room -= RUNS[r1 + 1] - RUNS[r1];
        r1 += 2;
      }
      nc = gatherRuns(postings, RUNS, r, r1, CANDIDATES, nc, LONG_RUNS);
      slices = closeSlice(t, nc, slices);
      r = r1;
      if (r < end) {
        // Full: verify what is gathered. A run longer than the whole buffer
        // (thousands of equal keys in a clustered bank) is taken in pieces.
        verifySlice(lookup, nc, slices);
        nc = 0;
        slices = 0;
        const a = RUNS[r];
        const e = RUNS[r + 1];
        if (e - a > CANDIDATE_CAPACITY) {
          for (let p = a; p < e; p += CANDIDATE_CAPACITY) {
            const n = Math.min(CANDIDATE_CAPACITY, e - p);
            CANDIDATES.set(postings.subarray(p, p + n), 0);
            verifySlice(lookup, n, closeSlice(t, n, 0));
          }
          r += 2;
        }
      }
    }
  }
  if (nc > 0) verifySlice(lookup, nc, slices);
}

/**
 * Records that the candidates gathered up to nc belong to table t; returns the
 * slice's table count. (A segment is closed once per slice, and two segments
 * of one table never share a round, so each entry is a new table.)
 */
function closeSlice(t: number, nc: number, slices: number): number {
  SLICE_TABLE[slices] = t;
  SLICE_CAND_END[slices] = nc;
  return slices + 1;
}

function verifySlice(lookup: TableLookup, nc: number, slices: number): void {
  const { words, query, radius, found } = lookup;
  SINK.checksum = touchCandidates(words, CANDIDATES, 0, nc);
  for (let i = 0, c0 = 0; i < slices; i++) {
    const before = found.count;
    verifyCandidates(words, CANDIDATES, c0, SLICE_CAND_END[i], query, radius, found);
    c0 = SLICE_CAND_END[i];
    if (found.count > before) dropSeenInEarlierTables(lookup, before, SLICE_TABLE[i]);
  }
}

/**
 * A hash within radius can show up in several tables; report it only from the
 * first table whose probe would find it. Runs on matches only, so it costs
 * nothing on misses and needs no per-lookup "seen" set.
 */
function dropSeenInEarlierTables(lookup: TableLookup, from: number, t: number): void {
  const { found, tables, words, plan } = lookup;
  let kept = from;
  for (let i = from; i < found.count; i++) {
    const pos = found.positions[i];
    let seen = false;
    for (let e = 0; e < t && !seen; e++) {
      const s = plan.radii[e];
      if (s < 0) continue;
      const key = substringKey(words, pos * PDQ_WORDS, tables[e].start, tables[e].bits);
      seen = popcount32(key ^ QUERY_KEYS[e]) <= s;
    }
    if (!seen) {
      found.positions[kept] = pos;
      found.distances[kept] = found.distances[i];
      kept++;
    }
  }
  found.count = kept;
}

/** For tests: the capacities, so they can build plans that need several rounds and slices. */
export const LOOKUP_CAPACITIES = { runs: RUN_CAPACITY, candidates: CANDIDATE_CAPACITY } as const;
