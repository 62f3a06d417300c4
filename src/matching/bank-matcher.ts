/**
 * Matches hashes against the enabled banks: loads their entries from a BankSource
 * (the store's bank repository serves it; the interface is the matcher's own)
 * into in-memory indexes (PDQ by Hamming radius in a multi-index, MD5 and
 * SHA-256 exactly, vPDQ videos by the reference's frame-percentage rule) and
 * answers with the bank, entry, distance (or match percentages) and whether
 * the entry is a known false positive (ignored: reported, never acted on).
 */

import type { Provenance, SignalType } from "../domain/banks.js";
import { type Hash256, hash256FromHex } from "../hashing/pdq/hash256.js";
import { type MatchableFeature, parseVpdq, VpdqFormatError } from "../hashing/vpdq/index.js";
import { DigestIndex } from "./exact-index.js";
import { DEFAULT_PDQ_RADIUS, InvalidIndexArgumentError } from "./index-types.js";
import { PdqMultiIndex } from "./multi-index.js";
import { PDQ_WORDS, packHash256 } from "./pdq-words.js";
import { VideoIndex } from "./video-index.js";

export { DEFAULT_PDQ_RADIUS };

export interface BankMatch {
  bank: string;
  entryId: number;
  signalType: SignalType;
  value: string;
  distance: number;
  provenance: Provenance;
  ignored: boolean;
}

/** A banked video the query video matches (python-threatexchange's vPDQ rule). */
export interface VideoBankMatch {
  bank: string;
  entryId: number;
  signalType: "vpdq";
  /** The entry's value: the SHA-256 of its frame list. */
  value: string;
  /** Share of the query's usable frames within the distance of some frame of the entry. */
  queryMatchPercent: number;
  /** Share of the entry's usable frames within the distance of some query frame. */
  comparedMatchPercent: number;
  provenance: Provenance;
  ignored: boolean;
}

/** What loading needs from wherever banks are kept. */
export interface BankSource {
  get(name: string): Promise<{ id: number; name: string }>;
  list(): Promise<{ id: number; name: string; enabled: boolean }[]>;
  entries(bankId: number): AsyncIterable<{
    id: number;
    signalType: SignalType;
    value: string;
    provenance: Provenance;
    ignored: boolean;
    payload: string | null;
  }>;
}

export interface EntryInfo {
  bank: string;
  signalType: SignalType;
  value: string;
  provenance: Provenance;
  ignored: boolean;
}

/** PDQ entries collected while loading, indexed in one build at the end (add() one by one would merge repeatedly). */
class PendingPdq {
  ids: number[] = [];
  words = new Int32Array(PDQ_WORDS * 1024);

  push(id: number, hash: Hash256): void {
    const at = this.ids.length * PDQ_WORDS;
    if (at + PDQ_WORDS > this.words.length) {
      const grown = new Int32Array(this.words.length * 2);
      grown.set(this.words);
      this.words = grown;
    }
    packHash256(hash, this.words, at);
    this.ids.push(id);
  }
}

export class BankMatcher {
  private pdq = new PdqMultiIndex();
  private readonly digests = { md5: new DigestIndex("md5"), sha256: new DigestIndex("sha256") };
  private readonly videos = new VideoIndex();
  private readonly entries = new Map<number, EntryInfo>();
  /** vPDQ texts of banked videos, kept so a snapshot can carry them (videos are few). */
  private readonly videoPayloads = new Map<number, string>();

  get size(): number {
    return this.entries.size;
  }

  /** Loads the named banks (or every enabled bank), calling onProgress with the entries loaded so far. */
  static async load(
    repo: BankSource,
    names: string[] | null,
    onProgress: (n: number) => void = () => {},
  ): Promise<BankMatcher> {
    const matcher = new BankMatcher();
    const pending = new PendingPdq();
    const banks = names
      ? await Promise.all(names.map((n) => repo.get(n)))
      : (await repo.list()).filter((b) => b.enabled);
    for (const bank of banks) {
      for await (const e of repo.entries(bank.id)) {
        const info: EntryInfo = {
          bank: bank.name,
          signalType: e.signalType,
          value: e.value,
          provenance: e.provenance,
          ignored: e.ignored,
        };
        if (info.signalType === "pdq") {
          matcher.entries.set(e.id, info);
          pending.push(e.id, hash256FromHex(info.value));
        } else if (info.signalType === "vpdq") {
          matcher.addVideo(e.id, info, e.payload ?? "");
        } else {
          matcher.add(e.id, info);
        }
        if (matcher.size % 10_000 === 0) onProgress(matcher.size);
      }
    }
    matcher.pdq.addWords(pending.ids, pending.words.subarray(0, pending.ids.length * PDQ_WORDS));
    onProgress(matcher.size);
    return matcher;
  }

  add(entryId: number, info: EntryInfo): void {
    this.entries.set(entryId, info);
    if (info.signalType === "pdq") this.pdq.add(entryId, hash256FromHex(info.value));
    else if (info.signalType === "md5" || info.signalType === "sha256") {
      try {
        this.digests[info.signalType].add(entryId, info.value);
      } catch (error) {
        // A stored value that is not a digest can never equal a file's digest.
        if (!(error instanceof InvalidIndexArgumentError)) throw error;
      }
    }
  }

  /**
   * Adds a banked video from its vPDQ text (bank_entries.payload). A payload
   * that does not parse (imports check every line, so only a damaged row) can
   * match nothing and is left out; returns false then.
   */
  addVideo(entryId: number, info: EntryInfo, payload: string): boolean {
    let features: MatchableFeature[];
    try {
      features = parseVpdq(payload);
    } catch (error) {
      if (error instanceof VpdqFormatError) return false;
      throw error;
    }
    this.entries.set(entryId, info);
    this.videos.add(entryId, features);
    this.videoPayloads.set(entryId, payload);
    return true;
  }

  /** What a snapshot holds (matching/bank-index-snapshot.ts): the PDQ index as built, and every entry. */
  snapshotParts(): {
    pdq: PdqMultiIndex;
    entries: ReadonlyMap<number, Readonly<EntryInfo>>;
    payloadOf(entryId: number): string | null;
  } {
    return { pdq: this.pdq, entries: this.entries, payloadOf: (id) => this.videoPayloads.get(id) ?? null };
  }

  /**
   * A matcher from a snapshot: the PDQ index is taken as it was built (no
   * rebuild, the expensive part); digests and videos are indexed again.
   */
  static fromSnapshotParts(
    pdq: PdqMultiIndex,
    entries: Iterable<{ id: number; info: EntryInfo; payload: string | null }>,
  ): BankMatcher {
    const matcher = new BankMatcher();
    matcher.pdq = pdq;
    for (const { id, info, payload } of entries) {
      if (info.signalType === "pdq") matcher.entries.set(id, info);
      else if (info.signalType === "vpdq") matcher.addVideo(id, info, payload ?? "");
      else matcher.add(id, info);
    }
    return matcher;
  }

  /** The entry's bank and state, or null when the index does not hold it. */
  describeEntry(entryId: number): Readonly<EntryInfo> | null {
    return this.entries.get(entryId) ?? null;
  }

  /** Marks an entry a known false positive (or not) in place; false when the index does not hold it. */
  setIgnored(entryId: number, ignored: boolean): boolean {
    const info = this.entries.get(entryId);
    if (!info) return false;
    info.ignored = ignored;
    return true;
  }

  private describe(id: number, distance: number): BankMatch {
    const e = this.entries.get(id)!;
    return {
      bank: e.bank,
      entryId: id,
      signalType: e.signalType,
      value: e.value,
      distance,
      provenance: e.provenance,
      ignored: e.ignored,
    };
  }

  matchPdq(hash: Hash256, radius = DEFAULT_PDQ_RADIUS): BankMatch[] {
    return this.pdq.search(hash, radius).map((m) => this.describe(m.id, m.distance));
  }

  /** Banked videos matched by a video's frames (defaults: distance 31, quality 50, 80% of the query). */
  matchVideo(frames: readonly MatchableFeature[]): VideoBankMatch[] {
    return this.videos.match(frames).map((m) => {
      const e = this.entries.get(m.entryId)!;
      return {
        bank: e.bank,
        entryId: m.entryId,
        signalType: "vpdq",
        value: e.value,
        queryMatchPercent: m.queryMatchPercent,
        comparedMatchPercent: m.comparedMatchPercent,
        provenance: e.provenance,
        ignored: e.ignored,
      };
    });
  }

  matchDigest(signalType: "md5" | "sha256", value: string): BankMatch[] {
    try {
      return this.digests[signalType].lookup(value).map((id) => this.describe(id, 0));
    } catch (error) {
      // A malformed digest matches nothing, as a missing Map key did.
      if (error instanceof InvalidIndexArgumentError) return [];
      throw error;
    }
  }
}
