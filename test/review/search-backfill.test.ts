/**
 * Subjects stored before search existed (migration 0019) are filled at start:
 * folded names and descriptions, and phone keys from the sealed numbers.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { backfillSearchColumns } from "../../src/search/search-backfill.js";
import { SearchIndexRepository } from "../../src/store/repositories/search-index-repository.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

let running: TestServer;
before(async () => {
  running = await startTestServer({ defaultCountry: "GB" });
});
after(() => running.close());

test("old rows get folded names and phone keys, and are found", async () => {
  const { ctx } = running.server;
  const sealed = ctx.personal.sealField("+447700900777");
  await ctx.database.db.execute(
    `INSERT INTO accounts (platform, external_id, name, phone_encrypted) VALUES ('whatsapp', 'old-1', 'Élodie Müller', '${sealed}')` as never,
  );
  await ctx.database.db.execute(
    "INSERT INTO groups (platform, external_id, name, description) VALUES ('whatsapp', 'old-g', 'Ancien Groupe', 'Décrit')" as never,
  );
  const filled = await backfillSearchColumns(new SearchIndexRepository(ctx.database.db), ctx.personal);
  assert.deepEqual(filled, { accounts: 1, groups: 1, unreadablePhones: 0 });
  const viewer = { actor: "key:t", role: null };
  const q = (text: string) =>
    ctx.search.search({ q: text, kind: "auto", radius: 31, offset: 0, limit: 20 }, viewer);
  assert.equal((await q("07700 900777")).results[0]?.subject.id, "old-1");
  assert.equal((await q("elodie mull")).results[0]?.subject.id, "old-1");
  assert.equal((await q("decrit")).results[0]?.subject.id, "old-g");
  const again = await backfillSearchColumns(new SearchIndexRepository(ctx.database.db), ctx.personal);
  assert.deepEqual(again, { accounts: 0, groups: 0, unreadablePhones: 0 });
});
