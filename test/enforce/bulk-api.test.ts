/**
 * The bulk enforcement API in process, with the default thresholds: a 10,001-target batch is
 * refused by name until two people other than the requester confirm; bad input gets named
 * errors and changes nothing; roles are enforced by the server.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { BulkApiError, BulkClient, type BulkTargetInput } from "../../src/cli/bulk-client.js";
import type { BulkTargetSource } from "../../src/enforce/bulk/bulk-target-source.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

const PASSWORD = "a long test password";
let running: TestServer;
let url: string;
const clients: Record<string, BulkClient> = {};

before(async () => {
  running = await startTestServer();
  url = running.server.url;
  const users = running.server.ctx.repos.users;
  for (const [email, role] of [
    ["cs@example.org", "child_safety_reviewer"],
    ["lead@example.org", "lead"],
    ["lead2@example.org", "lead"],
    ["admin@example.org", "admin"],
    ["reviewer@example.org", "reviewer"],
  ] as const) {
    await users.create(email, role, email, PASSWORD);
    clients[email.split("@")[0]] = await BulkClient.signIn(url, email, PASSWORD);
  }
});
after(() => running.close());

async function refusal(run: Promise<unknown>): Promise<string> {
  try {
    await run;
    return "accepted";
  } catch (error) {
    if (error instanceof BulkApiError) return error.code;
    throw error;
  }
}

const accounts = (n: number): BulkTargetInput[] =>
  Array.from({ length: n }, (_, i) => ({
    subject_kind: "account",
    platform_id: `a-${i}`,
    action: "ban_account",
  }));

test("above 10,000 targets: refused until two people other than the requester confirm", async () => {
  const { cs, lead, lead2, admin } = clients;
  const batch = await cs.create({ platform: "whatsapp", reason: "ring", targets: accounts(10_001) });
  assert.equal(batch.target_count, 10_001);
  assert.equal(batch.confirmation.required, 2);
  assert.equal(batch.confirmation.blocked_by, "ConfirmationRequired");
  assert.deepEqual(batch.preview?.by_action, { ban_account: 10_001 });
  assert.equal(await refusal(cs.execute(batch.id)), "ConfirmationRequired");
  assert.equal(
    await refusal(cs.confirm(batch.id)),
    "ForbiddenRole",
    "a child-safety reviewer cannot confirm",
  );
  const once = await lead.confirm(batch.id);
  assert.equal(once.confirmation.blocked_by, "SecondConfirmationRequired");
  assert.equal(await refusal(lead.confirm(batch.id)), "AlreadyConfirmed");
  assert.equal(await refusal(cs.execute(batch.id)), "SecondConfirmationRequired");
  assert.equal(await refusal(lead.execute(batch.id)), "SecondConfirmationRequired");
  const twice = await admin.confirm(batch.id);
  assert.equal(twice.status, "confirmed");
  assert.equal(await refusal(lead2.confirm(batch.id)), "BatchStateConflict");
  assert.equal(await refusal(cs.reverse(batch.id, "too early")), "ForbiddenRole");
  assert.equal(await refusal(lead.reverse(batch.id, "too early")), "BatchStateConflict");
  const audit = await running.server.ctx.repos.audit.forTarget("bulk_batch", String(batch.id));
  assert.deepEqual(audit.map((e) => e.action).sort(), [
    "bulk.confirm",
    "bulk.confirm",
    "bulk.create",
    "bulk.seal",
  ]);
});

test("a lead's own batch of 101 needs one other lead; the requester's confirmation never counts", async () => {
  const { lead, lead2 } = clients;
  const batch = await lead.create({ platform: "p", reason: "r", targets: accounts(101) });
  assert.equal(batch.confirmation.required, 1);
  assert.equal(await refusal(lead.confirm(batch.id)), "OwnBatch");
  assert.equal(await refusal(lead.execute(batch.id)), "ConfirmationRequired");
  assert.equal((await lead2.confirm(batch.id)).status, "confirmed");
  assert.equal((await lead.execute(batch.id)).status, "executing");
});

async function raw(
  path: string,
  init: RequestInit & { session?: string } = {},
): Promise<{ status: number; error: string }> {
  const response = await fetch(new URL(path, url), init);
  const body = (await response.json()) as { error: string };
  return { status: response.status, error: body.error };
}

test("bad input is refused by name and stores nothing", async () => {
  const { cs, reviewer } = clients;
  const before = (await running.server.ctx.bulk.batches.list(100)).length;
  assert.equal(
    await refusal(
      cs.create({
        platform: "p",
        reason: "r",
        targets: [{ subject_kind: "group", platform_id: "g", action: "ban_account" }],
      }),
    ),
    "InvalidRequest",
  );
  assert.equal(
    await refusal(
      cs.create({
        platform: "p",
        reason: "r",
        targets: [{ subject_kind: "account", platform_id: "", action: "ban_account" }],
      }),
    ),
    "InvalidRequest",
  );
  assert.equal(
    await refusal(
      cs.create({
        platform: "p",
        reason: "r",
        targets: [
          { subject_kind: "account", platform_id: "a", action: "delete_everything" as "ban_account" },
        ],
      }),
    ),
    "InvalidRequest",
  );
  assert.equal(
    await refusal(reviewer.create({ platform: "p", reason: "r", targets: accounts(1) })),
    "ForbiddenRole",
  );
  assert.equal(await refusal(cs.get(999_999)), "NotFound");
  assert.equal((await raw("/v1/bulk-actions/abc")).error, "Unauthorized", "no session");
  assert.equal(
    (await raw("/v1/bulk-actions", { method: "POST", body: "{}" })).error,
    "Unauthorized",
    "no console header",
  );
  assert.equal((await running.server.ctx.bulk.batches.list(100)).length, before);
});

test("targets arrive in pages while a draft; only the requester adds them; none after sealing", async () => {
  const { cs, lead } = clients;
  const small = await cs.create({ platform: "p", reason: "r", targets: accounts(3) });
  assert.equal(small.status, "confirmed", "3 targets need nobody");
  const extra = await raw(`/v1/bulk-actions/${small.id}/targets`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-vigil-console": "1" },
    body: JSON.stringify({ targets: [] }),
  });
  assert.equal(extra.error, "Unauthorized");
  // Through the client's session: adding to a sealed batch is a state conflict.
  const conflict = await refusal(
    (lead as unknown as { call(m: string, p: string, b: unknown): Promise<unknown> }).call(
      "POST",
      `/v1/bulk-actions/${small.id}/targets`,
      { targets: accounts(1) },
    ),
  );
  assert.equal(conflict, "BatchStateConflict");
});

test("a batch from an expansion id goes through the BulkTargetSource port; an unknown one is NotFound", async () => {
  const source: BulkTargetSource = {
    ref: { kind: "expansion", expansionId: "exp-1" },
    async *pages() {
      yield [
        {
          subjectKind: "group",
          platformId: "g-9",
          action: "disable_group",
          evidence: ["links_posted_in_confirmed_group"],
        },
      ];
    },
  };
  running.server.ctx.bulk.expansionTargets = async (id) => (id === "exp-1" ? source : null);
  try {
    const call = (
      clients.cs as unknown as {
        call(
          m: string,
          p: string,
          b: unknown,
        ): Promise<{ id: number; source: unknown; preview: { by_evidence: unknown } }>;
      }
    ).call.bind(clients.cs);
    const made = await call("POST", "/v1/bulk-actions", {
      platform: "p",
      reason: "ring",
      expansion_id: "exp-1",
    });
    assert.deepEqual(made.source, { kind: "expansion", expansion_id: "exp-1" });
    assert.deepEqual(made.preview.by_evidence, { links_posted_in_confirmed_group: 1 });
    assert.equal(
      await refusal(call("POST", "/v1/bulk-actions", { platform: "p", reason: "r", expansion_id: "nope" })),
      "NotFound",
    );
    assert.equal(
      await refusal(
        call("POST", "/v1/bulk-actions", { platform: "p", reason: "r", expansion_id: "exp-1", targets: [] }),
      ),
      "InvalidRequest",
    );
  } finally {
    running.server.ctx.bulk.expansionTargets = null;
  }
});
