/**
 * Issue 10 end to end through `vigil serve` and `vigil bulk`: 2,000 account bans made by one
 * lead, refused by the API until two other people confirm, executed through the outbox to a
 * webhook receiver that sees every account exactly once, then reversed with one unban each.
 */
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { BulkApiError, BulkClient } from "../../src/cli/bulk-client.js";
import { openDatabase } from "../../src/store/database.js";
import { UserRepository } from "../../src/store/repositories/user-repository.js";
import { embeddedTestDatabase } from "../support/databases.js";
import { serve, vigil } from "../support/vigil-process.js";
import { startWebhookReceiver } from "../support/webhook-receiver.js";

const SECRET = "bulk-e2e-secret";
const PASSWORD = "a long test password";
const ACCOUNTS = 2_000;

async function refusal(run: Promise<unknown>): Promise<string> {
  try {
    await run;
    return "accepted";
  } catch (error) {
    if (error instanceof BulkApiError) return error.code;
    throw error;
  }
}

test("2,000 bans through vigil serve: refused until two others confirm, each webhook once, reversed once", async () => {
  const target = await embeddedTestDatabase();
  const dataDir = target.options.dataDir;
  // The embedded database admits one process: people are created before the service starts.
  const database = await openDatabase(target.options);
  const users = new UserRepository(database.db);
  await users.create("requester@example.org", "lead", "Requester", PASSWORD);
  await users.create("lead@example.org", "lead", "Lead", PASSWORD);
  await users.create("admin@example.org", "admin", "Admin", PASSWORD);
  await users.create("reviewer@example.org", "reviewer", "Reviewer", PASSWORD);
  await database.close();

  const receiver = await startWebhookReceiver({ secret: SECRET });
  const server = await serve(["--data", dataDir, "--webhook-url", receiver.url], {
    VIGIL_WEBHOOK_SECRET: SECRET,
    VIGIL_BULK_CONFIRM_ABOVE: "100",
    VIGIL_BULK_TWO_PERSON_ABOVE: "1000",
    VIGIL_BULK_POLL_MS: "200",
  });
  try {
    const file = join(dataDir, "targets.jsonl");
    const lines = Array.from({ length: ACCOUNTS }, (_, i) =>
      JSON.stringify({
        subject_kind: "account",
        platform_id: `ring-${i}`,
        action: "ban_account",
        evidence: i < 50 ? ["admin_of_confirmed_group"] : ["member_of_flagged_groups"],
      }),
    );
    await writeFile(file, `${lines.join("\n")}\n`);
    const as = (email: string) => ({ VIGIL_EMAIL: email, VIGIL_PASSWORD: PASSWORD });
    const common = ["--server", server.url];

    const created = JSON.parse(
      await vigil(
        ["bulk", "create", ...common, "--targets", file, "--platform", "whatsapp", "--reason", "ring"],
        as("requester@example.org"),
      ),
    ) as {
      id: number;
      status: string;
      target_count: number;
      confirmation: { required: number; blocked_by: string };
      preview: { by_evidence: Record<string, number> };
    };
    assert.equal(created.status, "awaiting_confirmation");
    assert.equal(created.target_count, ACCOUNTS);
    assert.equal(created.confirmation.required, 2);
    assert.equal(created.confirmation.blocked_by, "ConfirmationRequired");
    assert.deepEqual(created.preview.by_evidence, {
      member_of_flagged_groups: 1_950,
      admin_of_confirmed_group: 50,
    });

    const requester = await BulkClient.signIn(server.url, "requester@example.org", PASSWORD);
    const reviewer = await BulkClient.signIn(server.url, "reviewer@example.org", PASSWORD);
    const lead = await BulkClient.signIn(server.url, "lead@example.org", PASSWORD);
    assert.equal(await refusal(requester.execute(created.id)), "ConfirmationRequired");
    assert.equal(await refusal(requester.confirm(created.id)), "OwnBatch");
    assert.equal(await refusal(reviewer.confirm(created.id)), "ForbiddenRole");
    await lead.confirm(created.id);
    assert.equal(await refusal(lead.confirm(created.id)), "AlreadyConfirmed");
    assert.equal(await refusal(requester.execute(created.id)), "SecondConfirmationRequired");
    assert.equal(receiver.requests.length, 0, "nothing is sent before the batch is confirmed");
    const confirmed = JSON.parse(
      await vigil(["bulk", "confirm", String(created.id), ...common], as("admin@example.org")),
    ) as {
      status: string;
      confirmation: { confirmations: { by: string }[] };
    };
    assert.equal(confirmed.status, "confirmed");
    assert.deepEqual(
      confirmed.confirmation.confirmations.map((c) => c.by),
      ["user:lead@example.org", "user:admin@example.org"],
    );

    const executed = JSON.parse(
      await vigil(
        ["bulk", "execute", String(created.id), ...common, "--progress"],
        as("requester@example.org"),
      ),
    ) as { status: string; progress: { execution: { enqueued: number; delivered: number } } };
    assert.equal(executed.status, "done");
    assert.deepEqual(executed.progress.execution, {
      enqueued: ACCOUNTS,
      delivered: ACCOUNTS,
      failing: 0,
      failed: 0,
    });
    const bans = receiver.acknowledged().filter((r) => r.payload?.action === "ban_account");
    assert.equal(bans.length, ACCOUNTS);
    assert.equal(new Set(bans.map((r) => r.payload?.subject.id)).size, ACCOUNTS, "each account once");
    assert.ok(
      bans.every((r) => r.verification.ok && r.payload?.idempotency_key.startsWith(`bulk:${created.id}:`)),
    );

    const reversed = JSON.parse(
      await vigil(
        ["bulk", "reverse", String(created.id), ...common, "--reason", "wrong ring"],
        as("lead@example.org"),
      ),
    ) as { status: string };
    assert.equal(reversed.status, "reversed");
    const unbans = receiver.acknowledged().filter((r) => r.payload?.action === "unban_account");
    assert.equal(unbans.length, ACCOUNTS);
    assert.equal(
      new Set(unbans.map((r) => r.payload?.subject.id)).size,
      ACCOUNTS,
      "each account unbanned once",
    );
    assert.equal(receiver.requests.length, 2 * ACCOUNTS, "no webhook sent twice");
  } finally {
    await server.stop();
    await receiver.close();
    await target.dispose();
  }
});
