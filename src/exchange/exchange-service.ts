/**
 * The exchange use cases (issue 19): what this instance publishes to each
 * partner (a signed, cursor-paginated feed of the banks shared with it) and
 * the partners' feeds it pulls into local banks. The feed key is made on first
 * use and kept in the database, its private half sealed with the data key, so
 * every API process of a deployment signs with the same key.
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import type { BankRepository } from "../store/repositories/bank-repository.js";
import type { ExchangeRepository, ExchangeSourceRow } from "../store/repositories/exchange-repository.js";
import type { ExchangeTrust } from "../store/tables/exchange.js";
import { cursorToSeq, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./feed-format.js";
import { buildFeedPage, type SignedPage, signPage } from "./feed-publisher.js";
import { PullError, type PullPorts, type PullResult, pullFeed } from "./feed-puller.js";
import { feedPublicKey } from "./feed-signature.js";
import { fetchFeedPage } from "./fetch-feed-page.js";

export interface ExchangeDeps {
  exchange: ExchangeRepository;
  banks: BankRepository;
  seal(plaintext: string): string;
  open(sealed: string): string | null;
  /** Called after pulled entries changed a bank, so the index follows at once. */
  onBanksChanged(): Promise<unknown>;
  fetchPage?: PullPorts["fetchPage"];
}

export interface NewSource {
  name: string;
  feedUrl: string;
  apiKey: string;
  publicKeyPem: string;
  bank: string;
  /** review (the default): pulled entries route matches to people; automatic: they may act. */
  trust?: ExchangeTrust;
}

export interface SourceView {
  name: string;
  feed_url: string;
  bank: string;
  trust: ExchangeTrust;
  cursor: string | null;
  entries_applied: number;
  last_run_at: string | null;
  last_error: string | null;
}

export class ExchangeConfigError extends Error {
  override readonly name = "ExchangeConfigError";
  readonly code = "InvalidExchangeConfig";
}

export class ExchangeService {
  private key: { privateKey: KeyObject; publicKeyPem: string } | null = null;

  constructor(private readonly deps: ExchangeDeps) {}

  async feedKey(): Promise<{ privateKey: KeyObject; publicKeyPem: string }> {
    if (this.key) return this.key;
    let stored = await this.deps.exchange.identity();
    if (!stored) {
      const pair = generateKeyPairSync("ed25519");
      const pem = pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
      const publicPem = pair.publicKey.export({ type: "spki", format: "pem" }).toString();
      stored = await this.deps.exchange.identityOnce(this.deps.seal(pem), publicPem);
    }
    const pem = this.deps.open(stored.privateKeySealed);
    if (!pem) throw new ExchangeConfigError("no data key opens the exchange feed key");
    this.key = { privateKey: createPrivateKey(pem), publicKeyPem: stored.publicKeyPem };
    return this.key;
  }

  /** What partners configure to verify this instance's pages. */
  async publicKeyPem(): Promise<string> {
    return (await this.feedKey()).publicKeyPem;
  }

  async share(partner: string, bankName: string): Promise<void> {
    const bank = await this.deps.banks.get(bankName);
    await this.deps.exchange.share(partner, bank.id);
  }

  async unshare(partner: string, bankName: string): Promise<void> {
    const bank = await this.deps.banks.get(bankName);
    await this.deps.exchange.unshare(partner, bank.id);
  }

  /** One page of the partner's feed after `cursor` (null: from the start). */
  async feed(partner: string, cursor: string | null, limit = DEFAULT_PAGE_SIZE): Promise<SignedPage> {
    const size = Math.max(1, Math.min(limit, MAX_PAGE_SIZE));
    const bankIds = await this.deps.exchange.sharedBankIds(partner);
    const changes = await this.deps.exchange.changesAfter(bankIds, cursorToSeq(cursor), size + 1);
    const page = buildFeedPage(partner, cursor, changes, size);
    return signPage(page, (await this.feedKey()).privateKey);
  }

  async addSource(source: NewSource): Promise<ExchangeSourceRow> {
    feedPublicKey(source.publicKeyPem);
    let url: URL;
    try {
      url = new URL(source.feedUrl);
    } catch {
      throw new ExchangeConfigError(`the feed URL ${JSON.stringify(source.feedUrl)} is not a URL`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:")
      throw new ExchangeConfigError("the feed URL must be http or https");
    const bank = await this.deps.banks.ensure(source.bank);
    return this.deps.exchange.addSource({
      name: source.name,
      feedUrl: url.toString(),
      apiKeySealed: this.deps.seal(source.apiKey),
      publicKeyPem: source.publicKeyPem,
      bankId: bank.id,
      trust: source.trust ?? "review",
    });
  }

  async sources(): Promise<ExchangeSourceRow[]> {
    return this.deps.exchange.sources();
  }

  /** Sources as an operator sees them: never the API key. */
  async sourceViews(): Promise<SourceView[]> {
    const banks = new Map((await this.deps.banks.list()).map((b) => [b.id, b.name]));
    return (await this.sources()).map((s) => ({
      name: s.name,
      feed_url: s.feedUrl,
      bank: banks.get(s.bankId) ?? "",
      trust: s.trust,
      cursor: s.cursor,
      entries_applied: s.entriesApplied,
      last_run_at: s.lastRunAt?.toISOString() ?? null,
      last_error: s.lastError,
    }));
  }

  /**
   * Pulls what the source published since its checkpoint. A refused page is
   * recorded as the source's last error and rethrown; the checkpoint stays at
   * the last page that verified.
   */
  async pull(name: string, options: { pageSize?: number; maxPages?: number } = {}): Promise<PullResult> {
    const source = await this.deps.exchange.source(name);
    if (!source) throw new ExchangeConfigError(`no exchange source named ${JSON.stringify(name)}`);
    const apiKey = this.deps.open(source.apiKeySealed);
    if (!apiKey) throw new ExchangeConfigError(`no data key opens the API key of source ${name}`);
    const ports: PullPorts = {
      fetchPage: this.deps.fetchPage ?? fetchFeedPage,
      applyPage: (s, confirms, withdraws, next) => this.deps.exchange.applyPage(s, confirms, withdraws, next),
    };
    let result: PullResult | null = null;
    try {
      result = await pullFeed(source, apiKey, feedPublicKey(source.publicKeyPem), ports, {
        pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
        maxPages: options.maxPages ?? 10_000,
      });
      await this.deps.exchange.recordRun(source.id, null);
      return result;
    } catch (error) {
      const message = error instanceof PullError ? `${error.code}: ${error.message}` : String(error);
      await this.deps.exchange.recordRun(source.id, message);
      throw error;
    } finally {
      // Pages applied before a refused one are in the bank: the index follows either way.
      await this.deps.onBanksChanged();
    }
  }
}
