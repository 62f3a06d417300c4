/**
 * The newest matching-index snapshot (matching/bank-index-snapshot.ts) in the
 * JetStream Object Store: one object, replaced by each write, named with the
 * bank change seq it reflects in its metadata, so pruning can ask for the seq
 * without downloading gigabytes. A read is verified three times: NATS's own
 * digest of the object, the size the metadata states, and the snapshot's
 * header (its SHA-256 and part lengths).
 */
import type { JetStreamClient, ObjectStore } from "nats";
import { decodeBankIndex, type EncodedBankIndex } from "../matching/bank-index-snapshot.js";
import type { BankMatcher } from "../matching/bank-matcher.js";
import { SnapshotError } from "../matching/snapshot.js";

const OBJECT = "bank-index";

export interface StoredSnapshotInfo {
  seq: number;
  bytes: number;
  sha256: string;
}

export class IndexSnapshotStore {
  private constructor(private readonly os: ObjectStore) {}

  static async open(js: JetStreamClient, bucket: string, replicas = 1): Promise<IndexSnapshotStore> {
    return new IndexSnapshotStore(await js.views.os(bucket, { replicas }));
  }

  /** Replaces the stored snapshot (the Object Store purges the previous object's chunks). */
  async write(encoded: EncodedBankIndex): Promise<void> {
    const parts = encoded.parts;
    let next = 0;
    const data = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (next < parts.length) controller.enqueue(parts[next++]);
        else controller.close();
      },
    });
    await this.os.put(
      {
        name: OBJECT,
        description: `Vigil matching index at bank change ${encoded.seq}`,
        metadata: { seq: String(encoded.seq), bytes: String(encoded.bytes), sha256: encoded.sha256 },
      },
      data,
    );
  }

  /** What the stored snapshot says of itself; null when there is none. */
  async info(): Promise<StoredSnapshotInfo | null> {
    const info = await this.os.info(OBJECT);
    if (!info || info.deleted) return null;
    return {
      seq: Number(info.metadata?.seq ?? Number.NaN),
      bytes: Number(info.metadata?.bytes ?? Number.NaN),
      sha256: info.metadata?.sha256 ?? "",
    };
  }

  /** The newest snapshot as an index; null when none is stored; SnapshotError when it is unusable. */
  async load(): Promise<{ matcher: BankMatcher; seq: number; bytes: number } | null> {
    const result = await this.os.get(OBJECT);
    if (!result) return null;
    const declared = Number(result.info.metadata?.bytes ?? Number.NaN);
    if (!Number.isSafeInteger(declared) || result.info.size !== declared)
      throw new SnapshotError(`index snapshot size ${result.info.size}, metadata says ${declared}`);
    const chunks: Uint8Array[] = [];
    for await (const chunk of result.data) chunks.push(chunk);
    const digestError = await result.error;
    if (digestError)
      throw new SnapshotError(`index snapshot failed the object store's check: ${digestError.message}`);
    const bytes = Buffer.concat(chunks);
    if (bytes.length !== declared)
      throw new SnapshotError(`index snapshot read ${bytes.length} bytes, metadata says ${declared}`);
    const decoded = decodeBankIndex(bytes);
    const metaSeq = Number(result.info.metadata?.seq);
    if (decoded.seq !== metaSeq)
      throw new SnapshotError(`index snapshot holds seq ${decoded.seq}, metadata says ${metaSeq}`);
    return { matcher: decoded.matcher, seq: decoded.seq, bytes: bytes.length };
  }
}
