/**
 * The brute-force scan for a batch of queries through the WebAssembly kernel
 * (wasm/scan-kernel.as.ts): the store's words are copied in chunks that stay
 * in L2 and every query of the batch is compared with each chunk using the
 * CPU's popcount. Copying costs about as much as one JavaScript scan of the
 * chunk would, so this pays only for batches (measured at 10M hashes: ~50
 * lookups/s for 16 queries at a time against ~8 for the JavaScript scan).
 *
 * When the module is missing (not built) or VIGIL_MATCH_WASM=0, callers fall
 * back to the JavaScript scan, which gives the same answers.
 */
import { readFileSync } from "node:fs";
import { PDQ_WORDS } from "./pdq-words.js";
import { type PositionMatches, scanRange } from "./scan.js";

interface ScanKernel {
  memory: WebAssembly.Memory;
  heapBase(): number;
  scanChunk(
    hashes: number,
    count: number,
    queries: number,
    nq: number,
    radius: number,
    out: number,
    cap: number,
  ): number;
}

const PAGE = 65536;
/** Hashes copied in at a time: 128 KB, well inside L2 with the queries. */
const CHUNK = 4096;
/** Queries per kernel call (the batch is split beyond this). */
const MAX_QUERIES = 64;
/** Matches one chunk may report; more (a clustered bank) and the chunk is redone in JavaScript. */
const OUT_CAP = 8192;

interface Layout {
  kernel: ScanKernel;
  queries: number;
  out: number;
  chunk: number;
}

let layout: Layout | null | undefined;
let disabled = false;

/** Turns the kernel off before first use (app/config.ts and the CLI: VIGIL_MATCH_WASM=0), for comparing with the JavaScript scan. */
export function disableWasmScan(): void {
  disabled = true;
}

function load(): Layout | null {
  if (layout !== undefined) return layout;
  layout = null;
  if (disabled) return layout;
  try {
    const module = new WebAssembly.Module(readFileSync(new URL("./wasm/scan-kernel.wasm", import.meta.url)));
    const kernel = new WebAssembly.Instance(module, { env: { abort: () => {} } })
      .exports as unknown as ScanKernel;
    const queries = (kernel.heapBase() + 63) & ~63;
    const out = queries + MAX_QUERIES * 32;
    const chunk = (out + OUT_CAP * 12 + 63) & ~63;
    const need = chunk + CHUNK * 32;
    const have = kernel.memory.buffer.byteLength;
    if (need > have) kernel.memory.grow(Math.ceil((need - have) / PAGE));
    layout = { kernel, queries, out, chunk };
  } catch {
    layout = null; // not built: the JavaScript scan is used
  }
  return layout;
}

export function wasmScanAvailable(): boolean {
  return load() !== null;
}

/**
 * For each query (8 words each, back to back in `queries`), pushes into
 * found[q] every position p in [0, count) of `words` within `radius`.
 * Returns false, doing nothing, when the kernel is unavailable.
 */
export function scanManyWasm(
  words: Int32Array,
  count: number,
  queries: Int32Array,
  radius: number,
  found: PositionMatches[],
): boolean {
  const l = load();
  if (!l) return false;
  const total = queries.length / PDQ_WORDS;
  for (let q0 = 0; q0 < total; q0 += MAX_QUERIES) {
    const nq = Math.min(MAX_QUERIES, total - q0);
    // The memory never grows after load(), so views made here stay valid.
    const memory = new Int32Array(l.kernel.memory.buffer);
    memory.set(queries.subarray(q0 * PDQ_WORDS, (q0 + nq) * PDQ_WORDS), l.queries >> 2);
    for (let from = 0; from < count; from += CHUNK) {
      const n = Math.min(CHUNK, count - from);
      memory.set(words.subarray(from * PDQ_WORDS, (from + n) * PDQ_WORDS), l.chunk >> 2);
      const hits = l.kernel.scanChunk(l.chunk, n, l.queries, nq, radius, l.out, OUT_CAP);
      if (hits > OUT_CAP) {
        for (let q = 0; q < nq; q++) {
          const query = queries.subarray((q0 + q) * PDQ_WORDS, (q0 + q + 1) * PDQ_WORDS);
          scanRange(words, from, from + n, query, radius, found[q0 + q]);
        }
        continue;
      }
      for (let h = 0, o = l.out >> 2; h < hits; h++, o += 3) {
        found[q0 + memory[o + 1]].push(from + memory[o], memory[o + 2]);
      }
    }
  }
  return true;
}
