/**
 * Exact-match index for cryptographic digests (MD5, SHA-256): digest -> the
 * entry ids that carry it (the same file can sit in several banks).
 *
 * Digests are kept as raw bytes in one Uint8Array and found through an
 * open-addressing table of positions (4 bytes a slot) rather than a Map keyed by
 * hex strings (~150 bytes an entry). Cryptographic digests are uniform, so a
 * mix of their first eight bytes is a good slot hash; a bank that plants
 * colliding prefixes only slows its own lookups (probing), never breaks them.
 */
import { IdPositionMap } from "./id-positions.js";
import { checkEntryId, InvalidIndexArgumentError } from "./index-types.js";

export type DigestKind = "md5" | "sha256";

export const DIGEST_BYTES: Record<DigestKind, number> = { md5: 16, sha256: 32 };

const EMPTY = -1;

export class DigestIndex {
  readonly kind: DigestKind;
  readonly digestBytes: number;
  private bytes: Uint8Array;
  private ids: Float64Array;
  private count = 0;
  private slots = new Int32Array(16).fill(EMPTY);
  private mask = 15;
  private readonly positions = new IdPositionMap(0);
  private readonly probe: Uint8Array;

  constructor(kind: DigestKind, capacity = 1024) {
    this.kind = kind;
    this.digestBytes = DIGEST_BYTES[kind];
    this.bytes = new Uint8Array(capacity * this.digestBytes);
    this.ids = new Float64Array(capacity);
    this.probe = new Uint8Array(this.digestBytes);
  }

  get size(): number {
    return this.count;
  }

  get byteLength(): number {
    return this.bytes.byteLength + this.ids.byteLength + this.slots.byteLength + this.positions.byteLength;
  }

  has(id: number): boolean {
    return this.positions.get(id, this.ids) >= 0;
  }

  /** Adds (or moves) entry `id` to carry `digest` (hex, any case, or raw bytes). */
  add(id: number, digest: string | Uint8Array): void {
    checkEntryId(id);
    const bytes = this.parse(digest);
    this.remove(id);
    if (this.count === this.ids.length) this.grow();
    const pos = this.count++;
    this.bytes.set(bytes, pos * this.digestBytes);
    this.ids[pos] = id;
    this.positions.insert(id, pos, this.ids);
    if (this.count > this.slots.length * 0.6) this.resizeSlots(this.slots.length * 2);
    else this.placeSlot(pos);
  }

  remove(id: number): boolean {
    const pos = this.positions.get(id, this.ids);
    if (pos < 0) return false;
    this.positions.delete(id, this.ids);
    this.deleteSlot(pos);
    const last = this.count - 1;
    if (pos !== last) {
      // Keep the store dense: the last entry moves into the hole.
      const moved = this.ids[last];
      this.positions.move(moved, pos, this.ids);
      this.retargetSlot(last, pos);
      this.bytes.copyWithin(pos * this.digestBytes, last * this.digestBytes, (last + 1) * this.digestBytes);
      this.ids[pos] = moved;
    }
    this.count--;
    return true;
  }

  /** Ids of the entries carrying `digest`, ascending. Malformed digests throw. */
  lookup(digest: string | Uint8Array): number[] {
    const probe = this.parse(digest);
    const out: number[] = [];
    for (let i = this.home(probe, 0); ; i = (i + 1) & this.mask) {
      const pos = this.slots[i];
      if (pos === EMPTY) break;
      if (this.equalsAt(pos, probe)) out.push(this.ids[pos]);
    }
    return out.sort((a, b) => a - b);
  }

  private parse(digest: string | Uint8Array): Uint8Array {
    const n = this.digestBytes;
    if (typeof digest !== "string") {
      if (digest.length !== n) {
        throw new InvalidIndexArgumentError(`${this.kind} digest must be ${n} bytes, got ${digest.length}`);
      }
      return digest;
    }
    if (digest.length !== 2 * n || !/^[0-9a-fA-F]+$/.test(digest)) {
      throw new InvalidIndexArgumentError(
        `${this.kind} digest must be ${2 * n} hex digits: ${JSON.stringify(digest.slice(0, 80))}`,
      );
    }
    const out = this.probe;
    for (let i = 0; i < n; i++) out[i] = Number.parseInt(digest.slice(2 * i, 2 * i + 2), 16);
    return out;
  }

  /** Slot hash of a digest in `source` starting at byte `at`. */
  private home(source: Uint8Array, at: number): number {
    const a = source[at] | (source[at + 1] << 8) | (source[at + 2] << 16) | (source[at + 3] << 24);
    const b = source[at + 4] | (source[at + 5] << 8) | (source[at + 6] << 16) | (source[at + 7] << 24);
    let h = Math.imul(a ^ Math.imul(b, 0x27d4eb2d), 0x9e3779b1);
    h ^= h >>> 15;
    return h & this.mask;
  }

  private equalsAt(pos: number, probe: Uint8Array): boolean {
    const at = pos * this.digestBytes;
    for (let i = 0; i < this.digestBytes; i++) if (this.bytes[at + i] !== probe[i]) return false;
    return true;
  }

  private placeSlot(pos: number): void {
    let i = this.home(this.bytes, pos * this.digestBytes);
    while (this.slots[i] !== EMPTY) i = (i + 1) & this.mask;
    this.slots[i] = pos;
  }

  private slotOf(pos: number): number {
    for (let i = this.home(this.bytes, pos * this.digestBytes); ; i = (i + 1) & this.mask) {
      if (this.slots[i] === pos) return i;
      if (this.slots[i] === EMPTY) throw new Error(`digest index lost position ${pos}`);
    }
  }

  private retargetSlot(from: number, to: number): void {
    this.slots[this.slotOf(from)] = to;
  }

  /** Backward-shift deletion, as in id-positions.ts. */
  private deleteSlot(pos: number): void {
    const { slots, mask } = this;
    let hole = this.slotOf(pos);
    for (let j = (hole + 1) & mask; slots[j] !== EMPTY; j = (j + 1) & mask) {
      const home = this.home(this.bytes, slots[j] * this.digestBytes);
      if (((hole - home) & mask) <= ((j - home) & mask)) {
        slots[hole] = slots[j];
        hole = j;
      }
    }
    slots[hole] = EMPTY;
  }

  private resizeSlots(capacity: number): void {
    this.slots = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    for (let pos = 0; pos < this.count; pos++) this.placeSlot(pos);
  }

  private grow(): void {
    const capacity = this.ids.length * 2;
    const bytes = new Uint8Array(capacity * this.digestBytes);
    bytes.set(this.bytes);
    this.bytes = bytes;
    const ids = new Float64Array(capacity);
    ids.set(this.ids);
    this.ids = ids;
  }
}
