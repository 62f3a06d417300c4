/** The history `vigil rules test` backtests against: decided events from the store the command names. */
import { storedHistory } from "../pipeline/stored-history.js";
import type { BacktestEvent } from "../rules/backtest.js";
import { HistoryRepository } from "../store/repositories/history-repository.js";
import { SubjectRepository } from "../store/repositories/subject-repository.js";
import { openStore, type StoreOptions } from "./open-store.js";

export async function* storeHistory(options: StoreOptions): AsyncGenerator<BacktestEvent> {
  const database = await openStore(options);
  try {
    yield* storedHistory(new HistoryRepository(database.db), new SubjectRepository(database.db));
  } finally {
    await database.close();
  }
}
