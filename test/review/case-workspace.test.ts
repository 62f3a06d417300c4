/**
 * The case workspace over the console API (issue 16, point 4): an account
 * banned automatically shows the ban and its delivery, and deciding "ban"
 * again queues nothing and says so; notes are append-only log entries;
 * assignment to a named colleague (and refused for an unknown one); "mine"
 * and filtered case lists; related cases by shared admins; a group's invite
 * links and admins acted on after a preview, refused when the list changed.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type ConsoleClient, createConsoleUsers, signIn } from "../console/console-client.js";
import { randomPdqHex } from "../support/pdq-near.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { api } from "../support/vigil-process.js";
import { startWebhookSink, type WebhookSink } from "../support/webhook-sink.js";

let running: TestServer;
let sink: WebhookSink;
let key: string;
let lead: ConsoleClient;
let reviewer: ConsoleClient;
const PASSWORD = "a long enough password";

before(async () => {
  sink = await startWebhookSink("s3cret");
  running = await startTestServer({ webhookUrl: sink.url, webhookSecret: "s3cret" });
  const server = running.server;
  key = (
    await server.ctx.repos.apiKeys.create("t", ["events:write", "reports:write", "cases:read", "banks:write"])
  ).key;
  await createConsoleUsers(
    server,
    [
      ["lead@example.org", "lead"],
      ["rev@example.org", "reviewer"],
    ],
    PASSWORD,
  );
  lead = await signIn(server.url, "lead@example.org", PASSWORD);
  reviewer = await signIn(server.url, "rev@example.org", PASSWORD);
});
after(async () => {
  await running.close();
  await sink.close();
});

async function events(list: unknown[]): Promise<void> {
  const res = await api(running.server.url, key, "POST", "/v1/events", { events: list });
  assert.equal(res.status, 202, JSON.stringify(res.json));
  for (const e of list as { id: string; platform: string }[]) {
    for (let i = 0; ; i++) {
      const { json } = await api(running.server.url, key, "GET", `/v1/events/${e.platform}/${e.id}`);
      if (json.status === "decided") break;
      assert.ok(i < 400, `${e.id} not decided`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

type Json = Record<string, unknown>;
const at = "2026-11-22T10:00:00Z";

async function caseOf(client: ConsoleClient, type: string, id: string, queue?: string): Promise<Json> {
  const list = await client.call("GET", `/v1/console/cases?limit=200${queue ? `&queue=${queue}` : ""}`);
  assert.equal(list.status, 200, JSON.stringify(list.json));
  const found = (list.json.cases as Json[]).find(
    (c) => (c.subject as Json).type === type && (c.subject as Json).id === id,
  );
  assert.ok(found, `no case about ${type} ${id}`);
  const detail = await client.call("GET", `/v1/console/cases/${found.id}`);
  assert.equal(detail.status, 200, JSON.stringify(detail.json));
  return detail.json;
}

test("an automatic ban shows on the case with its delivery; banning again queues nothing and says so", async () => {
  const banked = randomPdqHex(11);
  const added = await api(running.server.url, key, "POST", "/v1/banks/partner/entries", {
    entries: [{ signal_type: "pdq", value: banked, provenance: "confirmed" }],
  });
  assert.equal(added.status, 200, JSON.stringify(added.json));
  await events([
    {
      id: "acc-auto",
      type: "account.updated",
      occurred_at: at,
      platform: "whatsapp",
      account: { id: "acc-auto", name: "Banned Person", photo: { pdq: banked, quality: 90 } },
    },
  ]);
  await sink.waitFor(1, 10_000);
  const detail = await caseOf(lead, "account", "acc-auto", "ncmec");
  const enforcement = detail.enforcement as Json;
  assert.equal((enforcement.subject as Json).enforcement, "banned");
  const [auto] = enforcement.actions as Json[];
  assert.equal(auto.action, "ban_account");
  assert.equal(auto.automatic, true);
  assert.match(String(auto.origin), /^rule:confirmed-match-profile-photo@1/);
  for (let i = 0; i < 200; i++) {
    const now = await caseOf(lead, "account", "acc-auto", "ncmec");
    if (((now.enforcement as Json).subject as Json).delivery === "delivered") break;
    assert.ok(i < 199, "the ban was never shown delivered");
    await new Promise((r) => setTimeout(r, 50));
  }
  const option = ((detail.enforcement as Json).options as Json[]).find((o) => o.action === "ban_account");
  assert.equal(option?.already, true);

  const decided = await lead.call("POST", `/v1/console/cases/${(detail.case as Json).id}/decision`, {
    actions: ["ban_account"],
    reason: "confirmed",
    policy: "P-1",
  });
  assert.equal(decided.status, 200, JSON.stringify(decided.json));
  assert.deepEqual(decided.json.action_ids, []);
  const [skipped] = decided.json.skipped as Json[];
  assert.equal(skipped.action, "ban_account");
  assert.equal(skipped.state, "banned");
  assert.equal(skipped.existing_action_id, auto.id);
  const outbox = await running.server.ctx.repos.actions.list({ limit: 50 });
  assert.equal(outbox.filter((a) => a.subjectId === "acc-auto").length, 1, "one ban in the outbox");
});

test("notes, assignment, mine, filters, related cases and group actions", async () => {
  await events([
    {
      id: "g-a",
      type: "group.created",
      occurred_at: at,
      platform: "whatsapp",
      group: { id: "g-a", name: "Café Spam Deals", admins: ["adm-1", "adm-2"] },
    },
    {
      id: "g-b",
      type: "group.created",
      occurred_at: at,
      platform: "whatsapp",
      group: { id: "g-b", name: "Other deals", admins: ["adm-2"] },
    },
    {
      id: "link-a",
      type: "invite_link.created",
      occurred_at: at,
      platform: "whatsapp",
      invite_link: {
        code: "AbCdEfGhIjKlMnOpQr",
        url: "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQr",
        group_id: "g-a",
      },
    },
  ]);
  for (const [i, g] of ["g-a", "g-a", "g-b"].entries()) {
    await api(running.server.url, key, "POST", "/v1/reports", {
      platform: "whatsapp",
      id: `ws-rep-${i}`,
      subject: { type: "group", id: g },
      reason: "spam",
    });
  }
  // Wait for the reports' cases.
  for (let i = 0; i < 200; i++) {
    const list = await reviewer.call("GET", "/v1/console/cases?queue=reports&reason=spam&sort=reports");
    if ((list.json.cases as Json[]).length >= 2 && (list.json.cases as Json[])[0].report_count === 2) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const list = await reviewer.call("GET", "/v1/console/cases?queue=reports&reason=spam&sort=reports");
  const [top, next] = list.json.cases as Json[];
  assert.equal(list.json.total, 2);
  assert.deepEqual(
    [top.subject, top.report_count, top.subject_label],
    [{ type: "group", id: "g-a" }, 2, "Café Spam Deals"],
  );
  assert.equal((next.subject as Json).id, "g-b");

  const note = await reviewer.call("POST", `/v1/console/cases/${top.id}/notes`, {
    text: "Admins run other groups",
  });
  assert.equal(note.status, 201);
  const assigned = await lead.call("PUT", `/v1/console/cases/${top.id}/assignment`, {
    assignee: "rev@example.org",
  });
  assert.equal(assigned.status, 200, JSON.stringify(assigned.json));
  const unknown = await lead.call("PUT", `/v1/console/cases/${top.id}/assignment`, {
    assignee: "nobody@example.org",
  });
  assert.equal(unknown.status, 422);
  assert.equal(unknown.json.error, "UnknownAssignee");
  const mine = await reviewer.call("GET", "/v1/console/cases?mine=true");
  assert.deepEqual(
    (mine.json.cases as Json[]).map((c) => c.id),
    [top.id],
  );

  const detail = (await reviewer.call("GET", `/v1/console/cases/${top.id}`)).json;
  assert.deepEqual(
    (detail.notes as Json[]).map((n) => n.text),
    ["Admins run other groups"],
  );
  assert.ok((detail.events as Json[]).some((e) => e.kind === "comment" && (e.detail as Json).note));
  assert.equal((detail.assignee as Json).email, "rev@example.org");
  const related = detail.related as Json[];
  const viaAdmin = related.find((r) => ((r.case as Json).subject as Json).id === "g-b");
  assert.ok(viaAdmin, JSON.stringify(related));
  assert.equal((viaAdmin.because as Json[])[0].kind, "shared_admins");
  assert.deepEqual(detail.group_actions, { invite_links: 1, admins: 2 });
  assert.ok((detail.terms as Json[]).some((t) => t.kind === "invite_link"));

  const preview = await reviewer.call("POST", `/v1/console/cases/${top.id}/group-actions/preview`, {
    revoke_invite_links: true,
    ban_admins: true,
  });
  assert.equal(preview.status, 200, JSON.stringify(preview.json));
  assert.deepEqual(
    (preview.json.targets as Json[]).map((t) => [t.action, (t.subject as Json).id]),
    [
      ["revoke_invite_link", "AbCdEfGhIjKlMnOpQr"],
      ["ban_account", "adm-1"],
      ["ban_account", "adm-2"],
    ],
  );
  const stale = await reviewer.call("POST", `/v1/console/cases/${top.id}/group-actions`, {
    revoke_invite_links: true,
    ban_admins: true,
    fingerprint: "not-it",
    reason: "ring",
    policy: "P-2",
  });
  assert.equal(stale.status, 409);
  assert.equal(stale.json.error, "ConfirmationOutdated");
  const applied = await reviewer.call("POST", `/v1/console/cases/${top.id}/group-actions`, {
    revoke_invite_links: true,
    ban_admins: true,
    fingerprint: preview.json.fingerprint,
    reason: "ring",
    policy: "P-2",
  });
  assert.equal(applied.status, 200, JSON.stringify(applied.json));
  assert.equal((applied.json.queued as Json[]).length, 3);
  const again = await reviewer.call("POST", `/v1/console/cases/${top.id}/group-actions/preview`, {
    revoke_invite_links: false,
    ban_admins: true,
  });
  assert.ok((again.json.targets as Json[]).every((t) => t.already === true));
});
