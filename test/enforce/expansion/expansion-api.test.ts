/**
 * POST /v1/expansions and GET /v1/expansions/{id} (API keys with the
 * expansions scopes), the console's routes (roles with network.expand: lead,
 * admin, analyst; a reviewer is refused), bad input answered with named
 * errors, and `vigil expand` printing the ranked table and JSON.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { formatCandidates } from "../../../src/cli/commands/expand.js";
import {
  fakeHash,
  type NetworkShape,
  plantRings,
  SYNTHETIC_PLATFORM,
} from "../../../src/enforce/expansion/synthetic-network.js";
import { SyntheticNetworkWriter } from "../../../src/store/repositories/synthetic-network-writer.js";
import { bankEntries, banks } from "../../../src/store/schema.js";
import { signIn } from "../../console/console-client.js";
import { startTestServer, type TestServer } from "../../support/test-server.js";
import { api, vigil } from "../../support/vigil-process.js";

const TINY: NetworkShape = {
  accounts: 3000,
  groups: 300,
  membershipsPerAccount: 3,
  rings: 1,
  minRing: 60,
  maxRing: 60,
  flaggedNoiseGroups: 5,
  bannedNoiseAccounts: 5,
};
const PASSWORD = "correct horse battery staple";
const ring = plantRings(TINY)[0];
let t: TestServer;
let writer: string;
let reader: string;

before(async () => {
  t = await startTestServer();
  const ctx = t.server.ctx;
  await new SyntheticNetworkWriter(ctx.database.db).write(SYNTHETIC_PLATFORM, TINY, [ring]);
  // The ring's shared profile photo is also in a bank (a made-up hash, no content behind it).
  const [bank] = await ctx.database.db.insert(banks).values({ name: "partner-list" }).returning();
  await ctx.database.db.insert(bankEntries).values({
    bankId: bank.id,
    signalType: "sha256",
    value: fakeHash("ring-photo-0"),
    provenance: "confirmed",
  });
  writer = (await ctx.repos.apiKeys.create("analyst-tool", ["expansions:write", "expansions:read"])).key;
  reader = (await ctx.repos.apiKeys.create("reader", ["expansions:read"])).key;
  await ctx.repos.users.create("analyst@example.org", "analyst", "", PASSWORD);
  await ctx.repos.users.create("rev@example.org", "reviewer", "", PASSWORD);
  await ctx.repos.users.create("lead@example.org", "lead", "", PASSWORD);
});

after(() => t.close());

const seed = { type: "group", id: ring.seed, platform: SYNTHETIC_PLATFORM };

test("POST /v1/expansions stores ranked candidates with evidence; GET returns the same list", async () => {
  const posted = await api(t.server.url, writer, "POST", "/v1/expansions", { seed, limit: 200 });
  assert.equal(posted.status, 201, JSON.stringify(posted.json));
  const body = posted.json as {
    expansion: { id: string; status: string; createdBy: string };
    candidates: {
      rank: number;
      subjectKind: string;
      platformId: string;
      score: number;
      evidence: unknown[];
      suggestedAction: string;
    }[];
  };
  assert.equal(body.expansion.status, "finished");
  assert.equal(body.expansion.createdBy, "key:analyst-tool");
  const truth = new Set(ring.accounts.map((a) => a.externalId));
  const top = body.candidates.filter((c) => c.subjectKind === "account").slice(0, truth.size);
  assert.ok(top.filter((c) => truth.has(c.platformId)).length >= 0.95 * truth.size);
  assert.ok(body.candidates.every((c) => c.evidence.length > 0));
  assert.ok(body.candidates.some((c) => c.suggestedAction === "ban_account"));
  const banked = body.candidates.filter((c) =>
    c.evidence.some(
      (e) => (e as { detail: string }).detail === "profile photo equal to a banked photo (partner-list)",
    ),
  );
  assert.ok(banked.length > 0 && banked.every((c) => truth.has(c.platformId)));
  const got = await api(t.server.url, reader, "GET", `/v1/expansions/${body.expansion.id}`);
  assert.equal(got.status, 200);
  assert.deepEqual((got.json as typeof body).candidates, body.candidates);
});

test("a finished expansion becomes a bulk batch's targets: its ban and disable suggestions, with their evidence", async () => {
  const posted = await api(t.server.url, writer, "POST", "/v1/expansions", { seed, limit: 200 });
  const body = posted.json as {
    expansion: { id: string };
    candidates: { suggestedAction: string; evidence: { kind: string }[] }[];
  };
  const enforce = body.candidates.filter((c) => c.suggestedAction !== "review");
  assert.ok(enforce.length > 0);
  const lead = await signIn(t.server.url, "lead@example.org", PASSWORD);
  const made = await lead.call("POST", "/v1/bulk-actions", {
    platform: SYNTHETIC_PLATFORM,
    reason: "ring around a confirmed group",
    expansion_id: body.expansion.id,
  });
  assert.equal(made.status, 201, JSON.stringify(made.json));
  const batch = made.json as {
    target_count: number;
    source: unknown;
    preview: { by_action: Record<string, number>; by_evidence: Record<string, number> };
  };
  assert.deepEqual(batch.source, { kind: "expansion", expansion_id: body.expansion.id });
  assert.equal(batch.target_count, enforce.length, "review-only suggestions stay out of the batch");
  const byAction = Object.values(batch.preview.by_action).reduce((a, b) => a + b, 0);
  assert.equal(byAction, enforce.length);
  assert.ok(Object.keys(batch.preview.by_evidence).length > 0);
  const unknown = await lead.call("POST", "/v1/bulk-actions", {
    platform: SYNTHETIC_PLATFORM,
    reason: "r",
    expansion_id: "exp_nothing",
  });
  assert.equal(unknown.status, 404);
});

test("an account seed (a ring admin) expands over the groups it is in", async () => {
  const admin = ring.accounts[0].externalId;
  const posted = await api(t.server.url, writer, "POST", "/v1/expansions", {
    seed: { type: "account", id: admin, platform: SYNTHETIC_PLATFORM },
    limit: 100,
    minScore: 4,
  });
  assert.equal(posted.status, 201, JSON.stringify(posted.json));
  const body = posted.json as { candidates: { subjectKind: string; platformId: string; score: number }[] };
  const truth = new Set(ring.accounts.map((a) => a.externalId));
  const accounts = body.candidates.filter((c) => c.subjectKind === "account");
  assert.ok(accounts.every((c) => c.platformId !== admin && c.score >= 4));
  const inRing = accounts.filter((c) => truth.has(c.platformId)).length;
  assert.ok(inRing >= 0.9 * (truth.size - 1), `${inRing} ring accounts of ${truth.size - 1}`);
});

test("bad input: unknown seed, invalid body, unknown id, missing scope", async () => {
  const unknown = await api(t.server.url, writer, "POST", "/v1/expansions", {
    seed: { ...seed, id: "nope" },
  });
  assert.equal(unknown.status, 404);
  assert.equal((unknown.json as { error: string }).error, "UnknownSeed");
  const invalid = await api(t.server.url, writer, "POST", "/v1/expansions", {
    seed: { type: "media", id: "x" },
  });
  assert.equal(invalid.status, 400);
  assert.equal((invalid.json as { error: string }).error, "InvalidRequest");
  const limit = await api(t.server.url, writer, "POST", "/v1/expansions", { seed, limit: -1 });
  assert.equal(limit.status, 400);
  const missing = await api(t.server.url, reader, "GET", "/v1/expansions/exp_nothing");
  assert.equal(missing.status, 404);
  assert.equal((missing.json as { error: string }).error, "NotFound");
  const scope = await api(t.server.url, reader, "POST", "/v1/expansions", { seed });
  assert.equal(scope.status, 403);
  assert.equal((scope.json as { error: string }).error, "MissingScope");
});

test("console: an analyst expands and gets the neighbourhood picture; a reviewer is refused", async () => {
  const analyst = await signIn(t.server.url, "analyst@example.org", PASSWORD);
  const posted = await analyst.call("POST", "/v1/console/expansions", { seed, limit: 100 });
  assert.equal(posted.status, 201, JSON.stringify(posted.json));
  const id = (posted.json.expansion as { id: string }).id;
  const got = await analyst.call("GET", `/v1/console/expansions/${id}`);
  assert.equal(got.status, 200);
  const graph = got.json.graph as {
    nodes: { kind: string; platformId: string; mark: string; seed: boolean; caseId: number | null }[];
    edges: { kind: string }[];
  };
  const seedNode = graph.nodes.find((n) => n.seed);
  assert.ok(
    seedNode && seedNode.kind === "group" && seedNode.mark === "confirmed" && seedNode.caseId !== null,
  );
  assert.ok(
    graph.nodes.some((n) => n.kind === "account" && n.mark === "confirmed"),
    "banned ring accounts",
  );
  assert.ok(graph.edges.some((e) => e.kind === "admin"));
  assert.ok(graph.edges.some((e) => e.kind === "link"));
  const reviewer = await signIn(t.server.url, "rev@example.org", PASSWORD);
  const refused = await reviewer.call("POST", "/v1/console/expansions", { seed });
  assert.equal(refused.status, 403);
  assert.equal(refused.json.error, "ForbiddenRole");
});

test("the CLI's table: rank, kind, id, score, suggestion, evidence with weights", () => {
  const lines = formatCandidates([
    {
      subjectKind: "account",
      platformId: "a1",
      score: 7.5,
      evidence: [{ kind: "member_of_seed", weight: 1.5, detail: "member of the seed" }],
      suggestedAction: "ban_account",
    },
  ]);
  assert.match(lines[0], /^rank\s+kind\s+id\s+score\s+suggested\s+evidence$/);
  assert.match(
    lines[1],
    /^1\s+account\s+a1\s+7\.50\s+ban_account\s+member_of_seed \+1\.5 \(member of the seed\)$/,
  );
});

test("vigil expand against a store of its own", { timeout: 300_000 }, async () => {
  const { embeddedTestDatabase } = await import("../../support/databases.js");
  const { openDatabase } = await import("../../../src/store/database.js");
  const target = await embeddedTestDatabase();
  try {
    const database = await openDatabase(target.options);
    await new SyntheticNetworkWriter(database.db).write(SYNTHETIC_PLATFORM, TINY, [ring]);
    await database.close();
    const store = ["--data", target.options.dataDir];
    const env = { DATABASE_URL: "" };
    const table = await vigil(
      ["expand", ...store, "--platform", SYNTHETIC_PLATFORM, "--group", ring.seed, "--limit", "5"],
      env,
    );
    const rows = table.trim().split("\n");
    assert.equal(rows.length, 6);
    assert.match(rows[1], /^1\s+account\s+a\d+\s+\d+\.\d\d\s+ban_account\s+.*admin_of_confirmed_group/);
    const json = JSON.parse(
      await vigil(
        [
          "expand",
          ...store,
          "--platform",
          SYNTHETIC_PLATFORM,
          "--group",
          ring.seed,
          "--limit",
          "3",
          "--json",
        ],
        env,
      ),
    ) as { id: string; candidates: unknown[] };
    assert.match(json.id, /^exp_/);
    assert.equal(json.candidates.length, 3);
    await assert.rejects(
      vigil(["expand", ...store, "--platform", SYNTHETIC_PLATFORM, "--group", "nope"], env),
      /no group nope/,
    );
  } finally {
    await target.dispose();
  }
});
