/**
 * Kill -9 mid-batch: 10,000 events posted in batches of 500, the server
 * SIGKILLed while batches are in flight, then restarted. Every event that got
 * a 202 must be decided exactly once: counted from the database afterwards
 * (one "decide" moderation event per event, one action per matching event).
 */
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { openDatabase } from "../../src/store/database.js";
import { databaseKinds } from "../support/databases.js";
import { flipBits, randomPdqHex } from "../support/pdq-near.js";
import { api, serve, vigil } from "../support/vigil-process.js";

const TOTAL = 10_000;
const BATCH = 500;

for (const kind of databaseKinds) {
  test(`SIGKILL mid-batch, restart: every 202 event decided exactly once (${kind.label})`, {
    skip: kind.skip,
    timeout: 300_000,
  }, async () => {
    const target = await kind.make();
    const store = [
      "--data",
      target.options.dataDir,
      ...(target.options.databaseUrl ? ["--database-url", target.options.databaseUrl] : []),
    ];
    const env = { DATABASE_URL: "" };
    try {
      const key = (
        await vigil(
          ["keys", "create", ...store, "--name", "platform", "--scopes", "events:write,cases:read"],
          env,
        )
      ).trim();
      const banked = randomPdqHex(99);
      const bankFile = join(target.options.dataDir, "known.txt");
      await writeFile(bankFile, `${banked}\n`);
      await vigil(["bank", "import", "known", bankFile, "--provenance", "confirmed", ...store], env);

      const events = Array.from({ length: TOTAL }, (_, i) => ({
        id: `k-${i}`,
        type: "group.updated",
        occurred_at: "2026-11-22T10:00:00Z",
        platform: "whatsapp",
        // Every 50th photo is a near-duplicate of the banked hash: those must each give one action.
        group: {
          id: `g-${i}`,
          name: `Group ${i}`,
          photo: { pdq: i % 50 === 0 ? flipBits(banked, 10) : randomPdqHex(i + 1000), quality: 90 },
        },
      }));
      const accepted = new Set<string>();
      let server = await serve(store, env);
      const url = server.url;
      let posted = 0;
      const killAfter = 6; // batches answered before the kill
      const senders = [0, 1].map(async (lane) => {
        for (let b = lane; b * BATCH < TOTAL; b += 2) {
          const batch = events.slice(b * BATCH, (b + 1) * BATCH);
          try {
            const res = await api(url, key, "POST", "/v1/events", { events: batch });
            if (res.status === 202) for (const e of batch) accepted.add(e.id);
          } catch {
            return; // the server is gone: this batch may or may not be stored, it got no 202
          }
          if (++posted === killAfter) await server.stop("SIGKILL");
        }
      });
      await Promise.all(senders);
      assert.ok(accepted.size >= killAfter * BATCH - BATCH, `only ${accepted.size} accepted before the kill`);
      assert.ok(accepted.size < TOTAL, "the kill came before every batch was sent");

      server = await serve(store, env);
      const until = Date.now() + 240_000;
      for (;;) {
        const { json } = await api(server.url, key, "GET", "/v1/stats");
        const counts = json.events as Record<string, number>;
        if (!counts.pending && (counts.decided ?? 0) >= accepted.size) break;
        if (Date.now() > until) throw new Error(`not all decided: ${JSON.stringify(json)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      await server.stop();

      const database = await openDatabase(target.options);
      try {
        const q = async (text: string) =>
          ((await database.db.execute(text as never)) as unknown as { rows: Record<string, unknown>[] }).rows;
        const stored = await q("SELECT client_id, status FROM events");
        const storedIds = new Set(stored.map((r) => String(r.client_id)));
        for (const id of accepted) assert.ok(storedIds.has(id), `${id} got a 202 but is not stored`);
        assert.deepEqual(
          stored.filter((r) => r.status !== "decided"),
          [],
          "every stored event is decided",
        );
        const [decisions] = await q(
          "SELECT count(*)::int AS n, count(DISTINCT event_seq)::int AS distinct_events FROM moderation_events WHERE kind = 'decide'",
        );
        assert.equal(decisions.n, stored.length, "one decision per stored event");
        assert.equal(decisions.distinct_events, stored.length, "no event decided twice");
        const matching = stored.filter((r) => Number(String(r.client_id).slice(2)) % 50 === 0).length;
        const [actions] = await q("SELECT count(*)::int AS n FROM actions WHERE action = 'disable_group'");
        assert.equal(actions.n, matching, "one disable_group per matching event, none doubled");
        process.stdout.write(
          `# ${kind.label}: ${accepted.size} events got a 202 before the kill, ${stored.length} stored, all decided once; ${matching} actions\n`,
        );
      } finally {
        await database.close();
      }
    } finally {
      await target.dispose();
    }
  });
}
