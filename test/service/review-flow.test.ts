/**
 * The human path through the API: an unconfirmed bank match opens a case,
 * claims are exclusive, a decision queues its action (delivered by webhook)
 * and is in the audit log; bank entries added over the API match at once.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { RunningServer } from "../../src/app/start.js";
import { flipBits, randomPdqHex } from "../support/pdq-near.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { api } from "../support/vigil-process.js";
import { startWebhookSink, type WebhookSink } from "../support/webhook-sink.js";

let running: TestServer;
let server: RunningServer;
let sink: WebhookSink;
let key: string;
let other: string;

before(async () => {
  sink = await startWebhookSink("s3cret");
  running = await startTestServer({ webhookUrl: sink.url, webhookSecret: "s3cret" });
  server = running.server;
  const all = [
    "events:write",
    "cases:read",
    "cases:write",
    "banks:read",
    "banks:write",
    "actions:read",
  ] as const;
  key = (await server.ctx.repos.apiKeys.create("lead", [...all])).key;
  other = (await server.ctx.repos.apiKeys.create("reviewer-2", [...all])).key;
});

after(async () => {
  await running.close();
  await sink.close();
});

async function decided(id: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const { json } = await api(server.url, key, "GET", `/v1/events/telegram/${id}`);
    if (json.status === "decided") return String(json.decision);
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${id} not decided`);
}

test("an unconfirmed match opens a case; claim, conflict, decision, webhook, audit", async () => {
  const banked = randomPdqHex(3);
  const added = await api(server.url, key, "POST", "/v1/banks/partner/entries", {
    entries: [{ signal_type: "pdq", value: banked.toUpperCase(), provenance: "unconfirmed" }],
  });
  assert.deepEqual(added.json, { inserted: 1, duplicates: 0 });
  const pytxNamed = await api(server.url, key, "POST", "/v1/banks/partner/entries", {
    entries: [{ signal_type: "video_md5", value: "D41D8CD98F00B204E9800998ECF8427E" }],
  });
  assert.deepEqual(
    pytxNamed.json,
    { inserted: 1, duplicates: 0 },
    "python-threatexchange's type names are taken",
  );
  const event = {
    id: "t-1",
    type: "account.updated",
    occurred_at: "2026-11-22T10:00:00Z",
    platform: "telegram",
    account: {
      id: "acc-9",
      name: "someone",
      phone: "+15551234567",
      photo: { pdq: flipBits(banked, 5), quality: 80 },
    },
  };
  assert.equal((await api(server.url, key, "POST", "/v1/events", { events: [event] })).status, 202);
  assert.equal(await decided("t-1"), "review", "an unconfirmed match routes to a human, never acts");

  const list = await api(server.url, key, "GET", "/v1/cases?queue=child-safety&status=open");
  const [c] = list.json.cases as { id: number; subject: unknown }[];
  assert.deepEqual(c.subject, { type: "account", id: "acc-9" });

  assert.equal((await api(server.url, key, "POST", `/v1/cases/${c.id}/claim`, {})).status, 200);
  const conflict = await api(server.url, other, "POST", `/v1/cases/${c.id}/claim`, {});
  assert.equal(conflict.status, 409);
  assert.equal(conflict.json.error, "CaseConflict");
  const wrongType = await api(server.url, key, "POST", `/v1/cases/${c.id}/decision`, {
    actions: [{ action: "disable_group" }],
    reason: "r",
    policy: "p",
  });
  assert.equal(wrongType.status, 400, "disable_group does not fit an account");

  const decision = await api(server.url, key, "POST", `/v1/cases/${c.id}/decision`, {
    actions: [{ action: "ban_account" }],
    reason: "profile photo matches a partner-confirmed image",
    policy: "CSE-1",
  });
  assert.equal(decision.status, 200, JSON.stringify(decision.json));
  assert.equal((decision.json.case as { status: string }).status, "closed");
  await sink.waitFor(1, 10_000);
  assert.equal(sink.accepted[0].body.action, "ban_account");
  assert.equal(sink.accepted[0].body.case_id, String(c.id));
  assert.ok(sink.accepted[0].signatureValid);

  const again = await api(server.url, key, "POST", `/v1/cases/${c.id}/decision`, {
    actions: [],
    reason: "r",
    policy: "p",
  });
  assert.equal(again.status, 409, "a closed case is not decided twice");

  const history = await api(server.url, key, "GET", `/v1/cases/${c.id}`);
  assert.deepEqual(
    (history.json.events as { kind: string }[]).map((e) => e.kind),
    ["enqueue", "claim", "decide", "act"],
  );
  const audit = await server.ctx.repos.audit.forTarget("case", String(c.id));
  assert.equal(audit[0].action, "case.decide");
  assert.equal(audit[0].actor, "key:lead");
});

test("the phone number is stored encrypted, and the logs refuse to be rewritten", async () => {
  const q = async (text: string) =>
    ((await server.ctx.database.db.execute(text as never)) as unknown as { rows: Record<string, unknown>[] })
      .rows;
  const [account] = await q("SELECT phone_encrypted FROM accounts WHERE external_id = 'acc-9'");
  assert.match(String(account.phone_encrypted), /^v2\.[0-9a-f]{8}\./, "sealed, naming its key");
  assert.ok(!String(account.phone_encrypted).includes("5551234567"));
  const appendOnly = (error: Error & { cause?: Error }) =>
    /append-only/.test(`${error.message} ${error.cause?.message}`);
  await assert.rejects(q("DELETE FROM audit_log"), appendOnly);
  await assert.rejects(q("UPDATE moderation_events SET actor = 'x'"), appendOnly);
});

test("a disguised child-safety group name opens a case and never acts; a benign look-alike does nothing", async () => {
  const events = [
    { id: "t-text-1", group: { id: "g-text-1", name: "CH1LD P0RN" } },
    { id: "t-text-2", group: { id: "g-text-2", name: "Kinder Fußball Eltern" } },
  ].map((e) => ({ ...e, type: "group.created", occurred_at: "2026-11-22T10:00:00Z", platform: "telegram" }));
  assert.equal((await api(server.url, key, "POST", "/v1/events", { events })).status, 202);
  assert.equal(await decided("t-text-1"), "review");
  assert.equal(await decided("t-text-2"), "none");
  const cases = (await api(server.url, key, "GET", "/v1/cases?queue=child-safety")).json.cases as {
    subject: { id: string };
    priority: number;
  }[];
  assert.deepEqual(
    cases.filter((c) => c.subject.id.startsWith("g-text")).map((c) => [c.subject.id, c.priority]),
    [["g-text-1", 80]],
  );
  const actions = (await api(server.url, key, "GET", "/v1/actions")).json.actions as {
    subject: { id: string };
  }[];
  assert.equal(actions.filter((a) => a.subject.id.startsWith("g-text")).length, 0);
});
