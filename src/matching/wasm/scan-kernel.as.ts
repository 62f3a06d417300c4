// AssemblyScript, compiled to WebAssembly by scripts/build.mjs (not by tsc).
//
// The brute-force PDQ scan for a batch of queries: every hash of a chunk the
// caller copied in (32 bytes each, as four u64) against every query, with the
// CPU's popcount (WebAssembly i64.popcnt; JavaScript has none and needs ~12
// operations a word). Two queries share each pass over the chunk so every
// hash is loaded once per pair. The chunk is small enough to stay in L2 while
// all queries go over it. wasm-scan.ts owns the memory layout.

/** Start of the free memory the caller lays its buffers out from. */
export function heapBase(): usize {
  return __heap_base;
}

/** Writes the triple (hash index, query index, distance) at slot n if it fits. */
@inline
function emit(out: usize, cap: i32, n: i32, i: i32, q: i32, d: i32): void {
  if (n < cap) {
    const o = out + <usize>n * 12;
    store<i32>(o, i);
    store<i32>(o, q, 4);
    store<i32>(o, d, 8);
  }
}

@inline
function distance(p: usize, q0: u64, q1: u64, q2: u64, q3: u64): i32 {
  return <i32>(
    popcnt(load<u64>(p) ^ q0) +
    popcnt(load<u64>(p, 8) ^ q1) +
    popcnt(load<u64>(p, 16) ^ q2) +
    popcnt(load<u64>(p, 24) ^ q3)
  );
}

/**
 * For the `count` hashes at `hashes` and the `nq` queries at `queries` (32
 * bytes each), records every pair within `radius` as (hash index, query
 * index, distance) in `out`, at most `cap` of them; returns how many there
 * were (more than `cap` means the caller must redo the chunk another way).
 */
export function scanChunk(
  hashes: usize,
  count: i32,
  queries: usize,
  nq: i32,
  radius: i32,
  out: usize,
  cap: i32,
): i32 {
  let n = 0;
  let q = 0;
  for (; q + 1 < nq; q += 2) {
    const a = queries + (<usize>q << 5);
    const a0 = load<u64>(a);
    const a1 = load<u64>(a, 8);
    const a2 = load<u64>(a, 16);
    const a3 = load<u64>(a, 24);
    const b0 = load<u64>(a, 32);
    const b1 = load<u64>(a, 40);
    const b2 = load<u64>(a, 48);
    const b3 = load<u64>(a, 56);
    let p = hashes;
    for (let i = 0; i < count; i++, p += 32) {
      const w0 = load<u64>(p);
      const w1 = load<u64>(p, 8);
      const w2 = load<u64>(p, 16);
      const w3 = load<u64>(p, 24);
      const da = <i32>(popcnt(w0 ^ a0) + popcnt(w1 ^ a1) + popcnt(w2 ^ a2) + popcnt(w3 ^ a3));
      const db = <i32>(popcnt(w0 ^ b0) + popcnt(w1 ^ b1) + popcnt(w2 ^ b2) + popcnt(w3 ^ b3));
      if (min(da, db) <= radius) {
        if (da <= radius) emit(out, cap, n++, i, q, da);
        if (db <= radius) emit(out, cap, n++, i, q + 1, db);
      }
    }
  }
  if (q < nq) {
    const a = queries + (<usize>q << 5);
    const a0 = load<u64>(a);
    const a1 = load<u64>(a, 8);
    const a2 = load<u64>(a, 16);
    const a3 = load<u64>(a, 24);
    let p = hashes;
    for (let i = 0; i < count; i++, p += 32) {
      const d = distance(p, a0, a1, a2, a3);
      if (d <= radius) emit(out, cap, n++, i, q, d);
    }
  }
  return n;
}
