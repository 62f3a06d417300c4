/**
 * The console's second part on the server: queue SLA and sort (honoured by
 * "Start reviewing"), escalation, lead confirmation of large bulk decisions,
 * the sign-in rate limit, wellness preferences and the hotline intake form.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import sharp from "sharp";
import type { RunningServer } from "../../src/app/start.js";
import { openEventPayload } from "../../src/domain/personal-fields.js";
import { cases, reports } from "../../src/store/schema.js";
import type { TestDatabase } from "../support/databases.js";
import { startTestServer } from "../support/test-server.js";
import { createConsoleUsers, signIn } from "./console-client.js";

let target: TestDatabase;
let server: RunningServer;
const PASSWORD = "correct horse battery staple";

before(async () => {
  ({ server, target } = await startTestServer());
  await createConsoleUsers(
    server,
    [
      ["rev@example.org", "reviewer"],
      ["lead@example.org", "lead"],
      ["admin@example.org", "admin"],
      ["analyst@example.org", "analyst"],
      ["cs@example.org", "child_safety_reviewer"],
    ],
    PASSWORD,
  );
});

after(async () => {
  await server.close();
  await target.dispose();
});

async function addCase(queue: string, subjectId: string, priority = 50, ageSeconds = 0): Promise<number> {
  const [row] = await server.ctx.database.db
    .insert(cases)
    .values({
      platform: "demo",
      subjectType: "group",
      subjectId,
      queue,
      priority,
      createdAt: new Date(Date.now() - ageSeconds * 1000),
    })
    .returning({ id: cases.id });
  return row.id;
}

async function addReports(subjectId: string, n: number): Promise<void> {
  await server.ctx.database.db.insert(reports).values(
    Array.from({ length: n }, (_, i) => ({
      publicId: `r-${subjectId}-${i}`,
      platform: "demo",
      source: "user" as const,
      subjectType: "group" as const,
      subjectId,
      reason: "spam",
    })),
  );
}

type Queue = {
  queue: string;
  sla_seconds: number;
  sla_state: string;
  breached: number;
  near_breach: number;
  sort: string;
};

test("queues show their SLA with breach and near-breach; a lead's sort order decides the next case", async () => {
  await addCase("sla", "old", 10, 7200);
  await addCase("sla", "nearly", 90, 3000);
  const mostReported = await addCase("sla", "reported", 10, 60);
  await addReports("reported", 3);
  const rev = await signIn(server.url, "rev@example.org", PASSWORD);
  const lead = await signIn(server.url, "lead@example.org", PASSWORD);
  const refused = await rev.call("PUT", "/v1/console/queues/sla/settings", { sla_seconds: 3600 });
  assert.equal(refused.status, 403);
  assert.equal(refused.json.error, "ForbiddenRole");
  const bad = await lead.call("PUT", "/v1/console/queues/sla/settings", { sort: "loudest" });
  assert.equal(bad.status, 400);
  const set = await lead.call("PUT", "/v1/console/queues/sla/settings", { sla_seconds: 3600 });
  assert.equal(set.status, 200, JSON.stringify(set.json));
  const queues = (await rev.call("GET", "/v1/console/queues")).json.queues as Queue[];
  const sla = queues.find((q) => q.queue === "sla");
  assert.deepEqual(
    sla && { s: sla.sla_seconds, st: sla.sla_state, b: sla.breached, n: sla.near_breach, sort: sla.sort },
    { s: 3600, st: "breached", b: 1, n: 1, sort: "priority" },
  );
  // Priority then age: the priority-90 case first.
  const byPriority = (await rev.call("POST", "/v1/console/queues/sla/next")).json.case as {
    subject: { id: string };
  };
  assert.equal(byPriority.subject.id, "nearly");
  await rev.call("POST", `/v1/console/cases/${(byPriority as unknown as { id: number }).id}/release`);
  await lead.call("PUT", "/v1/console/queues/sla/settings", { sort: "reports" });
  const byReports = (await rev.call("POST", "/v1/console/queues/sla/next")).json.case as { id: number };
  assert.equal(byReports.id, mostReported, "report count first when the lead chose it");
});

test("escalate: moves the case to the lead queue with a reason in the log; a reviewer cannot open it", async () => {
  const id = await addCase("spam", "esc-1");
  const rev = await signIn(server.url, "rev@example.org", PASSWORD);
  const claimed = (await rev.call("POST", "/v1/console/queues/spam/next")).json.case as { id: number };
  assert.equal(claimed.id, id);
  const empty = await rev.call("POST", `/v1/console/cases/${id}/escalate`, { to: "lead", reason: " " });
  assert.equal(empty.status, 400);
  const nowhere = await rev.call("POST", `/v1/console/cases/${id}/escalate`, {
    to: "elsewhere",
    reason: "x",
  });
  assert.equal(nowhere.status, 400);
  const res = await rev.call("POST", `/v1/console/cases/${id}/escalate`, {
    to: "lead",
    reason: "looks organised",
  });
  assert.equal(res.status, 200, JSON.stringify(res.json));
  const moved = res.json.case as { queue: string; status: string };
  assert.deepEqual([moved.queue, moved.status], ["lead", "open"]);
  assert.equal((await rev.call("GET", `/v1/console/cases/${id}`)).status, 403, "the lead queue is for leads");
  const lead = await signIn(server.url, "lead@example.org", PASSWORD);
  const detail = (await lead.call("GET", `/v1/console/cases/${id}`)).json as {
    events: { kind: string; detail: Record<string, unknown> }[];
  };
  assert.deepEqual(
    detail.events.map((e) => e.kind),
    ["claim", "release", "enqueue"],
  );
  assert.equal(detail.events[2].detail.reason, "looks organised");
  assert.equal(
    (await rev.call("POST", `/v1/console/cases/${id}/escalate`, { to: "lead", reason: "again" })).status,
    403,
  );
  // A subject already waiting in child-safety: the escalated case is closed into that one.
  const waiting = await addCase("child-safety", "esc-2");
  const other = await addCase("spam", "esc-2");
  const merged = await rev.call("POST", `/v1/console/cases/${other}/escalate`, {
    to: "child-safety",
    reason: "minor",
  });
  assert.equal(merged.status, 200, JSON.stringify(merged.json));
  assert.equal(merged.json.merged_into, waiting);
});

test("bulk decisions above the limit need a lead: named error, one-use confirmation for that batch, audited", async () => {
  const admin = await signIn(server.url, "admin@example.org", PASSWORD);
  const limit = await admin.call("PUT", "/v1/console/settings", { bulk_lead_confirm_above: 3 });
  assert.equal(limit.status, 200, JSON.stringify(limit.json));
  const ids = [];
  for (let i = 0; i < 5; i++) ids.push(await addCase("bulk-big", `bb-${i}`));
  const body = { case_ids: ids, actions: [], reason: "spam wave", policy: "SP-1" };
  const rev = await signIn(server.url, "rev@example.org", PASSWORD);
  const preview = await rev.call("POST", "/v1/console/decisions", { ...body, preview: true });
  assert.equal(preview.json.needs_lead_confirmation, true);
  const refused = await rev.call("POST", "/v1/console/decisions", body);
  assert.equal(refused.status, 403);
  assert.equal(refused.json.error, "LeadConfirmationRequired");
  assert.equal((await rev.call("POST", "/v1/console/decisions/confirmations", body)).status, 403);
  const lead = await signIn(server.url, "lead@example.org", PASSWORD);
  const made = await lead.call("POST", "/v1/console/decisions/confirmations", body);
  assert.equal(made.status, 201);
  const confirmation = String(made.json.confirmation_id);
  const otherBatch = await rev.call("POST", "/v1/console/decisions", {
    ...body,
    case_ids: ids.slice(1),
    confirmation_id: confirmation,
  });
  assert.equal(otherBatch.json.error, "LeadConfirmationRequired", "a confirmation fits its own batch only");
  const applied = await rev.call("POST", "/v1/console/decisions", { ...body, confirmation_id: confirmation });
  assert.equal(applied.status, 200, JSON.stringify(applied.json));
  assert.equal(applied.json.confirmed_by, "user:lead@example.org");
  const reused = await rev.call("POST", "/v1/console/decisions", { ...body, confirmation_id: confirmation });
  assert.equal(reused.json.error, "LeadConfirmationRequired", "used once");
  const audit = (await lead.call("GET", "/v1/console/audit?action=console.bulk_decision")).json.entries as {
    actor: string;
    detail: Record<string, unknown>;
  }[];
  assert.equal(audit[0].actor, "user:rev@example.org");
  assert.equal(audit[0].detail.confirmed_by, "user:lead@example.org");
  assert.equal(audit[0].detail.decided, 5);
  await admin.call("PUT", "/v1/console/settings", { bulk_lead_confirm_above: 100 });
});

test("wellness: a user's preference overrides the organisation's default and shapes the 32 px preview", async () => {
  const rev = await signIn(server.url, "rev@example.org", PASSWORD);
  const prefs = (await rev.call("GET", "/v1/console/preferences")).json as {
    effective: Record<string, boolean>;
  };
  assert.deepEqual(prefs.effective, { blur: true, grayscale: true });
  const admin = await signIn(server.url, "admin@example.org", PASSWORD);
  await admin.call("PUT", "/v1/console/settings", { grayscale: false });
  const orgColour = (await rev.call("GET", "/v1/console/preferences")).json as {
    effective: Record<string, boolean>;
  };
  assert.deepEqual(orgColour.effective, { blur: true, grayscale: false });
  const mine = await rev.call("PUT", "/v1/console/preferences", { grayscale: true });
  assert.deepEqual((mine.json as { effective: Record<string, boolean> }).effective, {
    blur: true,
    grayscale: true,
  });
  assert.equal((await rev.call("PUT", "/v1/console/preferences", { grayscale: "yes" })).status, 400);
  // The preview follows: colour for a user who follows the colour default, gray for this one.
  const png = await sharp({
    create: { width: 64, height: 64, channels: 3, background: { r: 200, g: 20, b: 20 } },
  })
    .png()
    .toBuffer();
  const stored = await server.ctx.intakeMedia({ kind: "bytes", bytes: png });
  // Previews are of media a case shows: here a case about the media itself.
  const [mediaCase] = await server.ctx.database.db
    .insert(cases)
    .values({
      platform: "demo",
      subjectType: "media",
      subjectId: stored.media_id,
      queue: "general",
      priority: 10,
    })
    .returning({ id: cases.id });
  const preview = `/v1/console/media/${stored.media_id}/preview?case_id=${mediaCase.id}`;
  const gray = await rev.raw(preview);
  const grayMeta = await sharp(Buffer.from(await gray.arrayBuffer())).metadata();
  assert.equal(grayMeta.channels, 1);
  assert.ok((grayMeta.width ?? 99) <= 32);
  const lead = await signIn(server.url, "lead@example.org", PASSWORD);
  const colour = await lead.raw(preview);
  const colourMeta = await sharp(Buffer.from(await colour.arrayBuffer())).metadata();
  assert.ok((colourMeta.channels ?? 0) >= 3, "the organisation's colour default");
  assert.ok((colourMeta.width ?? 99) <= 32, "still 32 px");
  await admin.call("PUT", "/v1/console/settings", { grayscale: true });
});

test("hotline intake: an analyst's report with a screenshot enters the pipeline with source hotline", async () => {
  const analyst = await signIn(server.url, "analyst@example.org", PASSWORD);
  const png = await sharp({
    create: { width: 40, height: 40, channels: 3, background: { r: 0, g: 90, b: 200 } },
  })
    .png()
    .toBuffer();
  const form = new FormData();
  form.append("file", new Blob([png], { type: "image/png" }), "screenshot.png");
  const cookie = await cookieOf("analyst@example.org");
  const upload = await fetch(`${server.url}/v1/console/media`, {
    method: "POST",
    headers: { cookie, "x-vigil-console": "1" },
    body: form,
  });
  assert.equal(upload.status, 201);
  const media = (await upload.json()) as { media_id: string };
  const body = {
    platform: "demo",
    subject: { type: "group", id: "hotline-g-1" },
    reason: "caller saw abuse material advertised",
    caller: { name: "anonymous" },
    links: ["https://chat.example.org/invite/abc"],
    phone_numbers: ["+44 20 7946 0000"],
    notes: "Caller found the link on a forum.",
    screenshots: [media.media_id],
  };
  const badPhone = await analyst.call("POST", "/v1/console/hotline-reports", {
    ...body,
    phone_numbers: ["call me"],
  });
  assert.equal(badPhone.status, 400);
  const unknownMedia = await analyst.call("POST", "/v1/console/hotline-reports", {
    ...body,
    screenshots: ["nope"],
  });
  assert.equal(unknownMedia.status, 400);
  const rev = await signIn(server.url, "rev@example.org", PASSWORD);
  assert.equal((await rev.call("POST", "/v1/console/hotline-reports", body)).status, 403);
  const res = await analyst.call("POST", "/v1/console/hotline-reports", body);
  assert.equal(res.status, 202, JSON.stringify(res.json));
  const event = (await server.ctx.repos.events.find("demo", String(res.json.id)))!;
  // Stored sealed (the caller and the numbers are personal data); opened with the data keys.
  assert.doesNotMatch(JSON.stringify(event.payload), /442079460000|anonymous/);
  const opened = openEventPayload(event.payload, server.ctx.fields.open);
  const report = (opened as { report: Record<string, unknown> }).report;
  assert.equal(report.source, "hotline");
  assert.deepEqual(report.attachments, [media.media_id]);
  assert.match(String(report.text), /\+442079460000/);
  assert.equal((report.reporter as Record<string, unknown>).recorded_by, "user:analyst@example.org");
});

async function cookieOf(email: string): Promise<string> {
  const res = await fetch(`${server.url}/v1/console/session`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-vigil-console": "1" },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  await res.arrayBuffer();
  return (res.headers.get("set-cookie") ?? "").split(";")[0];
}

test("sign-in is limited per account: TooManySignIns with Retry-After, even with the right password", async () => {
  await server.ctx.repos.users.create("target@example.org", "reviewer", "", PASSWORD);
  for (let i = 0; i < 5; i++)
    assert.equal((await signIn(server.url, "target@example.org", "guess")).status, 401);
  const res = await fetch(`${server.url}/v1/console/session`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-vigil-console": "1" },
    body: JSON.stringify({ email: "target@example.org", password: PASSWORD }),
  });
  assert.equal(res.status, 429);
  assert.ok(Number(res.headers.get("retry-after")) > 0);
  assert.equal(((await res.json()) as { error: string }).error, "TooManySignIns");
  assert.equal(
    (await signIn(server.url, "lead@example.org", PASSWORD)).status,
    200,
    "other accounts still sign in",
  );
});

test("dashboard over HTTP: analysts read it and its CSV; reviewers may not; a bad period is a named error", async () => {
  const analyst = await signIn(server.url, "analyst@example.org", PASSWORD);
  const view = await analyst.call("GET", "/v1/console/dashboard");
  assert.equal(view.status, 200, JSON.stringify(view.json));
  assert.ok(typeof (view.json.totals as Record<string, unknown>).cases_opened === "number");
  const csv = await analyst.raw("/v1/console/dashboard.csv");
  assert.equal(csv.status, 200);
  assert.match(String(csv.headers.get("content-type")), /^text\/csv/);
  assert.match(await csv.text(), /^section,key,metric,value\r\n/);
  const reversed = await analyst.call(
    "GET",
    "/v1/console/dashboard?from=2026-03-10T00:00:00Z&to=2026-03-01T00:00:00Z",
  );
  assert.deepEqual([reversed.status, reversed.json.error], [400, "InvalidRequest"]);
  const garbage = await analyst.call("GET", "/v1/console/dashboard?from=yesterday");
  assert.deepEqual([garbage.status, garbage.json.error], [400, "InvalidRequest"]);
  const rev = await signIn(server.url, "rev@example.org", PASSWORD);
  assert.equal((await rev.call("GET", "/v1/console/dashboard")).status, 403);
});
