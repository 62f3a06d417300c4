/**
 * Ban evasion through the pipeline (issue 10 point 4): a banned account's
 * photo, device or joining pattern on another account opens one review case
 * linked to the banned account's case, with the patterns explained; a number
 * prefix alone does not; seeing the pattern again adds nothing. Also the
 * graph fields the events now carry (device, prefix, invite codes, postings).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq, sql } from "drizzle-orm";
import { opensCase } from "../../../src/domain/evasion-patterns.js";
import { evasionProbe } from "../../../src/enforce/expansion/ban-evasion.js";
import { phonePrefix } from "../../../src/enforce/expansion/phone-prefix.js";
import {
  accounts,
  actions,
  caseRelations,
  cases,
  inviteLinkPostings,
  memberships,
} from "../../../src/store/schema.js";
import { startTestServer, type TestServer } from "../../support/test-server.js";
import { api, waitUntilDecided } from "../../support/vigil-process.js";

const PHOTO = "ab".repeat(32);
let t: TestServer;
let key: string;
let n = 0;

before(async () => {
  t = await startTestServer();
  key = (await t.server.ctx.repos.apiKeys.create("platform", ["events:write", "cases:read"])).key;
});
after(() => t.close());

async function send(events: Record<string, unknown>[]): Promise<void> {
  const ids = events.map(() => `e${++n}`);
  const res = await api(t.server.url, key, "POST", "/v1/events", {
    events: events.map((e, i) => ({
      id: ids[i],
      platform: "chat",
      occurred_at: "2026-05-02T12:00:00Z",
      ...e,
    })),
  });
  assert.equal(res.status, 202, JSON.stringify(res.json));
  for (const id of ids) await waitUntilDecided(t.server.url, key, "chat", id, 20_000);
}

const joined = (
  group: string,
  account: Record<string, unknown>,
  occurred: string,
  membership?: Record<string, unknown>,
) => ({
  type: "group.member_joined",
  occurred_at: occurred,
  group: { id: group },
  account,
  ...(membership ? { membership } : {}),
});

test("phone prefix keeps country and carrier digits only", () => {
  assert.equal(phonePrefix("+491761234567"), "+49176");
  assert.equal(phonePrefix("12345"), undefined);
  assert.equal(opensCase(["prefix_soon_after_ban"]), false);
  assert.equal(opensCase(["prefix_soon_after_ban", "same_device"]), true);
  assert.deepEqual(evasionProbe([]), { profiles: [], joiners: [] });
});

test("a banned account's photo, device or groups on another account open a linked case; a prefix alone does not", async () => {
  const db = t.server.ctx.database.db;
  await send([
    joined(
      "g-1",
      { id: "bad-1", photo: { sha256: PHOTO }, device_id: "dev-9", phone: "+491761234567" },
      "2026-04-01T10:00:00Z",
      { invite_code: "join-g1" },
    ),
    joined("g-2", { id: "bad-1" }, "2026-04-01T10:00:00Z"),
    {
      type: "invite_link.created",
      invite_link: { code: "join-g2", group_id: "g-2", posted_in_group_id: "g-1", posted_by: "bad-1" },
    },
  ]);
  const [bad] = await db.select().from(accounts).where(eq(accounts.externalId, "bad-1"));
  assert.equal(bad.deviceId, "dev-9");
  assert.equal(bad.phonePrefix, "+49176");
  assert.equal(bad.photoSha256, PHOTO);
  const [m] = await db
    .select()
    .from(memberships)
    .where(eq(memberships.accountId, bad.id))
    .orderBy(memberships.groupId);
  assert.ok(m.inviteLinkId, "joined through join-g1");
  assert.equal((await db.select().from(inviteLinkPostings)).length, 1);

  // The ban, as an action in the outbox (the trigger keeps banned_at), with the case it came from.
  const [original] = await db
    .insert(cases)
    .values({ platform: "chat", subjectType: "account", subjectId: "bad-1", queue: "default", priority: 50 })
    .returning();
  await db.insert(actions).values({
    publicId: "act_test",
    platform: "chat",
    action: "ban_account",
    subjectType: "account",
    subjectId: "bad-1",
    caseId: original.id,
    reason: "confirmed",
    idempotencyKey: "test:ban:bad-1",
  });
  const [banned] = await db.select().from(accounts).where(eq(accounts.externalId, "bad-1"));
  assert.ok(banned.bannedAt, "the trigger marked the account banned");
  await db.execute(sql`UPDATE accounts SET banned_at = '2026-05-01T00:00:00Z' WHERE external_id = 'bad-1'`);
  // Cases on both groups flag them (trigger): the joining pattern counts flagged groups only.
  await db.insert(cases).values(
    ["g-1", "g-2"].map((g) => ({
      platform: "chat",
      subjectType: "group" as const,
      subjectId: g,
      queue: "default",
      priority: 40,
    })),
  );

  await send([
    { type: "account.updated", account: { id: "new-photo", photo: { sha256: PHOTO } } },
    { type: "account.updated", account: { id: "new-device", device_id: "dev-9" } },
    {
      type: "account.updated",
      account: { id: "new-prefix", phone_prefix: "+49176", created_at: "2026-05-01T05:00:00Z" },
    },
    joined("g-1", { id: "new-joiner" }, "2026-05-02T10:00:00Z"),
    joined("g-2", { id: "new-joiner" }, "2026-05-02T11:00:00Z"),
  ]);
  const evasion = await db.select().from(cases).where(eq(cases.queue, "ban-evasion"));
  assert.deepEqual(evasion.map((c) => c.subjectId).sort(), ["new-device", "new-joiner", "new-photo"]);
  const relations = await db.select().from(caseRelations);
  assert.equal(relations.length, 3);
  for (const r of relations) {
    assert.equal(r.relatedCaseId, original.id);
    assert.equal(r.relatedSubjectId, "bad-1");
    assert.match(String(r.detail.reason), /possible ban evasion of bad-1/);
  }
  const byCase = new Map(evasion.map((c) => [c.id, c.subjectId]));
  const patterns = Object.fromEntries(relations.map((r) => [byCase.get(r.caseId), r.detail.patterns]));
  assert.deepEqual(patterns["new-photo"], ["same_photo"]);
  assert.deepEqual(patterns["new-device"], ["same_device"]);
  assert.deepEqual(patterns["new-joiner"], ["same_groups_after_ban"]);
  const got = await api(t.server.url, key, "GET", `/v1/cases/${evasion[0].id}`);
  assert.ok((got.json.events as { kind: string }[]).some((e) => e.kind === "enqueue"));

  // Seen again: the same case, no second relation.
  await send([
    { type: "account.updated", account: { id: "new-photo", photo: { sha256: PHOTO }, name: "again" } },
  ]);
  assert.equal((await db.select().from(caseRelations)).length, 3);
  assert.equal((await db.select().from(cases).where(eq(cases.queue, "ban-evasion"))).length, 3);
});

test("bad graph fields are refused with their path", async () => {
  const res = await api(t.server.url, key, "POST", "/v1/events", {
    events: [
      {
        id: "bad-prefix",
        platform: "chat",
        occurred_at: "2026-05-02T12:00:00Z",
        type: "account.updated",
        account: { id: "x", phone_prefix: "4917" },
      },
    ],
  });
  assert.equal(res.status, 400);
  assert.equal(res.json.error, "InvalidEvent");
  assert.match(JSON.stringify(res.json.details), /phone_prefix/);
});
