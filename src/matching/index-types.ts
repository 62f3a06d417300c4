/**
 * What every PDQ index promises, so callers (the bank matcher, the API) can
 * swap the brute-force scan and the multi-index without noticing: the same
 * entries within the same radius, in the same order.
 */
import type { Hash256 } from "../hashing/pdq/hash256.js";

export interface PdqMatch {
  /** The entry id given to add(). */
  id: number;
  /** Hamming distance between the query and the entry's hash (0..256). */
  distance: number;
}

export interface PdqIndex {
  /** Live entries. */
  readonly size: number;
  /** Adds an entry; an id already present is replaced. */
  add(id: number, hash: Hash256): void;
  /** Removes an entry; false when the id was not present. */
  remove(id: number): boolean;
  has(id: number): boolean;
  /** Every entry within `radius` of the hash, nearest first, ties by id. */
  search(hash: Hash256, radius?: number): PdqMatch[];
}

/**
 * The match threshold python-threatexchange and Meta's HMA use for PDQ; the
 * PDQ paper (section "Hashing and matching") suggests 31 of 256 bits as the
 * point where false positives become rare for quality >= 50 images.
 */
export const DEFAULT_PDQ_RADIUS = 31;

export class InvalidIndexArgumentError extends Error {
  override readonly name = "InvalidIndexArgumentError";
}

export function checkRadius(radius: number): void {
  if (!Number.isInteger(radius) || radius < 0 || radius > 256) {
    throw new InvalidIndexArgumentError(`radius must be an integer in 0..256, got ${radius}`);
  }
}

/** Entry ids are database ids: safe integers (bank_entries.id is a bigserial read as a number). */
export function checkEntryId(id: number): void {
  if (!Number.isSafeInteger(id))
    throw new InvalidIndexArgumentError(`entry id must be a safe integer, got ${id}`);
}

/** Nearest first, then by id: the order both indexes return, so results compare with deepEqual. */
export function compareMatches(a: PdqMatch, b: PdqMatch): number {
  return a.distance - b.distance || a.id - b.id;
}
