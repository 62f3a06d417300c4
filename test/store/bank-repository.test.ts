/** Banks and entries on PGlite and on PostgreSQL, through the same repository. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { openDatabase } from "../../src/store/database.js";
import {
  BankExistsError,
  BankNotFoundError,
  BankRepository,
} from "../../src/store/repositories/bank-repository.js";
import { databaseKinds } from "../support/databases.js";

for (const kind of databaseKinds) {
  test(`banks and entries (${kind.label})`, { skip: kind.skip }, async () => {
    const target = await kind.make();
    const database = await openDatabase(target.options);
    try {
      const repo = new BankRepository(database.db);
      const bank = await repo.create("partner-a", "a partner's list");
      await assert.rejects(repo.create("partner-a"), BankExistsError);
      await assert.rejects(repo.get("nope"), BankNotFoundError);
      const pdq = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
      const first = await repo.addEntries(bank.id, [
        { signalType: "pdq", value: pdq, quality: 100, provenance: "confirmed", source: "test" },
        { signalType: "md5", value: "d41d8cd98f00b204e9800998ecf8427e" },
      ]);
      assert.deepEqual(first, { inserted: 2, duplicates: 0 });
      const again = await repo.addEntries(bank.id, [{ signalType: "pdq", value: pdq }]);
      assert.deepEqual(again, { inserted: 0, duplicates: 1 }, "duplicates are refused by the unique index");
      assert.ok(await repo.setIgnored(bank.id, "md5", "d41d8cd98f00b204e9800998ecf8427e", true));
      const stats = await repo.stats("partner-a");
      assert.deepEqual(stats.bySignalType, { md5: 1, pdq: 1 });
      assert.equal(stats.ignored, 1);
      assert.equal(stats.byProvenance.confirmed, 1);
      const listed = await repo.list();
      assert.deepEqual(
        listed.map((b) => [b.name, b.entries]),
        [["partner-a", 2]],
      );
      const all = [];
      for await (const entry of repo.entries(bank.id, 1)) all.push(entry.value);
      assert.equal(all.length, 2);
      await repo.setEnabled("partner-a", false);
      assert.equal((await repo.get("partner-a")).enabled, false);
    } finally {
      await database.close();
      await target.dispose();
    }
  });

  test(`migrations run once and reopening keeps the data (${kind.label})`, { skip: kind.skip }, async () => {
    const target = await kind.make();
    try {
      const first = await openDatabase(target.options);
      await new BankRepository(first.db).create("kept");
      await first.close();
      const second = await openDatabase(target.options);
      assert.ok(await new BankRepository(second.db).find("kept"));
      await second.close();
    } finally {
      await target.dispose();
    }
  });
}
