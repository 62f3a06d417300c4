/** Wires the exchange service (issue 19): its repository, the data key for its secrets, the live index. */
import { ExchangeService } from "./exchange/exchange-service.js";
import type { LiveBankMatcher } from "./pipeline/live-bank-matcher.js";
import type { VigilDb } from "./store/database.js";
import type { FieldCipher } from "./store/field-cipher.js";
import type { BankRepository } from "./store/repositories/bank-repository.js";
import { ExchangeRepository } from "./store/repositories/exchange-repository.js";

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
