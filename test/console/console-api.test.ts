/**
 * The console's server side: sign-in and sessions, roles enforced by the
 * server (not only hidden in the page), exclusive expiring claims, the case
 * page's data, the audited reveal, single and bulk decisions.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import sharp from "sharp";
import type { RunningServer } from "../../src/app/start.js";
import { renderPattern } from "../../src/demo/patterns.js";
import { cases } from "../../src/store/schema.js";
import type { TestDatabase } from "../support/databases.js";
import { startTestServer } from "../support/test-server.js";
import { api } from "../support/vigil-process.js";
import { type ConsoleClient, createConsoleUsers, signIn } from "./console-client.js";

let target: TestDatabase;
let server: RunningServer;
let key: string;
const PASSWORD = "correct horse battery staple";

before(async () => {
  ({ server, target } = await startTestServer());
  key = (
    await server.ctx.repos.apiKeys.create("platform", [
      "events:write",
      "media:write",
      "cases:read",
      "banks:write",
    ])
  ).key;
  await createConsoleUsers(
    server,
    [
      ["rev@example.org", "reviewer"],
      ["rev2@example.org", "reviewer"],
      ["cs@example.org", "child_safety_reviewer"],
      ["lead@example.org", "lead"],
    ],
    PASSWORD,
  );
});

after(async () => {
  await server.close();
  await target.dispose();
});

async function addCases(queue: string, n: number, priority = 50): Promise<number[]> {
  const rows = await server.ctx.database.db
    .insert(cases)
    .values(
      Array.from({ length: n }, (_, i) => ({
        platform: "demo",
        subjectType: "group" as const,
        subjectId: `${queue}-g-${i}-${Math.random()}`,
        queue,
        priority,
      })),
    )
    .returning({ id: cases.id });
  return rows.map((r) => r.id);
}

test("sign-in: a wrong password is refused alike, a session cookie is httpOnly, sign-out ends it", async () => {
  const wrong = await signIn(server.url, "rev@example.org", "not the password");
  assert.equal(wrong.status, 401);
  const nobody = await signIn(server.url, "nobody@example.org", PASSWORD);
  assert.equal(nobody.status, 401);
  const res = await fetch(`${server.url}/v1/console/session`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-vigil-console": "1" },
    body: JSON.stringify({ email: "REV@example.org", password: PASSWORD }),
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get("set-cookie") ?? "", /HttpOnly; SameSite=Strict/);
  const noHeader = await fetch(`${server.url}/v1/console/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "rev@example.org", password: PASSWORD }),
  });
  assert.equal(noHeader.status, 401, "state-changing console requests need X-Vigil-Console");

  const rev = await signIn(server.url, "rev@example.org", PASSWORD);
  const me = await rev.call("GET", "/v1/console/session");
  assert.equal((me.json.user as { role: string }).role, "reviewer");
  assert.equal((await rev.call("DELETE", "/v1/console/session")).status, 200);
  assert.equal((await rev.call("GET", "/v1/console/session")).status, 401);
  assert.equal((await fetch(`${server.url}/v1/console/queues`)).status, 401);
});

test("a reviewer cannot list, claim or open the child-safety queues; the API refuses, not only the page", async () => {
  const [csCase] = await addCases("ncmec", 1, 100);
  await addCases("spam", 1);
  const rev = await signIn(server.url, "rev@example.org", PASSWORD);
  const queues = (await rev.call("GET", "/v1/console/queues")).json.queues as { queue: string }[];
  assert.ok(queues.some((q) => q.queue === "spam"));
  assert.ok(!queues.some((q) => q.queue === "ncmec"));
  const next = await rev.call("POST", "/v1/console/queues/ncmec/next");
  assert.equal(next.status, 403);
  assert.equal(next.json.error, "ForbiddenRole");
  assert.equal((await rev.call("GET", `/v1/console/cases/${csCase}`)).status, 403);
  const decide = await rev.call("POST", `/v1/console/cases/${csCase}/decision`, {
    actions: [],
    reason: "r",
    policy: "p",
  });
  assert.equal(decide.status, 403);
  assert.equal((await rev.call("GET", "/v1/console/audit")).status, 403, "audit is for leads");
  const cs = await signIn(server.url, "cs@example.org", PASSWORD);
  const csQueues = (await cs.call("GET", "/v1/console/queues")).json.queues as { queue: string }[];
  assert.ok(csQueues.some((q) => q.queue === "ncmec"));
});

test("Start reviewing: concurrent reviewers never get the same case; a lapsed claim is handed on", async () => {
  const ids = await addCases("claims", 6);
  const reviewers: ConsoleClient[] = [];
  for (const email of ["rev@example.org", "rev2@example.org", "lead@example.org"]) {
    reviewers.push(await signIn(server.url, email, PASSWORD));
  }
  // Each reviewer asks for the next case; decided ones leave the queue, so all six are handed out once.
  const handed: number[] = [];
  await Promise.all(
    reviewers.map(async (r) => {
      for (;;) {
        const { json } = await r.call("POST", "/v1/console/queues/claims/next");
        const c = json.case as { id: number } | null;
        if (!c) return;
        handed.push(c.id);
        const d = await r.call("POST", `/v1/console/cases/${c.id}/decision`, {
          actions: [],
          reason: "benign",
          policy: "P-0",
        });
        assert.equal(d.status, 200, JSON.stringify(d.json));
      }
    }),
  );
  assert.deepEqual(
    [...handed].sort((a, b) => a - b),
    ids,
  );

  const [held] = await addCases("lapsing", 1);
  const [a, b] = reviewers;
  const first = (await a.call("POST", "/v1/console/queues/lapsing/next")).json.case as { id: number };
  assert.equal(first.id, held);
  const again = (await a.call("POST", "/v1/console/queues/lapsing/next")).json.case as { id: number };
  assert.equal(again.id, held, "asking again resumes the case you hold");
  assert.equal((await b.call("POST", "/v1/console/queues/lapsing/next")).json.case, null);
  await server.ctx.database.exec(
    `UPDATE cases SET claim_expires_at = now() - interval '1 second' WHERE id = ${held}`,
  );
  const taken = (await b.call("POST", "/v1/console/queues/lapsing/next")).json.case as { id: number };
  assert.equal(taken.id, held, "a lapsed claim returns to the queue");
  const late = await a.call("POST", `/v1/console/cases/${held}/decision`, {
    actions: [],
    reason: "r",
    policy: "p",
  });
  assert.equal(late.status, 409, "the first reviewer's lapsed claim no longer lets them decide");
});

test("case page, blurred preview, audited reveal, decision with an action", async () => {
  const png = await sharp(Buffer.from(renderPattern("rings", 128, 128, 7).pixels), {
    raw: { width: 128, height: 128, channels: 3 },
  })
    .png()
    .toBuffer();
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), "rings.png");
  const uploaded = await fetch(`${server.url}/v1/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  const media = (await uploaded.json()) as { media_id: string; pdq: string };
  await api(server.url, key, "POST", "/v1/banks/partner/entries", {
    entries: [{ signal_type: "pdq", value: media.pdq, provenance: "unconfirmed" }],
  });
  const event = {
    id: "console-1",
    type: "group.updated",
    occurred_at: "2026-11-22T10:00:00Z",
    platform: "demo",
    group: {
      id: "g-console",
      name: "שלום Pattern club",
      photo: { media_id: media.media_id },
      admins: ["adm-1"],
    },
  };
  assert.equal((await api(server.url, key, "POST", "/v1/events", { events: [event] })).status, 202);
  const cs = await signIn(server.url, "cs@example.org", PASSWORD);
  let c: { id: number } | null = null;
  for (let i = 0; i < 200 && !c; i++) {
    c = (await cs.call("POST", "/v1/console/queues/child-safety/next")).json.case as { id: number } | null;
    if (!c) await new Promise((r) => setTimeout(r, 25));
  }
  assert.ok(c, "the match opened a child-safety case");
  const page = await cs.call("GET", `/v1/console/cases/${c.id}`);
  assert.equal(page.status, 200, JSON.stringify(page.json));
  const detail = page.json as {
    subject: {
      group: { name: string; photo: { media_id: string; viewable: boolean }; admins: { id: string }[] };
    };
    signals: { explanation: string }[];
    events: { kind: string }[];
    actions: string[];
    may_reveal: boolean;
  };
  assert.equal(detail.subject.group.name, "שלום Pattern club");
  assert.deepEqual(detail.subject.group.photo, {
    ...detail.subject.group.photo,
    media_id: media.media_id,
    viewable: true,
  });
  assert.deepEqual(
    detail.subject.group.admins.map((a) => a.id),
    ["adm-1"],
  );
  assert.match(
    detail.signals[0].explanation,
    /group\.photo matches bank "partner" \(unconfirmed\): PDQ distance 0/,
  );
  assert.deepEqual(
    detail.events.map((e) => e.kind),
    ["enqueue", "claim"],
  );
  assert.ok(detail.actions.includes("disable_group") && !detail.actions.includes("ban_account"));
  assert.equal(detail.may_reveal, true);

  const preview = await cs.raw(`/v1/console/media/${media.media_id}/preview?case_id=${c.id}`);
  const meta = await sharp(Buffer.from(await preview.arrayBuffer())).metadata();
  assert.ok(meta.width <= 32 && meta.channels <= 2, "the default view is tiny and grayscale");

  const rev = await signIn(server.url, "rev@example.org", PASSWORD);
  assert.equal((await rev.raw(`/v1/media/${media.media_id}/content`)).status, 401, "not with a session");
  assert.equal((await rev.raw(`/v1/console/media/${media.media_id}/content?case_id=${c.id}`)).status, 403);
  const reveal = await cs.raw(`/v1/console/media/${media.media_id}/content?case_id=${c.id}`);
  assert.equal(reveal.status, 200);
  assert.equal(reveal.headers.get("cache-control"), "no-store");
  assert.deepEqual(Buffer.from(await reveal.arrayBuffer()), png);
  const me = (await cs.call("GET", "/v1/console/session")).json.user as { exposure: unknown };
  assert.deepEqual(
    me.exposure,
    { reveals: 1, soft_limit: 40 },
    "the shift's exposure counter counts the reveal",
  );
  const lead = await signIn(server.url, "lead@example.org", PASSWORD);
  const audit = await lead.call("GET", `/v1/console/audit?action=media.reveal&target_id=${media.media_id}`);
  const [entry] = audit.json.entries as { actor: string; detail: { case_id: number } }[];
  assert.equal(entry.actor, "user:cs@example.org");
  assert.equal(entry.detail.case_id, c.id);

  const misfit = await cs.call("POST", `/v1/console/cases/${c.id}/decision`, {
    actions: ["ban_account"],
    reason: "r",
    policy: "p",
  });
  assert.equal(misfit.status, 400);
  const decided = await cs.call("POST", `/v1/console/cases/${c.id}/decision`, {
    actions: ["disable_group"],
    reason: "group photo matches a partner image",
    policy: "CSE-1",
  });
  assert.equal(decided.status, 200, JSON.stringify(decided.json));
  assert.equal((decided.json.action_ids as string[]).length, 1);
});

test("bulk decisions: a preview writes nothing and says what would happen; applying decides each case", async () => {
  const ids = await addCases("bulk", 5);
  const [csCase] = await addCases("child-safety", 1);
  const rev = await signIn(server.url, "rev@example.org", PASSWORD);
  const body = {
    case_ids: [...ids, csCase, 999_999],
    actions: ["disable_group"],
    reason: "spam ring",
    policy: "SP-2",
  };
  const preview = await rev.call("POST", "/v1/console/decisions", { ...body, preview: true });
  const outcomes = preview.json.outcomes as { case_id: number; status: string; problem: string | null }[];
  assert.deepEqual(
    outcomes.map((o) => o.status),
    ["would_decide", "would_decide", "would_decide", "would_decide", "would_decide", "refused", "refused"],
  );
  assert.match(String(outcomes[5].problem), /may not decide child-safety/);
  const still = await rev.call("GET", "/v1/console/queues");
  assert.equal(
    (still.json.queues as { queue: string; waiting: number }[]).find((q) => q.queue === "bulk")?.waiting,
    5,
  );
  const applied = await rev.call("POST", "/v1/console/decisions", body);
  assert.equal(
    (applied.json.outcomes as { status: string }[]).filter((o) => o.status === "decided").length,
    5,
  );
  const after = await rev.call("GET", "/v1/console/queues");
  assert.ok(!(after.json.queues as { queue: string }[]).some((q) => q.queue === "bulk"));
});
