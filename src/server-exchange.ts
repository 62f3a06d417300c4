/** Wires the exchange and HMA-API services (issue 19): their repositories, the data key for secrets, the live index. */
import { ExchangeService } from "./exchange/exchange-service.js";
import { HmaService } from "./exchange/hma-service.js";
import type { LiveBankMatcher } from "./pipeline/live-bank-matcher.js";
import type { VigilDb } from "./store/database.js";
import type { FieldCipher } from "./store/field-cipher.js";
import type { BankRepository } from "./store/repositories/bank-repository.js";
import { ExchangeRepository } from "./store/repositories/exchange-repository.js";
import { HmaContentRepository } from "./store/repositories/hma-content-repository.js";

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
