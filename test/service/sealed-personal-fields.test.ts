/**
 * Issue 17, finding 6: phone numbers were stored in plain text inside
 * `events.payload` although `accounts.phone_encrypted` was sealed. A number
 * planted through every way in (an account event, a user report's reporter and
 * text, a hotline caller's contact and numbers) must leave no trace in any
 * common form in the embedded data folder's files, nor in any text or JSON
 * column on PostgreSQL; and the case page still shows it to roles that may
 * read it, and withholds the reporter from those that may not.
 */
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { cases } from "../../src/store/schema.js";
import { createConsoleUsers, signIn } from "../console/console-client.js";
import { databaseKinds } from "../support/databases.js";
import { startTestServer } from "../support/test-server.js";
import { api } from "../support/vigil-process.js";

const PASSWORD = "correct horse battery staple";
const PHONE = "+447700900461";
/** The number as people and programs write it: E.164, digits, national, spaced, dashed. */
const FORMS = ["447700900461", "7700900461", "07700900461", "7700 900461", "7700-900461", "+44 7700 900461"];

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

for (const kind of databaseKinds) {
  test(`a planted phone number leaves no trace at rest, and the case page opens it by role (${kind.label})`, {
    skip: kind.skip,
    timeout: 180_000,
  }, async () => {
    const target = await kind.make();
    const t = await startTestServer({
      databaseUrl: target.options.databaseUrl,
      dataDir: target.options.dataDir,
    });
    const { server } = t;
    let closed = false;
    try {
      const key = (await server.ctx.repos.apiKeys.create("platform", ["events:write", "reports:write"])).key;
      const sent = await api(server.url, key, "POST", "/v1/events", {
        events: [
          {
            id: "acc-1",
            type: "account.updated",
            occurred_at: "2026-11-22T10:00:00Z",
            platform: "demo",
            account: { id: "acc-phone", phone: PHONE, name: "Someone" },
          },
        ],
      });
      assert.equal(sent.status, 202);
      const reported = await api(server.url, key, "POST", "/v1/reports", {
        platform: "demo",
        subject: { type: "group", id: "g-sealed" },
        reason: "abuse",
        text: `the admin answers on ${PHONE}`,
        reporter: { name: "A caller", phone: PHONE, email: "caller@example.org" },
      });
      assert.equal(reported.status, 202);
      await createConsoleUsers(
        server,
        [
          ["analyst@example.org", "analyst"],
          ["lead@example.org", "lead"],
          ["rev@example.org", "reviewer"],
        ],
        PASSWORD,
      );
      const analyst = await signIn(server.url, "analyst@example.org", PASSWORD);
      const hotline = await analyst.call("POST", "/v1/console/hotline-reports", {
        platform: "demo",
        subject: { type: "group", id: "g-sealed" },
        reason: "hotline call",
        caller: { name: "Caller", contact: PHONE },
        phone_numbers: ["+44 7700 900461"],
        notes: "called twice",
      });
      assert.equal(hotline.status, 202, JSON.stringify(hotline.json));
      for (let i = 0; (await server.ctx.repos.events.pendingCount()) > 0; i++) {
        assert.ok(i < 600, "events not decided");
        await new Promise((r) => setTimeout(r, 50));
      }

      // Readers open it by role: the lead sees text and reporter, the reviewer the text only.
      const [row] = await server.ctx.database.db
        .insert(cases)
        .values({
          platform: "demo",
          subjectType: "group",
          subjectId: "g-sealed",
          queue: "general",
          priority: 10,
        })
        .returning({ id: cases.id });
      type Page = { reports: { text: string | null; reporter: Record<string, unknown> | null }[] };
      const lead = (
        await (
          await signIn(server.url, "lead@example.org", PASSWORD)
        ).call("GET", `/v1/console/cases/${row.id}`)
      ).json as Page;
      assert.equal(lead.reports.length, 2);
      assert.ok(lead.reports.every((r) => r.text?.includes("7700")));
      assert.deepEqual(lead.reports.map((r) => r.reporter?.phone ?? r.reporter?.contact).sort(), [
        PHONE,
        PHONE,
      ]);
      const rev = (
        await (
          await signIn(server.url, "rev@example.org", PASSWORD)
        ).call("GET", `/v1/console/cases/${row.id}`)
      ).json as Page;
      assert.ok(rev.reports.every((r) => r.text?.includes("7700") && r.reporter?.withheld === true));

      // Every text and JSON column of every table, digits only, so spaced and dashed forms count too.
      const columns = (await server.ctx.database.db.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'jsonb', 'json', 'character varying')" as never,
      )) as unknown as { rows: { table_name: string; column_name: string }[] };
      assert.ok(columns.rows.length > 50);
      for (const { table_name, column_name } of columns.rows) {
        const found = (await server.ctx.database.db.execute(
          `SELECT count(*)::int AS n FROM "${table_name}" WHERE regexp_replace("${column_name}"::text, '[^0-9]', '', 'g') LIKE '%7700900461%'` as never,
        )) as unknown as { rows: { n: number }[] };
        assert.equal(found.rows[0].n, 0, `${table_name}.${column_name} holds the number`);
      }

      await t.server.close();
      closed = true;
      if (!target.options.databaseUrl) {
        let scanned = 0;
        for await (const file of filesUnder(target.options.dataDir)) {
          const bytes = await readFile(file);
          scanned += bytes.length;
          for (const form of FORMS) assert.equal(bytes.indexOf(form), -1, `${file} holds ${form}`);
        }
        assert.ok(scanned > 1_000_000, `scanned ${scanned} bytes`);
      }
    } finally {
      if (!closed) await t.server.close();
      await t.target.dispose();
      await target.dispose();
    }
  });
}
