/**
 * A whole matching index (BankMatcher) as bytes, with the bank change seq it
 * reflects: what a worker loads instead of reading every entry from the
 * database. The PDQ multi-index goes in as its binary snapshot (snapshot.ts),
 * so loading skips the sort that dominates a build; entries (bank, value,
 * provenance, ignored, a video's vPDQ text) go in as JSON rows, in chunks so
 * no single string nears V8's length limit.
 *
 * Layout: "VGBANKSN" | u32 version | u32 header length | header JSON | body.
 * The header states the body's length and SHA-256 and every part's length, so
 * a truncated, padded or altered snapshot is refused before anything in it is
 * trusted (the PDQ part is validated again by snapshot.ts).
 */
import { createHash } from "node:crypto";
import { PROVENANCES, type Provenance, SIGNAL_TYPES, type SignalType } from "../domain/banks.js";
import { BankMatcher, type EntryInfo } from "./bank-matcher.js";
import { SnapshotError, snapshotFromBuffer, snapshotToBuffer } from "./snapshot.js";

const MAGIC = "VGBANKSN";
const VERSION = 1;
const PREFIX_BYTES = 16;
const ROWS_PER_CHUNK = 100_000;

interface Header {
  seq: number;
  createdAt: string;
  bodyBytes: number;
  sha256: string;
  banks: string[];
  entryChunks: number[];
  pdqBytes: number;
}

/** id, bank (index into header.banks), signal type, value, provenance, ignored (0/1), vPDQ text. */
type Row = [number, number, SignalType, string, Provenance, 0 | 1, string | null];

export interface EncodedBankIndex {
  /** The bytes, in parts (never one buffer bigger than a part). */
  parts: Uint8Array[];
  bytes: number;
  seq: number;
  sha256: string;
}

export function encodeBankIndex(matcher: BankMatcher, seq: number, now = new Date()): EncodedBankIndex {
  const { pdq, entries, payloadOf } = matcher.snapshotParts();
  const banks = new Map<string, number>();
  const chunks: Uint8Array[] = [];
  let rows: Row[] = [];
  const flush = () => {
    chunks.push(Buffer.from(JSON.stringify(rows)));
    rows = [];
  };
  for (const [id, e] of entries) {
    let bank = banks.get(e.bank);
    if (bank === undefined) {
      bank = banks.size;
      banks.set(e.bank, bank);
    }
    rows.push([id, bank, e.signalType, e.value, e.provenance, e.ignored ? 1 : 0, payloadOf(id)]);
    if (rows.length === ROWS_PER_CHUNK) flush();
  }
  if (rows.length > 0 || chunks.length === 0) flush();
  const pdqBytes = snapshotToBuffer(pdq);
  const body = [...chunks, pdqBytes];
  const digest = createHash("sha256");
  let bodyBytes = 0;
  for (const part of body) {
    digest.update(part);
    bodyBytes += part.length;
  }
  const sha256 = digest.digest("hex");
  const header: Header = {
    seq,
    createdAt: now.toISOString(),
    bodyBytes,
    sha256,
    banks: [...banks.keys()],
    entryChunks: chunks.map((c) => c.length),
    pdqBytes: pdqBytes.length,
  };
  const json = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(PREFIX_BYTES);
  prefix.write(MAGIC, 0, "latin1");
  prefix.writeUInt32LE(VERSION, 8);
  prefix.writeUInt32LE(json.length, 12);
  const parts = [prefix, json, ...body];
  return { parts, bytes: PREFIX_BYTES + json.length + bodyBytes, seq, sha256 };
}

/** Reads and verifies a snapshot; throws SnapshotError naming what is wrong. */
export function decodeBankIndex(bytes: Buffer): { matcher: BankMatcher; seq: number; createdAt: string } {
  if (bytes.length < PREFIX_BYTES || bytes.toString("latin1", 0, 8) !== MAGIC)
    throw new SnapshotError("not a Vigil bank index snapshot");
  const version = bytes.readUInt32LE(8);
  if (version !== VERSION)
    throw new SnapshotError(`bank index snapshot version ${version}; this build reads ${VERSION}`);
  const headerBytes = bytes.readUInt32LE(12);
  const bodyStart = PREFIX_BYTES + headerBytes;
  if (bodyStart > bytes.length) throw new SnapshotError("bank index snapshot is truncated in its header");
  let header: Header;
  try {
    header = JSON.parse(bytes.toString("utf8", PREFIX_BYTES, bodyStart)) as Header;
  } catch {
    throw new SnapshotError("bank index snapshot header is not JSON");
  }
  const lengths = [...(header.entryChunks ?? []), header.pdqBytes];
  if (
    !Number.isSafeInteger(header.seq) ||
    header.seq < 0 ||
    !lengths.every((n) => Number.isSafeInteger(n) && n >= 0)
  )
    throw new SnapshotError("bank index snapshot header is malformed");
  const declared = lengths.reduce((a, b) => a + b, 0);
  if (declared !== header.bodyBytes || bytes.length - bodyStart !== header.bodyBytes)
    throw new SnapshotError(
      `bank index snapshot size mismatch: ${bytes.length - bodyStart} body bytes, header says ${header.bodyBytes}`,
    );
  const body = bytes.subarray(bodyStart);
  const sha256 = createHash("sha256").update(body).digest("hex");
  if (sha256 !== header.sha256)
    throw new SnapshotError(
      `bank index snapshot checksum mismatch: sha256 ${sha256}, header says ${header.sha256}`,
    );
  const entries: { id: number; info: EntryInfo; payload: string | null }[] = [];
  let at = 0;
  for (const length of header.entryChunks) {
    const rows = JSON.parse(body.toString("utf8", at, at + length)) as Row[];
    at += length;
    for (const [id, bank, signalType, value, provenance, ignored, payload] of rows) {
      const bankName = header.banks[bank];
      if (bankName === undefined || !SIGNAL_TYPES.includes(signalType) || !PROVENANCES.includes(provenance))
        throw new SnapshotError(`bank index snapshot entry ${id} is malformed`);
      entries.push({
        id,
        info: { bank: bankName, signalType, value, provenance, ignored: ignored === 1 },
        payload,
      });
    }
  }
  const pdq = snapshotFromBuffer(body.subarray(at, at + header.pdqBytes));
  return {
    matcher: BankMatcher.fromSnapshotParts(pdq, entries),
    seq: header.seq,
    createdAt: header.createdAt,
  };
}
