/**
 * PDQ matching at bank scale: for each size, random 256-bit hashes (the worst
 * case for multi-index hashing: real banks cluster) with planted
 * near-duplicates, then, in one run on the main thread: build time, memory a
 * hash (from the structures' byte sizes and from process.memoryUsage deltas),
 * single lookups a second at radius 31 for the multi-index and for the scan
 * (bounded to a few queries at 10M), whether the two agree, and snapshot
 * write/load times.
 *
 *   node --expose-gc --max-old-space-size=4096 dist/bench/matching.js [sizes...]
 *
 * --expose-gc makes the memory deltas clean. Huge pages cut TLB misses, the
 * main cost of a lookup at 10M: with glibc, GLIBC_TUNABLES=glibc.malloc.hugetlb=1
 * lets ArrayBuffers use transparent huge pages when the kernel's THP mode is
 * "madvise" (the result records whether it was set).
 */
import { rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BruteForcePdqIndex } from "../src/matching/brute-force-index.js";
import { DEFAULT_PDQ_RADIUS, type PdqMatch } from "../src/matching/index-types.js";
import { PdqMultiIndex } from "../src/matching/multi-index.js";
import { PDQ_WORDS } from "../src/matching/pdq-words.js";
import { readSnapshotFile, writeSnapshotFile } from "../src/matching/snapshot.js";

export interface MatchingBenchOptions {
  sizes: number[];
  /** Multi-index lookups timed per size (the scan times fewer, see bruteQueries). */
  queries: number;
  log: (line: string) => void;
  /** Scan lookups timed per size; default ~2e8 / size (20 at 10M), at least 5. */
  bruteQueries?: number;
  /** Skip writing and loading a snapshot (it is ~110 bytes a hash on disk). */
  skipSnapshot?: boolean;
}

export interface MatchingBenchResult {
  size: number;
  radius: number;
  widths: number[];
  buildSeconds: number;
  /** index.byteLength / size: hashes, ids, id map, tables. */
  bytesPerHash: number;
  /** (arrayBuffers + heapUsed) growth across the build / size, after GC when exposed. */
  measuredBytesPerHash: number;
  gcExposed: boolean;
  hugePages: boolean;
  mihQueries: number;
  mihLookupsPerSecond: number;
  probesPerLookup: number;
  matchesPerLookup: number;
  bruteQueries: number;
  bruteLookupsPerSecond: number;
  /** The multi-index returned exactly the scan's matches on every scan query. */
  agree: boolean;
  snapshotBytes: number | null;
  snapshotWriteSeconds: number | null;
  snapshotLoadSeconds: number | null;
}

/** xorshift32 straight into the words of N hashes. */
function randomWords(count: number, seed: number): Int32Array {
  const words = new Int32Array(count * PDQ_WORDS);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    words[i] = s;
  }
  return words;
}

function makeRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}

/** Copies hash `from` to `to` (in words) with `flips` random bits flipped. */
function plantNear(
  src: Int32Array,
  from: number,
  dst: Int32Array,
  to: number,
  flips: number,
  next: () => number,
) {
  for (let w = 0; w < PDQ_WORDS; w++) dst[to * PDQ_WORDS + w] = src[from * PDQ_WORDS + w];
  for (let f = 0; f < flips; f++) {
    const bit = next() & 255;
    dst[to * PDQ_WORDS + (bit >>> 5)] ^= 1 << (bit & 31);
  }
}

function memoryNow(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  return m.arrayBuffers + m.heapUsed;
}

function sameMatches(a: PdqMatch[], b: PdqMatch[]): boolean {
  return a.length === b.length && a.every((m, i) => m.id === b[i].id && m.distance === b[i].distance);
}

async function benchSize(size: number, opts: MatchingBenchOptions): Promise<MatchingBenchResult> {
  const { log } = opts;
  const radius = DEFAULT_PDQ_RADIUS;
  const next = makeRandom(size ^ 0x5eed);
  const words = randomWords(size, 0x9e3779b9 ^ size);
  // Planted near-duplicates: 0.1% of the bank are 0..24-bit variants of other entries.
  const planted = Math.max(100, Math.floor(size / 1000));
  for (let i = 0; i < planted; i++) plantNear(words, next() % size, words, next() % size, next() % 25, next);
  const ids = new Float64Array(size);
  for (let i = 0; i < size; i++) ids[i] = i + 1;
  // Queries: half random (almost never match), half 0..31-bit variants of stored hashes.
  const queryCount = opts.queries;
  const queries = randomWords(queryCount, 0x51 ^ size);
  for (let q = 1; q < queryCount; q += 2) plantNear(words, next() % size, queries, q, next() % 32, next);
  const query = (q: number): Int32Array => queries.subarray(q * PDQ_WORDS, (q + 1) * PDQ_WORDS);

  log(`${size.toLocaleString("en")} hashes: building the multi-index`);
  const before = memoryNow();
  const started = performance.now();
  const index = PdqMultiIndex.fromWords(ids, words);
  const buildSeconds = (performance.now() - started) / 1000;
  const measuredBytesPerHash = (memoryNow() - before) / size;
  const bytesPerHash = index.byteLength / size;
  const plan = index.explain(radius);
  log(
    `  widths ${index.widths.join(",")}; built in ${buildSeconds.toFixed(2)} s; ` +
      `${bytesPerHash.toFixed(1)} B/hash by structure, ${measuredBytesPerHash.toFixed(1)} B/hash by memoryUsage`,
  );

  // Warm the JIT and caches the way a running service would be.
  for (let q = 0; q < Math.min(200, queryCount); q++) index.searchWords(query(q), radius);
  let matches = 0;
  let t0 = performance.now();
  for (let q = 0; q < queryCount; q++) matches += index.searchWords(query(q), radius).length;
  const mihLookupsPerSecond = queryCount / ((performance.now() - t0) / 1000);
  log(
    `  multi-index: ${mihLookupsPerSecond.toFixed(0)} lookups/s at radius ${radius} ` +
      `(${plan.probes} probes, ${(matches / queryCount).toFixed(2)} matches a lookup)`,
  );

  const bruteQueries = Math.min(queryCount, opts.bruteQueries ?? Math.max(5, Math.round(2e8 / size)));
  const brute = new BruteForcePdqIndex();
  brute.addWords(ids, words);
  brute.searchWords(query(0), radius);
  const bruteAnswers: PdqMatch[][] = [];
  t0 = performance.now();
  for (let q = 0; q < bruteQueries; q++) bruteAnswers.push(brute.searchWords(query(q), radius));
  const bruteLookupsPerSecond = bruteQueries / ((performance.now() - t0) / 1000);
  const agree = bruteAnswers.every((want, q) => sameMatches(index.searchWords(query(q), radius), want));
  log(
    `  brute force: ${bruteLookupsPerSecond.toFixed(1)} lookups/s (${bruteQueries} timed); agree: ${agree}`,
  );

  let snapshotBytes: number | null = null;
  let snapshotWriteSeconds: number | null = null;
  let snapshotLoadSeconds: number | null = null;
  if (!opts.skipSnapshot) {
    const path = join(tmpdir(), `vigil-bench-${process.pid}-${size}.mih`);
    try {
      t0 = performance.now();
      writeSnapshotFile(index, path);
      snapshotWriteSeconds = (performance.now() - t0) / 1000;
      t0 = performance.now();
      const loaded = readSnapshotFile(path);
      snapshotLoadSeconds = (performance.now() - t0) / 1000;
      snapshotBytes = statSync(path).size;
      const same = bruteAnswers.every((want, q) => sameMatches(loaded.searchWords(query(q), radius), want));
      log(
        `  snapshot: written in ${snapshotWriteSeconds.toFixed(2)} s, loaded and validated in ` +
          `${snapshotLoadSeconds.toFixed(2)} s; loaded index agrees: ${same}`,
      );
    } finally {
      rmSync(path, { force: true });
    }
  }

  return {
    size,
    radius,
    widths: index.widths,
    buildSeconds,
    bytesPerHash,
    measuredBytesPerHash,
    gcExposed: typeof (globalThis as { gc?: unknown }).gc === "function",
    hugePages: (process.env.GLIBC_TUNABLES ?? "").includes("hugetlb=1"),
    mihQueries: queryCount,
    mihLookupsPerSecond,
    probesPerLookup: plan.probes,
    matchesPerLookup: matches / queryCount,
    bruteQueries,
    bruteLookupsPerSecond,
    agree,
    snapshotBytes,
    snapshotWriteSeconds,
    snapshotLoadSeconds,
  };
}

export async function runMatchingBench(options: MatchingBenchOptions): Promise<MatchingBenchResult[]> {
  const results: MatchingBenchResult[] = [];
  for (const size of options.sizes) results.push(await benchSize(size, options));
  return results;
}

/** Label/value rows for docs/PERFORMANCE.md (the shape bench/run.ts writes). */
export function matchingBenchRows(results: MatchingBenchResult[]): { label: string; value: string }[] {
  return results.flatMap((r) => {
    const n = r.size.toLocaleString("en");
    const pages = r.hugePages ? ", huge pages" : "";
    return [
      { label: `${n} hashes: substring widths`, value: r.widths.join(", ") || "none (scan)" },
      { label: `${n} hashes: build`, value: `${r.buildSeconds.toFixed(2)} s` },
      {
        label: `${n} hashes: memory a hash`,
        value: `${r.bytesPerHash.toFixed(1)} B (structures), ${r.measuredBytesPerHash.toFixed(1)} B (memoryUsage)`,
      },
      {
        label: `${n} hashes: multi-index lookups/s, radius ${r.radius}, one core${pages}`,
        value: `${r.mihLookupsPerSecond.toFixed(0)} (${r.probesPerLookup} probes, ${r.mihQueries} queries)`,
      },
      {
        label: `${n} hashes: brute-force lookups/s, radius ${r.radius}, one core${pages}`,
        value: `${r.bruteLookupsPerSecond.toFixed(1)} (${r.bruteQueries} queries; results agree: ${r.agree})`,
      },
      {
        label: `${n} hashes: snapshot write / load`,
        value:
          r.snapshotWriteSeconds === null || r.snapshotLoadSeconds === null
            ? "skipped"
            : `${r.snapshotWriteSeconds.toFixed(2)} s / ${r.snapshotLoadSeconds.toFixed(2)} s`,
      },
    ];
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const results = await runMatchingBench({
    sizes: sizes.length > 0 ? sizes : [1_000_000, 10_000_000],
    queries: Number(process.env.VIGIL_BENCH_QUERIES ?? 2000),
    log: (line) => console.log(line),
    skipSnapshot: process.env.VIGIL_BENCH_SKIP_SNAPSHOT === "1",
  });
  console.log(JSON.stringify(results, null, 2));
}
