/**
 * Matches hashes against the enabled banks: loads their entries from the store
 * into in-memory indexes (PDQ by Hamming radius, MD5 and SHA-256 exactly) and
 * answers with the bank, entry, distance and whether the entry is a known false
 * positive (ignored: reported, never to be acted on).
 */
import { type Hash256, hash256FromHex } from "../hashing/pdq/hash256.js";
import type { BankRepository } from "../store/repositories/bank-repository.js";
import type { Provenance, SignalType } from "../store/schema.js";
import { LinearScanIndex } from "./linear-scan.js";

export interface BankMatch {
  bank: string;
  entryId: number;
  signalType: SignalType;
  value: string;
  distance: number;
  provenance: Provenance;
  ignored: boolean;
}

interface EntryInfo {
  bank: string;
  signalType: SignalType;
  value: string;
  provenance: Provenance;
  ignored: boolean;
}

export const DEFAULT_PDQ_RADIUS = 31;

export class BankMatcher {
  private readonly pdq = new LinearScanIndex();
  private readonly digests = new Map<string, number[]>();
  private readonly entries = new Map<number, EntryInfo>();

  get size(): number {
    return this.entries.size;
  }

  /** Loads the named banks (or every enabled bank), calling onProgress with the entries loaded so far. */
  static async load(
    repo: BankRepository,
    names: string[] | null,
    onProgress: (n: number) => void = () => {},
  ): Promise<BankMatcher> {
    const matcher = new BankMatcher();
    const banks = names
      ? await Promise.all(names.map((n) => repo.get(n)))
      : (await repo.list()).filter((b) => b.enabled);
    for (const bank of banks) {
      for await (const e of repo.entries(bank.id)) {
        matcher.add(e.id, {
          bank: bank.name,
          signalType: e.signalType,
          value: e.value,
          provenance: e.provenance,
          ignored: e.ignored,
        });
        if (matcher.size % 10_000 === 0) onProgress(matcher.size);
      }
    }
    onProgress(matcher.size);
    return matcher;
  }

  add(entryId: number, info: EntryInfo): void {
    this.entries.set(entryId, info);
    if (info.signalType === "pdq") this.pdq.add(entryId, hash256FromHex(info.value));
    else if (info.signalType === "md5" || info.signalType === "sha256") {
      const key = `${info.signalType}:${info.value}`;
      const ids = this.digests.get(key) ?? [];
      ids.push(entryId);
      this.digests.set(key, ids);
    }
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

  matchDigest(signalType: "md5" | "sha256", value: string): BankMatch[] {
    return (this.digests.get(`${signalType}:${value.toLowerCase()}`) ?? []).map((id) => this.describe(id, 0));
  }
}
