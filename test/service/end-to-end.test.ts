/**
 * Issue 4's end-to-end contract, through the real `vigil` command and HTTP
 * only: a key from `vigil keys create`, a bank from `vigil bank import`,
 * `vigil serve` on 127.0.0.1, and a webhook receiver that checks signatures.
 * Runs on PGlite and, when VIGIL_TEST_DATABASE_URL is set, on PostgreSQL.
 */
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { databaseKinds } from "../support/databases.js";
import { flipBits, randomPdqHex } from "../support/pdq-near.js";
import { api, serve, vigil } from "../support/vigil-process.js";
import { startWebhookSink } from "../support/webhook-sink.js";

const SECRET = "test-webhook-secret";

function groupEvent(id: string, group: Record<string, unknown>) {
  return { id, type: "group.updated", occurred_at: "2026-11-22T10:00:00Z", platform: "whatsapp", group };
}

async function waitForDecision(base: string, key: string, id: string): Promise<Record<string, unknown>> {
  const until = Date.now() + 20_000;
  for (;;) {
    const { json } = await api(base, key, "GET", `/v1/events/whatsapp/${id}`);
    if (json.status === "decided") return json;
    if (Date.now() > until) throw new Error(`event ${id} not decided: ${JSON.stringify(json)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const kind of databaseKinds) {
  test(`a near-duplicate group photo leads to exactly one signed disable_group webhook (${kind.label})`, {
    skip: kind.skip,
    timeout: 120_000,
  }, async () => {
    const target = await kind.make();
    const store = [
      "--data",
      target.options.dataDir,
      ...(target.options.databaseUrl ? ["--database-url", target.options.databaseUrl] : []),
    ];
    const env = { DATABASE_URL: "" };
    const sink = await startWebhookSink(SECRET, 3);
    let server: Awaited<ReturnType<typeof serve>> | null = null;
    try {
      const key = (
        await vigil(
          [
            "keys",
            "create",
            ...store,
            "--name",
            "platform",
            "--scopes",
            "events:write,cases:read,actions:read",
          ],
          env,
        )
      ).trim();
      const banked = randomPdqHex(42);
      const bankFile = join(target.options.dataDir, "known.txt");
      await writeFile(bankFile, `${banked}\n`);
      await vigil(["bank", "import", "known", bankFile, "--provenance", "confirmed", ...store], env);

      server = await serve(store, {
        ...env,
        VIGIL_WEBHOOK_URL: sink.url,
        VIGIL_WEBHOOK_SECRET: SECRET,
        VIGIL_WEBHOOK_BACKOFF_MS: "50",
      });
      const near = groupEvent("e-1", {
        id: "g-1",
        name: "Weekend plans",
        photo: { pdq: flipBits(banked, 20), quality: 90 },
      });
      const first = await api(server.url, key, "POST", "/v1/events", { events: [near] });
      assert.equal(first.status, 202);
      assert.deepEqual(
        (first.json.results as { status: string }[]).map((r) => r.status),
        ["accepted"],
      );
      const replay = await api(server.url, key, "POST", "/v1/events", { events: [near] });
      assert.equal(replay.status, 202);
      assert.deepEqual(
        (replay.json.results as { status: string }[]).map((r) => r.status),
        ["duplicate"],
      );

      const benign = groupEvent("e-2", {
        id: "g-2",
        name: "Gardening tips",
        photo: { pdq: randomPdqHex(7), quality: 90 },
      });
      assert.equal((await api(server.url, key, "POST", "/v1/events", { events: [benign] })).status, 202);

      await sink.waitFor(1, 30_000);
      assert.equal((await waitForDecision(server.url, key, "e-1")).decision, "act");
      assert.equal((await waitForDecision(server.url, key, "e-2")).decision, "none");
      await new Promise((r) => setTimeout(r, 1500)); // room for a wrong second delivery to show up
      assert.equal(sink.accepted.length, 1, "exactly one webhook accepted");
      assert.equal(sink.attempts, 4, "the receiver failed 3 times, then took it");
      const [hook] = sink.accepted;
      assert.ok(hook.signatureValid, "Vigil-Signature verifies with the shared secret");
      assert.equal(hook.body.action, "disable_group");
      assert.deepEqual(hook.body.subject, { type: "group", id: "g-1" });
      assert.equal(hook.idempotencyKey, hook.body.idempotency_key);
      assert.deepEqual(Object.keys(hook.body).sort(), [
        "action",
        "case_id",
        "id",
        "idempotency_key",
        "reason",
        "subject",
      ]);

      const cases = await api(server.url, key, "GET", "/v1/cases?queue=ncmec");
      assert.deepEqual(
        (cases.json.cases as { subject: unknown }[]).map((c) => c.subject),
        [{ type: "group", id: "g-1" }],
      );
      const delivered = await api(server.url, key, "GET", "/v1/actions?status=delivered");
      assert.equal((delivered.json.actions as unknown[]).length, 1);
      await server.stop();
      server = null;

      // A stricter candidate rule set, backtested against what was stored: the act becomes a review.
      const candidate = join(target.options.dataDir, "candidate.json");
      await writeFile(
        candidate,
        JSON.stringify({
          rules: [
            {
              name: "any-match-review",
              version: 1,
              mode: "live",
              when: { kind: "bank_match" },
              // biome-ignore lint/suspicious/noThenProperty: `then` is the rule language's outcome field (rules/README.md).
              then: { review: { queue: "child-safety", priority: 90 } },
            },
          ],
        }),
      );
      const report = await vigil(["rules", "test", candidate, ...store], env);
      assert.match(report, /act\s*->\s*review|act → review/, report);
    } finally {
      await server?.stop();
      await sink.close();
      await target.dispose();
    }
  });
}
