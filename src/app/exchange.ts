/** Wires the exchange and HMA-API services (issue 19): their repositories, the data key for secrets, the live index. */
import type { Logger } from "pino";
import { ExchangeService } from "../exchange/exchange-service.js";
import { HmaService } from "../exchange/hma-service.js";
import type { LiveBankMatcher } from "../pipeline/live-bank-matcher.js";
import type { VigilDb } from "../store/database.js";
import type { FieldCipher } from "../store/field-cipher.js";
import type { BankRepository } from "../store/repositories/bank-repository.js";
import { ExchangeRepository } from "../store/repositories/exchange-repository.js";
import { HmaContentRepository } from "../store/repositories/hma-content-repository.js";

export function exchangeService(
  db: VigilDb,
  banks: BankRepository,
  fields: FieldCipher,
  matcher: LiveBankMatcher,
): ExchangeService {
  return new ExchangeService({
    exchange: new ExchangeRepository(db),
    banks,
    seal: (text) => fields.seal(text),
    open: (sealed) => fields.open(sealed),
    onBanksChanged: () => matcher.refresh(),
  });
}

export function hmaService(
  db: VigilDb,
  banks: BankRepository,
  matcher: LiveBankMatcher,
  pdqRadius: number,
): HmaService {
  return new HmaService({
    banks,
    content: new HmaContentRepository(db),
    matcher: () => matcher.get(),
    refreshIndex: () => matcher.refresh(),
    pdqRadius,
  });
}

/**
 * Pulls every source on a schedule (workers only). A run still going when the
 * next is due is not doubled; a refused source is one log line per run, and
 * its error is on the source (GET /v1/exchange/sources).
 */
export function startExchangePulls(
  exchange: ExchangeService,
  log: Logger,
  seconds: number,
): () => Promise<void> {
  if (seconds === 0) return async () => {};
  let running: Promise<void> | null = null;
  const run = async () => {
    for (const source of await exchange.sources()) {
      try {
        const result = await exchange.pull(source.name);
        if (result.confirmed + result.withdrawn > 0)
          log.info({ source: source.name, ...result }, "exchange pull");
      } catch (error) {
        log.warn({ source: source.name, err: (error as Error).message }, "exchange pull refused");
      }
    }
  };
  const timer = setInterval(() => {
    running ??= run()
      .catch((error: unknown) => log.error({ err: error }, "exchange pulls failed"))
      .finally(() => {
        running = null;
      });
  }, seconds * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
