/**
 * PDQ matching at bank scale: for each size, random 256-bit hashes (the worst
 * case for multi-index hashing: real banks cluster) with planted
 * near-duplicates, then, in one run on the main thread: build time, memory a
 * hash (from the structures' byte sizes and from process.memoryUsage deltas),
 * lookups a second at radius 31 for the multi-index and for the scan (bounded
 * to a few queries at 10M), one query per call (single) and in batches of 64
 * (searchManyWords), each the median of a few alternating rounds, whether the
 * two agree, and snapshot write/load times.
 * When the path of Meta's `benchmark-query` is given, its MIH and linear scan
 * run right after each size (see cpp-benchmark-query.ts).
 *
 *   node --expose-gc --max-old-space-size=8192 dist/bench/matching.js [--json FILE] [sizes...]
 *
 * --expose-gc makes the memory deltas clean. Huge pages cut TLB misses, the
 * main cost of a lookup at 10M: with glibc, GLIBC_TUNABLES=glibc.malloc.hugetlb=1
 * lets ArrayBuffers use transparent huge pages when the kernel's THP mode is
 * "madvise" (the result records whether it was set).
 */
import { rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BruteForcePdqIndex } from "../src/matching/brute-force-index.js";
import { DEFAULT_PDQ_RADIUS, type PdqMatch } from "../src/matching/index-types.js";
import { PdqMultiIndex } from "../src/matching/multi-index.js";
import { PDQ_WORDS } from "../src/matching/pdq-words.js";
import { readSnapshotFile, writeSnapshotFile } from "../src/matching/snapshot.js";
import { type CppQueryResult, runCppBenchmarkQuery } from "./cpp-benchmark-query.js";

export interface MatchingBenchOptions {
  sizes: number[];
  /** Multi-index lookups timed per size (the scan times fewer, see bruteQueries). */
  queries: number;
  log: (line: string) => void;
  /** Scan lookups timed per size; default ~2e8 / size (20 at 10M), at least 5. */
  bruteQueries?: number;
  /** Skip writing and loading a snapshot (it is ~110 bytes a hash on disk). */
  skipSnapshot?: boolean;
  /** Meta's benchmark-query binary (ThreatExchange pdq/cpp), run after each size when given. */
  cppTool?: string;
  /** Its `-q` (each query is 8 lookups); default ~5e7 / size, at least 20 (160 lookups). */
  cppQueries?: number;
}

/** Queries of a batch handed to searchManyWords at once. */
const BATCH = 64;
/** Timed rounds per size (the median is reported). */
const ROUNDS = 5;
const BRUTE_ROUNDS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** Wall-clock and CPU seconds (this process, user + system) of one timed round. */
interface Timing {
  wall: number;
  cpu: number;
}

function timed(work: () => void): Timing {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  work();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

/**
 * Median lookups a second over rounds, by the wall clock and by CPU time.
 * Lookups run on the main thread only, so CPU time is one core's busy time;
 * when other processes share the cores it leaves out the time this one
 * waited for a core (stalls on memory count as CPU time, as they should).
 */
function rates(rounds: Timing[], lookups: number): { wall: number; cpu: number } {
  return {
    wall: median(rounds.map((t) => lookups / t.wall)),
    cpu: median(rounds.map((t) => lookups / t.cpu)),
  };
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
  /** 1-minute load average when the size started (2 cores: above ~1 others were running too). */
  loadAverage: number;
  mihQueries: number;
  /** One searchWords call per query. */
  mihLookupsPerSecond: number;
  /** searchManyWords over batches of BATCH queries. */
  mihBatchLookupsPerSecond: number;
  /** The same per second of this process's CPU time: what one core does when other work shares the machine. */
  mihLookupsPerCpuSecond: number;
  mihBatchLookupsPerCpuSecond: number;
  probesPerLookup: number;
  matchesPerLookup: number;
  bruteQueries: number;
  bruteLookupsPerSecond: number;
  bruteBatchLookupsPerSecond: number;
  bruteLookupsPerCpuSecond: number;
  bruteBatchLookupsPerCpuSecond: number;
  /** The multi-index returned exactly the scan's matches on every scan query. */
  agree: boolean;
  snapshotBytes: number | null;
  snapshotWriteSeconds: number | null;
  snapshotLoadSeconds: number | null;
  cppMih: CppQueryResult | null;
  cppLinear: CppQueryResult | null;
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
  const loadAverage = loadavg()[0];
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
  // Rounds alternate single and batched lookups and the median round counts:
  // this 2-core machine is shared, and a burst of other work in one round
  // then moves neither figure nor their ratio.
  let matches = 0;
  const single: Timing[] = [];
  const batched: Timing[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    matches = 0;
    single.push(
      timed(() => {
        for (let q = 0; q < queryCount; q++) matches += index.searchWords(query(q), radius).length;
      }),
    );
    batched.push(
      timed(() => {
        for (let q = 0; q < queryCount; q += BATCH) {
          index.searchManyWords(
            queries.subarray(q * PDQ_WORDS, Math.min(queryCount, q + BATCH) * PDQ_WORDS),
            radius,
          );
        }
      }),
    );
  }
  const mih = rates(single, queryCount);
  const mihBatch = rates(batched, queryCount);
  log(
    `  multi-index: ${mih.wall.toFixed(0)} lookups/s single, ${mihBatch.wall.toFixed(0)} in batches of ${BATCH} ` +
      `(per CPU-second ${mih.cpu.toFixed(0)}, ${mihBatch.cpu.toFixed(0)}), at radius ${radius}, medians of ` +
      `${ROUNDS} rounds (single: ${single.map((t) => (queryCount / t.wall).toFixed(0)).join(", ")}); ` +
      `${plan.probes} probes, ${(matches / queryCount).toFixed(2)} matches a lookup`,
  );

  const bruteQueries = Math.min(queryCount, opts.bruteQueries ?? Math.max(5, Math.round(2e8 / size)));
  const brute = new BruteForcePdqIndex();
  brute.addWords(ids, words);
  brute.searchWords(query(0), radius);
  let bruteAnswers: PdqMatch[][] = [];
  let bruteBatch: PdqMatch[][] = [];
  const bruteSingle: Timing[] = [];
  const bruteBatched: Timing[] = [];
  for (let round = 0; round < BRUTE_ROUNDS; round++) {
    bruteSingle.push(
      timed(() => {
        bruteAnswers = [];
        for (let q = 0; q < bruteQueries; q++) bruteAnswers.push(brute.searchWords(query(q), radius));
      }),
    );
    bruteBatched.push(
      timed(() => {
        bruteBatch = brute.searchManyWords(queries.subarray(0, bruteQueries * PDQ_WORDS), radius);
      }),
    );
  }
  const bruteRate = rates(bruteSingle, bruteQueries);
  const bruteBatchRate = rates(bruteBatched, bruteQueries);
  const agree =
    bruteAnswers.every((want, q) => sameMatches(index.searchWords(query(q), radius), want)) &&
    bruteAnswers.every((want, q) => sameMatches(bruteBatch[q], want));
  log(
    `  brute force: ${bruteRate.wall.toFixed(1)} lookups/s single, ${bruteBatchRate.wall.toFixed(1)} in one batch ` +
      `(per CPU-second ${bruteRate.cpu.toFixed(1)}, ${bruteBatchRate.cpu.toFixed(1)}; ${bruteQueries} queries, ` +
      `medians of ${BRUTE_ROUNDS} rounds); agree: ${agree}`,
  );

  let snapshotBytes: number | null = null;
  let snapshotWriteSeconds: number | null = null;
  let snapshotLoadSeconds: number | null = null;
  if (!opts.skipSnapshot) {
    const path = join(tmpdir(), `vigil-bench-${process.pid}-${size}.mih`);
    try {
      let t0 = performance.now();
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
    loadAverage,
    hugePages: (process.env.GLIBC_TUNABLES ?? "").includes("hugetlb=1"),
    mihQueries: queryCount,
    mihLookupsPerSecond: mih.wall,
    mihBatchLookupsPerSecond: mihBatch.wall,
    mihLookupsPerCpuSecond: mih.cpu,
    mihBatchLookupsPerCpuSecond: mihBatch.cpu,
    probesPerLookup: plan.probes,
    matchesPerLookup: matches / queryCount,
    bruteQueries,
    bruteLookupsPerSecond: bruteRate.wall,
    bruteBatchLookupsPerSecond: bruteBatchRate.wall,
    bruteLookupsPerCpuSecond: bruteRate.cpu,
    bruteBatchLookupsPerCpuSecond: bruteBatchRate.cpu,
    agree,
    snapshotBytes,
    snapshotWriteSeconds,
    snapshotLoadSeconds,
    cppMih: null,
    cppLinear: null,
  };
}

export async function runMatchingBench(options: MatchingBenchOptions): Promise<MatchingBenchResult[]> {
  const results: MatchingBenchResult[] = [];
  for (const size of options.sizes) {
    const result = await benchSize(size, options);
    if (options.cppTool) {
      // After Vigil's structures for this size are garbage, so both have the machine to themselves.
      memoryNow();
      const q = options.cppQueries ?? Math.max(20, Math.round(5e7 / size));
      options.log(`  C++ benchmark-query -m mih -b ${size} -q ${q}`);
      result.cppMih = await runCppBenchmarkQuery(options.cppTool, "mih", size, q);
      options.log(
        `    ${result.cppMih.lookupsPerSecond.toFixed(1)} lookups/s, build ${result.cppMih.buildSeconds?.toFixed(1)} s, ` +
          `peak ${(result.cppMih.peakBytes / size).toFixed(0)} B/hash`,
      );
      options.log(`  C++ benchmark-query -m linear -b ${size} -q ${q}`);
      result.cppLinear = await runCppBenchmarkQuery(options.cppTool, "linear", size, q);
      options.log(`    ${result.cppLinear.lookupsPerSecond.toFixed(1)} lookups/s`);
    }
    results.push(result);
  }
  return results;
}

const ratio = (a: number, b: number): string => `${(a / b).toFixed(a / b < 10 ? 2 : 1)}x`;

/** Label/value rows for docs/PERFORMANCE.md (the shape bench/run.ts writes). */
export function matchingBenchRows(results: MatchingBenchResult[]): { label: string; value: string }[] {
  return results.flatMap((r) => {
    const n = r.size.toLocaleString("en");
    const pages = r.hugePages ? ", huge pages" : "";
    const rows = [
      { label: `${n} hashes: load average (1 min) when the size started`, value: r.loadAverage.toFixed(2) },
      { label: `${n} hashes: substring widths`, value: r.widths.join(", ") || "none (scan)" },
      { label: `${n} hashes: build`, value: `${r.buildSeconds.toFixed(2)} s` },
      {
        label: `${n} hashes: memory a hash`,
        value: `${r.bytesPerHash.toFixed(1)} B (structures), ${r.measuredBytesPerHash.toFixed(1)} B (memoryUsage)`,
      },
      {
        label: `${n} hashes: multi-index lookups/s, radius ${r.radius}, one core${pages}, single queries: wall clock; per CPU-second`,
        value:
          `**${r.mihLookupsPerSecond.toFixed(0)}**; ${r.mihLookupsPerCpuSecond.toFixed(0)} ` +
          `(${r.probesPerLookup} probes, ${r.mihQueries} queries)`,
      },
      {
        label: `${n} hashes: multi-index lookups/s, batches of ${BATCH} (searchManyWords): wall clock; per CPU-second`,
        value: `${r.mihBatchLookupsPerSecond.toFixed(0)}; ${r.mihBatchLookupsPerCpuSecond.toFixed(0)}`,
      },
      {
        label: `${n} hashes: brute-force lookups/s, radius ${r.radius}, one core${pages}, single queries: wall clock; per CPU-second`,
        value: `${r.bruteLookupsPerSecond.toFixed(1)}; ${r.bruteLookupsPerCpuSecond.toFixed(1)} (${r.bruteQueries} queries)`,
      },
      {
        label: `${n} hashes: brute-force lookups/s, all ${r.bruteQueries} queries as one batch (WebAssembly): wall clock; per CPU-second`,
        value:
          `${r.bruteBatchLookupsPerSecond.toFixed(1)}; ${r.bruteBatchLookupsPerCpuSecond.toFixed(1)} ` +
          `(multi-index and batches agree with the scan: ${r.agree})`,
      },
      {
        label: `${n} hashes: snapshot write / load`,
        value:
          r.snapshotWriteSeconds === null || r.snapshotLoadSeconds === null
            ? "skipped"
            : `${r.snapshotWriteSeconds.toFixed(2)} s / ${r.snapshotLoadSeconds.toFixed(2)} s`,
      },
    ];
    const { cppMih, cppLinear } = r;
    if (cppMih && cppLinear) {
      rows.push(
        {
          label: `${n} hashes: C++ MIH (benchmark-query -m mih) lookups/s, build, peak memory a hash`,
          value:
            `${cppMih.lookupsPerSecond.toFixed(1)} (${cppMih.lookups} lookups), ` +
            `${cppMih.buildSeconds?.toFixed(1)} s, ${(cppMih.peakBytes / r.size).toFixed(0)} B`,
        },
        {
          label: `${n} hashes: C++ linear scan (-m linear${cppLinear.simd ? ", AVX-512" : ", scalar popcnt"}) lookups/s`,
          value: `${cppLinear.lookupsPerSecond.toFixed(1)} (${cppLinear.lookups} lookups, 8 needles a pass)`,
        },
        {
          label: `${n} hashes: Vigil multi-index / C++ MIH, lookups/s by the wall clock (single; batch)`,
          value: `${ratio(r.mihLookupsPerSecond, cppMih.lookupsPerSecond)}; ${ratio(r.mihBatchLookupsPerSecond, cppMih.lookupsPerSecond)}`,
        },
        {
          label: `${n} hashes: Vigil multi-index / C++ linear scan, lookups/s by the wall clock (single; batch)`,
          value: `${ratio(r.mihLookupsPerSecond, cppLinear.lookupsPerSecond)}; ${ratio(r.mihBatchLookupsPerSecond, cppLinear.lookupsPerSecond)}`,
        },
        {
          label: `${n} hashes: Vigil brute force / C++ linear scan, by the wall clock (single; batch)`,
          value: `${ratio(r.bruteLookupsPerSecond, cppLinear.lookupsPerSecond)}; ${ratio(r.bruteBatchLookupsPerSecond, cppLinear.lookupsPerSecond)}`,
        },
        {
          label: `${n} hashes: Vigil build time / C++ MIH build; memory a hash / C++ peak`,
          value: `${ratio(r.buildSeconds, cppMih.buildSeconds ?? Number.NaN)}; ${ratio(r.measuredBytesPerHash, cppMih.peakBytes / r.size)}`,
        },
      );
    }
    return rows;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf("--json");
  const jsonFile = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : undefined;
  const sizes = args.map(Number).filter((n) => n > 0);
  const env = process.env;
  const results = await runMatchingBench({
    sizes: sizes.length > 0 ? sizes : [1_000_000, 10_000_000],
    queries: Number(env.VIGIL_BENCH_QUERIES ?? 2000),
    log: (line) => console.log(line),
    skipSnapshot: env.VIGIL_BENCH_SKIP_SNAPSHOT === "1",
    cppTool: env.VIGIL_BENCH_PDQ_BENCHMARK_QUERY,
    cppQueries: env.VIGIL_BENCH_CPP_QUERIES ? Number(env.VIGIL_BENCH_CPP_QUERIES) : undefined,
  });
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify(results));
  else console.log(JSON.stringify(results, null, 2));
}
