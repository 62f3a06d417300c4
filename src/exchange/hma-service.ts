/**
 * HMA's API on Vigil (issue 19, point 5): the hashing, matching and curation
 * calls of Meta's Hasher-Matcher-Actioner (OpenMediaMatch blueprints h/, m/,
 * c/) answered from Vigil's banks and live index, in HMA's shapes, so tools
 * built for HMA (Coop among them) can point at Vigil. A banked "content" is one
 * Vigil bank entry; its id is the entry id. Matching excludes known false
 * positives (HMA's disabled content) and disabled banks.
 */

import { normaliseHashValue } from "../banks/bank-files/signal-values.js";
import { hash256FromHex } from "../hashing/pdq/hash256.js";
import type { BankMatch, BankMatcher } from "../matching/bank-matcher.js";
import type { MediaHashes } from "../media/hash-media-bytes.js";
import { type Bank, BankExistsError, type BankRepository } from "../store/repositories/bank-repository.js";
import type { HmaContentRepository } from "../store/repositories/hma-content-repository.js";
import {
  HMA_CONTENT_SIGNALS,
  HMA_SIGNAL_TYPES,
  type HmaContentType,
  type HmaSignalType,
  hmaNameOf,
  isHmaContentType,
  isHmaSignalType,
} from "./hma-signal-types.js";

export class HmaError extends Error {
  override readonly name = "HmaError";
  constructor(
    readonly kind: "NotFound" | "InvalidRequest" | "BankExists",
    message: string,
  ) {
    super(message);
  }
}

export interface HmaMatch {
  bank_content_id: number;
  distance: string;
}
export type MatchByBank = Record<string, HmaMatch[]>;

export interface HmaDeps {
  banks: BankRepository;
  content: HmaContentRepository;
  matcher(): BankMatcher;
  refreshIndex(): Promise<unknown>;
  pdqRadius: number;
}

/** HMA's bank config: Vigil has no partial matching ratio, a bank is on (1.0) or off (0.0). */
export function bankConfig(bank: Bank): { name: string; matching_enabled_ratio: number } {
  return { name: bank.name, matching_enabled_ratio: bank.enabled ? 1.0 : 0.0 };
}

function signalTypeOf(name: string): HmaSignalType {
  if (!isHmaSignalType(name)) throw new HmaError("InvalidRequest", `No such SignalType '${name}'`);
  return name;
}

function splitList(text: string | undefined): Set<string> | null {
  return text ? new Set(text.split(",").map((s) => s.trim())) : null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export class HmaService {
  constructor(private readonly deps: HmaDeps) {}

  /** The hashes HMA would give for this media: `pdq` for a photo, `video_md5` for a video, or the `types` asked. */
  hashes(media: MediaHashes, contentType?: string, types?: string): Record<string, string> {
    let kind: HmaContentType = media.vpdq === null ? "photo" : "video";
    if (contentType !== undefined) {
      if (!isHmaContentType(contentType))
        throw new HmaError("InvalidRequest", `no such content_type: '${contentType}'`);
      kind = contentType;
    }
    let names = HMA_CONTENT_SIGNALS[kind];
    const asked = splitList(types);
    if (asked) {
      for (const name of asked)
        if (!names.includes(name as HmaSignalType))
          throw new HmaError("InvalidRequest", `signal type '${name}' doesn't exist or is disabled`);
      names = names.filter((n) => asked.has(n));
    }
    const out: Record<string, string> = {};
    for (const name of names) {
      const value = name === "pdq" ? media.pdq : media.md5;
      if (value) out[name] = value;
    }
    return out;
  }

  private matches(signalTypeName: string, signal: string, banks: Set<string> | null): BankMatch[] {
    const type = HMA_SIGNAL_TYPES[signalTypeOf(signalTypeName)];
    const value = normaliseHashValue(type, signal);
    if (typeof value !== "string") throw new HmaError("InvalidRequest", `invalid signal: ${value.error}`);
    const index = this.deps.matcher();
    const found =
      type === "pdq"
        ? index.matchPdq(hash256FromHex(value), this.deps.pdqRadius)
        : index.matchDigest(type, value);
    return found.filter((m) => !m.ignored && (!banks || banks.has(m.bank)));
  }

  /** `{bank: [{bank_content_id, distance}]}`, as HMA's /m/lookup with a signal. */
  lookup(signalType: string, signal: string, banks?: string): MatchByBank {
    const out: MatchByBank = {};
    for (const m of this.matches(signalType, signal, splitList(banks))) {
      out[m.bank] ??= [];
      out[m.bank].push({ bank_content_id: m.entryId, distance: String(m.distance) });
    }
    return out;
  }

  /** Every signal of an upload looked up: `{signal_type: {bank: [...]}}`. */
  lookupAll(hashes: Record<string, string>, banks?: string): Record<string, MatchByBank> {
    const out: Record<string, MatchByBank> = {};
    for (const [type, value] of Object.entries(hashes)) out[type] = this.lookup(type, value, banks);
    return out;
  }

  rawLookup(
    signalType: string,
    signal: string,
    banks: string | undefined,
    includeDistance: boolean,
  ): { matches: (number | HmaMatch)[] } {
    const found = this.matches(signalType, signal, splitList(banks));
    return {
      matches: found.map((m) =>
        includeDistance ? { bank_content_id: m.entryId, distance: String(m.distance) } : m.entryId,
      ),
    };
  }

  async indexStatus(
    only?: string,
  ): Promise<Record<string, { present: boolean; built_to: number; size: number }>> {
    if (only !== undefined && !isHmaSignalType(only))
      throw new HmaError("InvalidRequest", `No such signal type '${only}'`);
    await this.deps.refreshIndex();
    const counts = await this.deps.content.indexedCounts();
    const out: Record<string, { present: boolean; built_to: number; size: number }> = {};
    for (const name of Object.keys(HMA_SIGNAL_TYPES) as HmaSignalType[]) {
      if (only !== undefined && name !== only) continue;
      const count = counts.find((c) => c.signalType === HMA_SIGNAL_TYPES[name]);
      // Vigil's index is live (it follows the bank change log), so it is always present.
      out[name] = { present: true, built_to: count?.newest ?? -1, size: count?.size ?? 0 };
    }
    return out;
  }

  async listBanks(): Promise<{ name: string; matching_enabled_ratio: number }[]> {
    return (await this.deps.banks.list()).map(bankConfig);
  }

  /** HMA answers 403 to an existing name; Vigil answers its named conflict, BankExists (409). */
  async createBank(
    name: string,
    enabled: boolean,
  ): Promise<{ name: string; matching_enabled_ratio: number }> {
    try {
      await this.deps.banks.create(name);
    } catch (error) {
      if (error instanceof BankExistsError) throw new HmaError("BankExists", "Bank already exists");
      throw error;
    }
    const bank = enabled ? await this.deps.banks.get(name) : await this.deps.banks.setEnabled(name, false);
    return bankConfig(bank);
  }

  async bank(name: string): Promise<Bank> {
    const bank = await this.deps.banks.find(name);
    if (!bank) throw new HmaError("NotFound", `bank '${name}' not found`);
    return bank;
  }

  async getContent(bankName: string, id: number, includeSignals: boolean, includeMetadata: boolean) {
    const bank = await this.bank(bankName);
    const entry = await this.deps.content.entry(bank.id, id);
    if (!entry) throw new HmaError("NotFound", `content '${id}' not found`);
    const hmaName = hmaNameOf(entry.signalType) ?? entry.signalType;
    const { note, json, ...userMetadata } = entry.metadata;
    const metadata: Record<string, unknown> = { ...userMetadata };
    if (json !== undefined) metadata.json = parseJson(json);
    return {
      id: entry.id,
      // python-threatexchange: 1 is enabled, 0 disabled; a known false positive is disabled.
      disable_until_ts: entry.ignored ? 0 : 1,
      original_media_uri: null,
      bank: bankConfig(bank),
      ...(includeSignals ? { signals: { [hmaName]: entry.value } } : {}),
      ...(includeMetadata && Object.keys(metadata).length > 0 ? { metadata } : {}),
      ...(note ? { note } : {}),
    };
  }

  /**
   * Banks each signal as one entry (unconfirmed: what arrives through HMA's
   * API routes matches to review until someone confirms it) and answers HMA's
   * `{id, signals}`; the id is the first signal's entry.
   */
  async addSignals(
    bankName: string,
    signals: Record<string, string>,
    metadata: Record<string, string>,
    actor: string,
  ): Promise<{ id: number; signals: Record<string, string> }> {
    const bank = await this.bank(bankName);
    if (Object.keys(signals).length === 0) throw new HmaError("InvalidRequest", "No signals given");
    const rows = Object.entries(signals).map(([name, raw]) => {
      if (!isHmaSignalType(name)) throw new HmaError("InvalidRequest", `No such signal type ${name}`);
      const value = normaliseHashValue(HMA_SIGNAL_TYPES[name], raw);
      if (typeof value !== "string")
        throw new HmaError("InvalidRequest", `Invalid ${name} signal: ${value.error}`);
      return { name, value };
    });
    await this.deps.banks.addEntries(
      bank.id,
      rows.map((r) => ({
        signalType: HMA_SIGNAL_TYPES[r.name],
        value: r.value,
        metadata,
        addedBy: actor,
        source: "hma-api",
      })),
    );
    await this.deps.refreshIndex();
    const id = await this.deps.content.idOf(bank.id, HMA_SIGNAL_TYPES[rows[0].name], rows[0].value);
    if (id === null)
      throw new HmaError("NotFound", "the banked content vanished before it could be read back");
    return { id, signals: Object.fromEntries(rows.map((r) => [r.name, r.value])) };
  }

  async removeContent(bankName: string, id: number): Promise<{ deleted: number }> {
    const bank = await this.bank(bankName);
    const deleted = await this.deps.content.remove(bank.id, id);
    await this.deps.refreshIndex();
    return { deleted };
  }
}
