/**
 * Search (issue 16, point 2) over the API on both databases: a phone number
 * in national, international and spaced forms; platform ids; invite links in
 * the forms the crawler recognises; accent- and case-insensitive name
 * fragments in several scripts; MD5 and PDQ within a radius; case ids; paging.
 * Phone numbers are found by keyed hash: the plaintext is nowhere in the row.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { databaseKinds } from "../support/databases.js";
import { flipBits, randomPdqHex } from "../support/pdq-near.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { api } from "../support/vigil-process.js";

type Json = Record<string, unknown>;
const at = "2026-11-22T10:00:00Z";
const PDQ = randomPdqHex(21);

for (const kind of databaseKinds) {
  describe(`search on ${kind.label}`, { skip: kind.skip }, () => {
    let running: TestServer;
    let key: string;
    const search = async (q: string, extra = "") => {
      const res = await api(running.server.url, key, "GET", `/v1/search?q=${encodeURIComponent(q)}${extra}`);
      assert.equal(res.status, 200, JSON.stringify(res.json));
      return res.json as { results: Json[]; interpretations: Json[]; next_offset: number | null };
    };
    const ids = (r: { results: Json[] }) =>
      r.results.map((x) => `${(x.subject as Json).type}:${(x.subject as Json).id}`);

    before(async () => {
      const target = await kind.make();
      running = await startTestServer({
        dataDir: target.options.dataDir,
        databaseUrl: target.options.databaseUrl,
        defaultCountry: "GB",
      });
      const dispose = running.close;
      running.close = async () => {
        await dispose();
        await target.dispose();
      };
      key = (
        await running.server.ctx.repos.apiKeys.create("s", ["events:write", "reports:write", "cases:read"])
      ).key;
      const list = [
        {
          id: "e1",
          type: "group.member_joined",
          occurred_at: at,
          platform: "whatsapp",
          group: {
            id: "g-100",
            name: "Ça Va Café Ñandú",
            description: "Ελληνικά και עברית",
            photo: { pdq: PDQ, md5: "0123456789abcdef0123456789abcdef", quality: 90 },
          },
          account: { id: "acc-uk", name: "Zoë Smith", phone: "+447700900123" },
        },
        {
          id: "e2",
          type: "invite_link.created",
          occurred_at: at,
          platform: "whatsapp",
          invite_link: { code: "AbCdEfGhIjKlMnOpQr", group_id: "g-100" },
        },
      ];
      for (let i = 0; i < 25; i++) {
        list.push({
          id: `bulk-${i}`,
          type: "group.created",
          occurred_at: at,
          platform: "telegram",
          group: { id: `t-${i}`, name: `Bulk Café number ${i}` },
        } as never);
      }
      assert.equal((await api(running.server.url, key, "POST", "/v1/events", { events: list })).status, 202);
      await api(running.server.url, key, "POST", "/v1/reports", {
        platform: "whatsapp",
        id: "r-1",
        subject: { type: "group", id: "g-100" },
        reason: "spam",
      });
      for (let i = 0; i < 400; i++) {
        const { json } = await api(running.server.url, key, "GET", "/v1/events/whatsapp/r-1");
        const last = await api(running.server.url, key, "GET", "/v1/events/telegram/bulk-24");
        if (json.status === "decided" && last.json.status === "decided") break;
        await new Promise((r) => setTimeout(r, 25));
      }
    });
    after(() => running.close());

    test("phone numbers in any common form find the account; the number is stored only sealed and keyed", async () => {
      for (const q of [
        "07700 900123",
        "+44 7700 900123",
        "0044 7700-900123",
        "+447700900123",
        "(07700) 900 123",
      ]) {
        const found = await search(q);
        assert.ok(ids(found).includes("account:acc-uk"), `${q}: ${JSON.stringify(found)}`);
        assert.deepEqual(found.interpretations.find((i) => i.kind === "phone")?.value, "+447700900123");
      }
      const row = (await running.server.ctx.database.db.execute(
        "SELECT phone_encrypted, phone_key FROM accounts WHERE external_id = 'acc-uk'" as never,
      )) as unknown as { rows: Json[] };
      assert.ok(!String(row.rows[0].phone_encrypted).includes("7700900123"));
      assert.ok(!String(row.rows[0].phone_key).includes("7700900123"));
    });

    test("ids, invite links in several forms, case ids", async () => {
      assert.ok(ids(await search("acc-uk")).includes("account:acc-uk"));
      assert.ok(ids(await search("g-100")).includes("group:g-100"));
      for (const q of [
        "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQr",
        "chat.whatsapp.com/AbCdEfGhIjKlMnOpQr",
        "join here: chat . whatsapp . com/AbCdEfGhIjKlMnOpQr",
        "AbCdEfGhIjKlMnOpQr",
      ]) {
        const found = await search(q);
        assert.ok(ids(found).includes("group:g-100"), `${q}: ${ids(found)}`);
      }
      const byGroup = (await search("g-100")).results.find((r) => (r.subject as Json).id === "g-100") as Json;
      const [openCase] = byGroup.cases as Json[];
      assert.equal(openCase.queue, "reports");
      const byCase = await search(`#${openCase.id}`);
      assert.equal(ids(byCase)[0], "group:g-100");
    });

    test("names: accent- and case-insensitive partial words, descriptions, other scripts; paged", async () => {
      for (const q of ["cafe nandu", "ÇA VA", "zoe smi", "ελληνικ", "עברית"]) {
        const found = await search(q);
        assert.ok(ids(found).length > 0, `${q} found nothing`);
      }
      assert.ok(ids(await search("zoe smi")).includes("account:acc-uk"));
      const first = await search("bulk cafe", "&limit=10");
      assert.equal(first.results.length, 10);
      assert.equal(first.next_offset, 10);
      const third = await search("bulk cafe", "&limit=10&offset=20");
      assert.equal(third.results.length, 5);
      assert.equal(third.next_offset, null);
    });

    test("a word that is a subject's id finds that subject alone; a word that is no id is a name fragment", async () => {
      const byId = await search("t-1");
      assert.deepEqual(ids(byId), ["group:t-1"]);
      assert.ok(!byId.interpretations.some((i) => i.kind === "name"));
      const byName = await search("number");
      assert.equal(ids(byName).length, 20);
      assert.ok(byName.interpretations.some((i) => i.kind === "name"));
    });

    test("hashes: MD5 exactly, PDQ within the radius", async () => {
      assert.ok(ids(await search("0123456789ABCDEF0123456789ABCDEF")).includes("group:g-100"));
      const near = await search(flipBits(PDQ, 10));
      const hit = near.results.find((r) => (r.subject as Json).id === "g-100") as Json;
      assert.equal((hit.matches as Json[])[0].distance, 10);
      assert.ok(!ids(await search(flipBits(PDQ, 10), "&radius=5")).includes("group:g-100"));
    });
  });
}
