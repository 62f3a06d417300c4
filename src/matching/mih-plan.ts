/**
 * The arithmetic of multi-index hashing (Norouzi, Punjani, Fleet, "Fast Search
 * in Hamming Space with Multi-Index Hashing", CVPR 2012), applied to 256-bit PDQ.
 *
 * Split the hash into m substrings of b_t bits. Generalised pigeonhole: if
 * per-substring radii s_t satisfy sum(s_t + 1) >= r + 1 and a hash is within r
 * of the query, at least one substring t differs in at most s_t bits (else the
 * total would be at least sum(s_t + 1) > r). So probing table t with every key
 * within s_t of the query's substring and verifying the hits is exact. s_t = -1
 * skips a table.
 *
 * Per table, probes = V(b, s) = sum_{k<=s} C(b, k) and, for random hashes,
 * candidates ~= probes * N / 2^b. On a 10M bank each probe and each candidate is
 * a cache (and often TLB) miss of ~75-150 ns, so the cost model counts misses:
 * a probe ~1 (directory + posting list), a candidate ~1 (its hash); a linear
 * scan costs ~0.08 per hash (streamed, ~10 ns). Worked out for r = 31:
 *
 *   N = 10M, 16 x 16 bits, s = 1:        272 probes, ~41,500 candidates
 *   N = 10M, 3 x 24 + 8 x 23 bits, s = 2: ~2,870 probes,  ~2,900 candidates
 *   N = 1M,  9 x 20 + 4 x 19 bits, s = 1-2: ~1,300 probes, ~1,400 candidates
 *
 * chooseWidths() picks the table count for the bank size under a memory
 * budget for the directories; planRadii() picks the s_t for each query radius
 * by dynamic programming over the same model, and says when a scan is cheaper.
 */

export const COST_PER_PROBE = 1;
export const COST_PER_CANDIDATE = 1;
export const COST_PER_SCANNED_HASH = 0.08;

/** Substrings wider than this would need directories too large for any bank we expect. */
export const MAX_SUBSTRING_BITS = 26;
const MIN_TABLES = 8;
const MAX_TABLES = 32;
/** Flip masks enumerated per table beyond this make a scan the better plan anyway. */
const MAX_PROBES_PER_TABLE = 1 << 22;

const binomialCache = new Map<number, number>();

/** V(b, s): keys within Hamming distance s of a b-bit key. */
export function ballSize(bits: number, s: number): number {
  if (s < 0) return 0;
  const cacheKey = bits * 512 + s;
  const cached = binomialCache.get(cacheKey);
  if (cached !== undefined) return cached;
  let term = 1;
  let total = 1;
  for (let k = 1; k <= Math.min(s, bits); k++) {
    term = (term * (bits - k + 1)) / k;
    total += term;
  }
  binomialCache.set(cacheKey, total);
  return total;
}

/** Widths of m substrings covering all 256 bits as evenly as possible. */
export function evenWidths(tables: number): number[] {
  const base = Math.floor(256 / tables);
  const wider = 256 % tables;
  return Array.from({ length: tables }, (_, t) => (t < wider ? base + 1 : base));
}

/** Bytes of the directories (Uint8 offsets a key, Int32 a 64-key block; see substring-table.ts) for these widths. */
export function directoryBytes(widths: readonly number[]): number {
  let bytes = 0;
  for (const b of widths) bytes += (1 << b) + 1 + ((1 << b) / 64 + 2) * 4;
  return bytes;
}

/** A radius plan with its flip masks enumerated: what a lookup runs (see mih-lookup.ts). */
export interface QueryPlan {
  /** Per table: the substring radius to probe with, or -1 to skip the table. */
  radii: Int32Array;
  /** Per table: every key difference to probe (flipMasks(bits, radius)). */
  masks: Int32Array[];
  /** True when the whole store is scanned instead. */
  scan: boolean;
  /** Keys probed across all tables. */
  probes: number;
}

export interface RadiusPlan {
  /** Per table: the substring radius to probe with, or -1 to skip the table. */
  radii: Int32Array;
  /** Estimated cost in the model's units (misses). */
  cost: number;
  /** True when a linear scan of the whole store is estimated cheaper. */
  scan: boolean;
}

/**
 * Cheapest per-table radii for query radius r. `entriesPerKey[t]` is the bank
 * size over 2^b_t (the expected bucket size); `scanned` is how many hashes a
 * fallback scan would read.
 */
export function planRadii(
  widths: readonly number[],
  entriesPerKey: readonly number[],
  radius: number,
  scanned: number,
  costPerScannedHash = COST_PER_SCANNED_HASH,
): RadiusPlan {
  const m = widths.length;
  const need = radius + 1;
  const scanCost = scanned * costPerScannedHash;
  // best[t][u]: cheapest cost using tables < t with sum(s + 1) = u (capped at need).
  let best = new Float64Array(need + 1).fill(Number.POSITIVE_INFINITY);
  best[0] = 0;
  const choice: Int32Array[] = [];
  for (let t = 0; t < m; t++) {
    const next = new Float64Array(need + 1).fill(Number.POSITIVE_INFINITY);
    const pick = new Int32Array(need + 1).fill(-2);
    const perProbe = COST_PER_PROBE + COST_PER_CANDIDATE * entriesPerKey[t];
    for (let u = 0; u <= need; u++) {
      if (best[u] === Number.POSITIVE_INFINITY) continue;
      for (let s = -1; s <= Math.min(widths[t], need - 1); s++) {
        const probes = ballSize(widths[t], s);
        if (probes > MAX_PROBES_PER_TABLE) break;
        const v = Math.min(need, u + s + 1);
        const cost = best[u] + probes * perProbe;
        if (cost < next[v]) {
          next[v] = cost;
          pick[v] = u * 512 + (s + 1);
        }
      }
    }
    choice.push(pick);
    best = next;
  }
  const radii = new Int32Array(m).fill(-1);
  const cost = best[need];
  if (cost === Number.POSITIVE_INFINITY || cost >= scanCost) return { radii, cost: scanCost, scan: true };
  for (let t = m - 1, v = need; t >= 0; t--) {
    const packed = choice[t][v];
    radii[t] = (packed % 512) - 1;
    v = Math.floor(packed / 512);
  }
  return { radii, cost, scan: false };
}

/**
 * Substring widths for a bank of `count` hashes: the table count whose plan at
 * the default radius is cheapest while the directories stay within
 * `directoryBytesPerHash` (the rest of the memory is fixed: 32 bytes of hash,
 * 8 of id, ~8 of id map and 4 a table of postings). Returns [] when a plain scan
 * is cheaper than any split (small banks).
 */
export function chooseWidths(count: number, radius: number, directoryBytesPerHash: number): number[] {
  const budget = Math.max(directoryBytesPerHash * count, 256 * 1024);
  let bestWidths: number[] = [];
  let bestCost = count * COST_PER_SCANNED_HASH;
  for (let m = MIN_TABLES; m <= MAX_TABLES; m++) {
    const widths = evenWidths(m);
    if (widths[0] > MAX_SUBSTRING_BITS || directoryBytes(widths) > budget) continue;
    // Postings cost 4 bytes a table a hash: more tables only pay if they save misses.
    const plan = planRadii(
      widths,
      widths.map((b) => count / 2 ** b),
      radius,
      count,
    );
    if (!plan.scan && plan.cost < bestCost) {
      bestCost = plan.cost;
      bestWidths = widths;
    }
  }
  return bestWidths;
}

const maskCache = new Map<number, Int32Array>();

/** Every b-bit value with at most s bits set, fewest bits first (s = 0 gives [0]). */
export function flipMasks(bits: number, s: number): Int32Array {
  const cacheKey = bits * 512 + s;
  const cached = maskCache.get(cacheKey);
  if (cached) return cached;
  const masks = new Int32Array(ballSize(bits, s));
  let n = 0;
  masks[n++] = 0;
  for (let k = 1; k <= Math.min(s, bits); k++) {
    // Gosper's hack: the next larger integer with the same number of set bits.
    let v = (1 << k) - 1;
    const limit = 2 ** bits;
    while (v < limit) {
      masks[n++] = v;
      const c = v & -v;
      const r = v + c;
      v = (((r ^ v) >>> 2) / c) | r; // exact: c is a power of two; bits <= 26 keeps r < 2^31
    }
  }
  maskCache.set(cacheKey, masks);
  return masks;
}
