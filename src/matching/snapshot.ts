/**
 * A binary snapshot of a PdqMultiIndex: the store and every table exactly as
 * they sit in memory, so loading is reading (no sorting); a 10M-hash bank is
 * ~1.1 GB and loads in about the time the disk takes to read it.
 *
 * Layout (little-endian):
 *   "VGPDQMIH" | u32 version | u32 header length | header JSON, padded to 8
 *   then each section the header lists, in order, each padded to 8 bytes.
 * The header carries the counts, widths and every section's element type and
 * length, so a reader checks sizes before trusting anything; after loading,
 * the directories and postings are validated (monotone offsets, positions in
 * range) because a corrupt table would silently miss matches.
 *
 * Writing and reading a file go section by section through a descriptor, so
 * no 1 GB Buffer is ever assembled (and the 2 GB readFile limit never bites).
 */
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import { endianness } from "node:os";
import { type MultiIndexOptions, type MultiIndexState, PdqMultiIndex } from "./multi-index.js";
import { PDQ_WORDS } from "./pdq-words.js";
import { SnapshotError, validateDirectory, validateTable } from "./snapshot-validate.js";
import { BLOCK_BITS, type FineOffsets, SubstringTable } from "./substring-table.js";

export { SnapshotError };

const MAGIC = "VGPDQMIH";
/** Version 2: 64-key directory blocks with Uint8 fine offsets; version 1 (256-key blocks) is converted on load. */
const VERSION = 2;
const PREFIX_BYTES = 16;

type ElementType = "i32" | "u8" | "u16" | "u32" | "f64";
type Section = Int32Array | Uint8Array | Uint16Array | Uint32Array | Float64Array;

interface SectionInfo {
  name: string;
  type: ElementType;
  length: number;
}

interface TableInfo {
  start: number;
  bits: number;
  entries: number;
}

interface Header {
  count: number;
  indexed: number;
  builtFor: number;
  tables: TableInfo[];
  sections: SectionInfo[];
}

function typeOf(section: Section): ElementType {
  if (section instanceof Int32Array) return "i32";
  if (section instanceof Uint8Array) return "u8";
  if (section instanceof Uint16Array) return "u16";
  if (section instanceof Uint32Array) return "u32";
  return "f64";
}

function allocate(type: ElementType, length: number): Section {
  switch (type) {
    case "i32":
      return new Int32Array(length);
    case "u8":
      return new Uint8Array(length);
    case "u16":
      return new Uint16Array(length);
    case "u32":
      return new Uint32Array(length);
    case "f64":
      return new Float64Array(length);
  }
}

const pad8 = (n: number): number => (n + 7) & ~7;

function asBytes(section: Section): Uint8Array {
  return new Uint8Array(section.buffer, section.byteOffset, section.byteLength);
}

function checkPlatform(): void {
  if (endianness() !== "LE") throw new SnapshotError("snapshots are little-endian; this platform is not");
}

function sectionsOf(state: MultiIndexState): { header: Header; sections: Section[] } {
  const sections: Section[] = [state.words, state.ids];
  for (const t of state.tables) sections.push(t.coarse, t.fine, t.postings);
  const names = [
    "words",
    "ids",
    ...state.tables.flatMap((_, i) => [`coarse${i}`, `fine${i}`, `postings${i}`]),
  ];
  return {
    header: {
      count: state.count,
      indexed: state.indexed,
      builtFor: state.builtFor,
      tables: state.tables.map((t) => ({ start: t.start, bits: t.bits, entries: t.entries })),
      sections: sections.map((s, i) => ({ name: names[i], type: typeOf(s), length: s.length })),
    },
    sections,
  };
}

function encodePrefix(header: Header): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(pad8(PREFIX_BYTES + json.length));
  out.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, VERSION, true);
  view.setUint32(12, json.length, true);
  out.set(json, PREFIX_BYTES);
  return out;
}

/** Serialises the index into one Buffer (fine below ~2 GB; use writeSnapshotFile for big banks). */
export function snapshotToBuffer(index: PdqMultiIndex): Buffer {
  checkPlatform();
  const { header, sections } = sectionsOf(index.exportState());
  const prefix = encodePrefix(header);
  let total = prefix.length;
  for (const s of sections) total += pad8(s.byteLength);
  const out = Buffer.alloc(total);
  out.set(prefix, 0);
  let at = prefix.length;
  for (const s of sections) {
    out.set(asBytes(s), at);
    at += pad8(s.byteLength);
  }
  return out;
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** Writes the index to `path`, section by section. */
export function writeSnapshotFile(index: PdqMultiIndex, path: string): void {
  checkPlatform();
  const { header, sections } = sectionsOf(index.exportState());
  const fd = openSync(path, "w");
  try {
    writeAll(fd, encodePrefix(header));
    const zeros = new Uint8Array(8);
    for (const s of sections) {
      writeAll(fd, asBytes(s));
      writeAll(fd, zeros.subarray(0, pad8(s.byteLength) - s.byteLength));
    }
  } finally {
    closeSync(fd);
  }
}

/** Reads bytes [position, position + into.length) of a snapshot into `into`. */
type ReadAt = (into: Uint8Array, position: number) => void;

function parseHeader(read: ReadAt): { header: Header; at: number; version: number } {
  const prefix = new Uint8Array(PREFIX_BYTES);
  read(prefix, 0);
  if (new TextDecoder().decode(prefix.subarray(0, 8)) !== MAGIC)
    throw new SnapshotError("not a Vigil PDQ index snapshot");
  const view = new DataView(prefix.buffer);
  const version = view.getUint32(8, true);
  if (version !== VERSION && version !== 1)
    throw new SnapshotError(`snapshot version ${version}; this build reads 1 and ${VERSION}`);
  const length = view.getUint32(12, true);
  if (length > 1 << 24) throw new SnapshotError("snapshot header too large");
  const json = new Uint8Array(length);
  read(json, PREFIX_BYTES);
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(json)) as Header;
  } catch {
    throw new SnapshotError("snapshot header is not JSON");
  }
  return { header, at: pad8(PREFIX_BYTES + length), version };
}

function expectSection(
  info: SectionInfo | undefined,
  name: string,
  types: ElementType[],
  length: number,
): SectionInfo {
  if (!info || info.name !== name || !types.includes(info.type) || info.length !== length) {
    throw new SnapshotError(
      `snapshot section ${name}: expected ${types.join("|")}[${length}], found ${JSON.stringify(info)}`,
    );
  }
  return info;
}

function readState(read: ReadAt): MultiIndexState {
  checkPlatform();
  const { header, at: start, version } = parseHeader(read);
  const { count, indexed, builtFor, tables } = header;
  const ok = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
  if (!ok(count) || !ok(indexed) || !ok(builtFor) || indexed > count || !Array.isArray(tables)) {
    throw new SnapshotError("snapshot header counts are inconsistent");
  }
  const sections = header.sections ?? [];
  if (sections.length !== 2 + 3 * tables.length)
    throw new SnapshotError("snapshot section list does not match its tables");
  let at = start;
  let next = 0;
  const load = (name: string, types: ElementType[], length: number): Section => {
    const info = expectSection(sections[next++], name, types, length);
    const section = allocate(info.type, info.length);
    read(asBytes(section), at);
    at += pad8(section.byteLength);
    return section;
  };
  const words = load("words", ["i32"], count * PDQ_WORDS) as Int32Array;
  const ids = load("ids", ["f64"], count) as Float64Array;
  let bitsUsed = 0;
  const loaded = tables.map((t, i) => {
    if (
      !ok(t.bits) ||
      t.bits < 8 ||
      t.bits > 30 ||
      !ok(t.start) ||
      t.start !== bitsUsed ||
      t.entries !== indexed
    ) {
      throw new SnapshotError(`snapshot table ${i} is malformed`);
    }
    bitsUsed += t.bits;
    if (bitsUsed > 256) throw new SnapshotError("snapshot tables cover more than 256 bits");
    const keys = 2 ** t.bits;
    const blockKeys = version === 1 ? 256 : 2 ** BLOCK_BITS;
    const coarse = load(`coarse${i}`, ["i32"], keys / blockKeys + 2) as Int32Array;
    const fine = load(
      `fine${i}`,
      version === 1 ? ["u16", "u32"] : ["u8", "u16", "u32"],
      keys + 1,
    ) as FineOffsets;
    const postings = load(`postings${i}`, ["i32"], indexed + 1) as Int32Array;
    const v1Offset = (k: number): number => coarse[k >>> 8] + fine[k];
    if (version === 1) validateDirectory(v1Offset, t.bits, t.entries, i);
    const table =
      version === 1
        ? SubstringTable.fromOffsets(t.start, t.bits, v1Offset, postings, t.entries)
        : new SubstringTable(t.start, t.bits, coarse, fine, postings, t.entries);
    validateTable(table, i);
    return table;
  });
  for (let p = 0; p < count; p++) {
    const id = ids[p];
    if (!Number.isNaN(id) && !Number.isSafeInteger(id))
      throw new SnapshotError(`snapshot id at ${p} is not a safe integer`);
  }
  return { words, ids, count, indexed, builtFor, tables: loaded };
}

export function snapshotFromBuffer(buffer: Uint8Array, options: MultiIndexOptions = {}): PdqMultiIndex {
  const read: ReadAt = (into, position) => {
    if (position + into.length > buffer.length) throw new SnapshotError("snapshot is truncated");
    into.set(buffer.subarray(position, position + into.length));
  };
  return PdqMultiIndex.fromState(readState(read), options);
}

export function readSnapshotFile(path: string, options: MultiIndexOptions = {}): PdqMultiIndex {
  const fd = openSync(path, "r");
  try {
    const read: ReadAt = (into, position) => {
      // readSync moves at most 2 GB a call; big sections take several.
      for (let done = 0; done < into.length; ) {
        const n = readSync(fd, into, done, Math.min(into.length - done, 1 << 30), position + done);
        if (n === 0) throw new SnapshotError("snapshot is truncated");
        done += n;
      }
    };
    return PdqMultiIndex.fromState(readState(read), options);
  } finally {
    closeSync(fd);
  }
}
