/**
 * The index replica follows the bank change log: adds and ignores applied
 * incrementally (no reload), a disabled bank or a lasting gap in the log
 * reloads whole; on PGlite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { hash256FromHex } from "../../src/hashing/pdq/hash256.js";
import { LiveBankMatcher } from "../../src/pipeline/live-bank-matcher.js";
import { openDatabase } from "../../src/store/database.js";
import { BankChangeRepository } from "../../src/store/repositories/bank-change-repository.js";
import { BankRepository } from "../../src/store/repositories/bank-repository.js";
import { databaseKinds } from "../support/databases.js";
import { randomPdqHex } from "../support/pdq-near.js";

const quiet = { info() {}, error() {} };

for (const kind of databaseKinds) {
  test(`index replica: incremental adds and ignores, reload on bank change and on a lasting gap (${kind.label})`, {
    skip: kind.skip,
  }, async () => {
    const target = await kind.make();
    const database = await openDatabase(target.options);
    try {
      const banks = new BankRepository(database.db);
      const changes = new BankChangeRepository(database.db);
      let clock = 0;
      const live = new LiveBankMatcher(banks, changes, quiet, () => clock);
      const bank = await banks.create("known");
      const first = [randomPdqHex(1), randomPdqHex(2)];
      await banks.addEntries(
        bank.id,
        first.map((value) => ({ signalType: "pdq" as const, value })),
      );
      assert.equal(await live.sync(), "reloaded", "first load");
      assert.equal(live.get().size, 2);

      // A worker started now loads the same state and position.
      const late = new LiveBankMatcher(banks, changes, quiet);
      await late.sync();
      assert.equal(late.appliedSeq, live.appliedSeq);

      const added = randomPdqHex(3);
      await banks.addEntries(bank.id, [
        { signalType: "pdq", value: added, provenance: "confirmed" },
        { signalType: "md5", value: "d41d8cd98f00b204e9800998ecf8427e" },
      ]);
      assert.equal(await live.sync(), "applied");
      assert.equal(await live.sync(), "unchanged");
      assert.equal(live.get().size, 4);
      assert.equal(live.stats.reloads, 1, "no reload for adds");
      const [match] = live.get().matchPdq(hash256FromHex(added));
      assert.deepEqual([match.bank, match.provenance, match.ignored], ["known", "confirmed", false]);

      await banks.setIgnored(bank.id, "pdq", added, true);
      assert.equal(await live.sync(), "applied");
      assert.equal(live.get().matchPdq(hash256FromHex(added))[0].ignored, true);
      assert.equal(live.get().matchDigest("md5", "d41d8cd98f00b204e9800998ecf8427e").length, 1);
      assert.equal(live.stats.reloads, 1);

      // The late replica catches up with the same changes and agrees.
      assert.equal(await late.sync(), "applied");
      assert.equal(late.get().size, 4);
      assert.equal(late.get().matchPdq(hash256FromHex(added))[0].ignored, true);

      await banks.setEnabled("known", false);
      assert.equal(await live.sync(), "reloaded");
      assert.equal(live.get().size, 0);
      await banks.setEnabled("known", true);
      assert.equal(await live.sync(), "reloaded");
      assert.equal(live.get().size, 4);

      // A hole in the log (a rolled-back write): wait, then reload.
      await database.exec("SELECT nextval('bank_changes_seq_seq')");
      const afterGap = randomPdqHex(4);
      await banks.addEntries(bank.id, [{ signalType: "pdq", value: afterGap }]);
      assert.equal(await live.sync(), "waiting");
      assert.equal(live.get().matchPdq(hash256FromHex(afterGap)).length, 0);
      clock += 11_000;
      assert.equal(await live.sync(), "reloaded");
      assert.equal(live.get().matchPdq(hash256FromHex(afterGap)).length, 1);
      assert.equal(await live.sync(), "unchanged");
    } finally {
      await database.close();
      await target.dispose();
    }
  });
}

for (const kind of databaseKinds) {
  test(`index replica, fed mode: offered changes apply in seq order, a lasting gap is filled from the log (${kind.label})`, {
    skip: kind.skip,
  }, async () => {
    const target = await kind.make();
    const database = await openDatabase(target.options);
    try {
      const banks = new BankRepository(database.db);
      const changes = new BankChangeRepository(database.db);
      let clock = 0;
      const live = new LiveBankMatcher(banks, changes, quiet, () => clock, { fed: true });
      const bank = await banks.create("known");
      await banks.addEntries(bank.id, [{ signalType: "pdq", value: randomPdqHex(1) }]);
      assert.equal(await live.sync(), "reloaded");
      const start = live.appliedSeq;

      const [a, b] = [randomPdqHex(2), randomPdqHex(3)];
      await banks.addEntries(bank.id, [{ signalType: "pdq", value: a }]);
      await banks.addEntries(bank.id, [{ signalType: "pdq", value: b }]);
      const [changeA, changeB] = await changes.since(start, 10);
      live.offer([changeB], "stream");
      assert.equal(await live.sync(), "waiting", "B waits for A");
      assert.equal(live.get().matchPdq(hash256FromHex(b)).length, 0);
      live.offer([changeA], "stream");
      assert.equal(await live.sync(), "applied");
      assert.equal(live.get().size, 3);
      assert.deepEqual([live.stats.stream, live.stats.log, live.appliedSeq], [2, 0, changeB.seq]);

      // C's message never comes; D's does. After the grace the log fills the hole.
      await banks.addEntries(bank.id, [{ signalType: "pdq", value: randomPdqHex(4) }]);
      await banks.addEntries(bank.id, [{ signalType: "pdq", value: randomPdqHex(5) }]);
      const [, changeD] = await changes.since(changeB.seq, 10);
      live.offer([changeD], "stream");
      assert.equal(await live.sync(), "waiting");
      clock += 11_000;
      assert.equal(await live.sync(), "applied");
      assert.deepEqual([live.stats.log, live.get().size, live.stats.reloads], [2, 5, 1]);
    } finally {
      await database.close();
      await target.dispose();
    }
  });
}
