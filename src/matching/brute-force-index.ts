/**
 * The exact baseline for PDQ lookups: every stored hash is compared with the
 * query. It is the reference the multi-index is tested against, and the right
 * index for small banks (below a few thousand hashes a scan beats any table).
 * Removal moves the last entry into the hole, so the store never has gaps and
 * add and remove are O(1).
 */
import type { Hash256 } from "../hashing/pdq/hash256.js";
import {
  checkEntryId,
  checkRadius,
  compareMatches,
  DEFAULT_PDQ_RADIUS,
  type PdqIndex,
  type PdqMatch,
} from "./index-types.js";
import { PdqStore } from "./pdq-store.js";
import { hash256ToWords, PDQ_WORDS } from "./pdq-words.js";
import { PositionMatches, scanRange } from "./scan.js";
import { scanManyWasm } from "./wasm-scan.js";

export class BruteForcePdqIndex implements PdqIndex {
  private readonly store = new PdqStore();
  private readonly found = new PositionMatches();

  get size(): number {
    return this.store.count;
  }

  /** Bytes held by the hashes, ids and id map. */
  get byteLength(): number {
    return this.store.byteLength;
  }

  has(id: number): boolean {
    return this.store.positionOf(id) >= 0;
  }

  add(id: number, hash: Hash256): void {
    checkEntryId(id);
    this.remove(id);
    this.store.append(id, hash);
  }

  /** Bulk add from words (8 per hash, see pdq-words.ts). */
  addWords(ids: ArrayLike<number>, words: Int32Array): void {
    this.store.appendWords(ids, words);
    if (this.store.dead > 0) this.store.compact();
  }

  remove(id: number): boolean {
    const pos = this.store.positionOf(id);
    if (pos < 0) return false;
    this.store.swapRemove(pos);
    return true;
  }

  search(hash: Hash256, radius = DEFAULT_PDQ_RADIUS): PdqMatch[] {
    return this.searchWords(hash256ToWords(hash), radius);
  }

  /** search() for a query already in word form. */
  searchWords(query: Int32Array, radius = DEFAULT_PDQ_RADIUS): PdqMatch[] {
    checkRadius(radius);
    const { found, store } = this;
    found.reset();
    scanRange(store.words, 0, store.count, query, radius, found);
    const out: PdqMatch[] = [];
    for (let i = 0; i < found.count; i++) {
      out.push({ id: store.ids[found.positions[i]], distance: found.distances[i] });
    }
    return out.sort(compareMatches);
  }

  /**
   * searchWords() for many queries (8 words each, back to back); result i
   * answers query i. Through the WebAssembly kernel (wasm-scan.ts) when it is
   * built: one pass over the store serves the whole batch.
   */
  searchManyWords(queries: Int32Array, radius = DEFAULT_PDQ_RADIUS): PdqMatch[][] {
    checkRadius(radius);
    if (queries.length % PDQ_WORDS !== 0) {
      throw new RangeError(`queries must be ${PDQ_WORDS} words each, got ${queries.length} words`);
    }
    const { store } = this;
    const found = Array.from({ length: queries.length / PDQ_WORDS }, () => new PositionMatches());
    if (!scanManyWasm(store.words, store.count, queries, radius, found)) {
      for (const [q, f] of found.entries()) {
        scanRange(
          store.words,
          0,
          store.count,
          queries.subarray(q * PDQ_WORDS, (q + 1) * PDQ_WORDS),
          radius,
          f,
        );
      }
    }
    return found.map((f) => {
      const out: PdqMatch[] = [];
      for (let i = 0; i < f.count; i++) out.push({ id: store.ids[f.positions[i]], distance: f.distances[i] });
      return out.sort(compareMatches);
    });
  }
}
