/**
 * The crawler with a running service and its database (one embedded database
 * for the file: starting one is the slow part). Findings go through the normal
 * pipeline: a preview photo that is in a bank and a group title the text
 * signal flags each open a case, submitted over the public API. The crawl's
 * own state is stored: a run that crashed mid-way resumes (pages in progress
 * go back to the queue, pages done are not fetched again, links are not
 * reported twice), and liveness re-checks record a link going from alive to
 * revoked with its time of removal. Preview pages and images are served by
 * the fixture on 127.0.0.1.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import pino from "pino";
import { type RunningServer, startServer } from "../../src/app/start.js";
import { serverConfig } from "../../src/cli/commands/serve.js";
import { checkDueLinks } from "../../src/crawl/check-links.js";
import { crawlSite } from "../../src/crawl/crawl-site.js";
import { createCrawlTools } from "../../src/crawl/crawl-tools.js";
import type { FoundInvite } from "../../src/crawl/listing.js";
import { INVITE_PLATFORMS } from "../../src/crawl/platforms.js";
import { previewBases } from "../../src/crawl/preview/preview-sources.js";
import { HttpServiceClient } from "../../src/crawl/service-client.js";
import { StoredCrawlJournal } from "../../src/crawl/stored-crawl-journal.js";
import { submitDiscovery } from "../../src/crawl/submit-discovery.js";
import { type DirectorySite, startDirectorySite } from "../../src/demo/directory-site.js";
import { renderPattern } from "../../src/demo/patterns.js";
import { hash256ToHex } from "../../src/hashing/pdq/hash256.js";
import { pdqFromPixels } from "../../src/hashing/pdq/pdq.js";
import { CrawlRepository } from "../../src/store/repositories/crawl-repository.js";
import { embeddedTestDatabase, type TestDatabase } from "../support/databases.js";

let site: DirectorySite;
let target: TestDatabase;
let server: RunningServer;
let key: string;
let repo: CrawlRepository;

before(async () => {
  site = await startDirectorySite({ slowMs: 50 });
  target = await embeddedTestDatabase();
  const config = serverConfig({
    data: target.options.dataDir,
    host: "127.0.0.1",
    port: "0",
    demo: false,
    batchSize: "500",
  });
  config.databaseUrl = undefined;
  server = await startServer(config, { log: pino({ level: "silent" }) });
  key = (
    await server.ctx.repos.apiKeys.create("crawler", [
      "events:write",
      "media:write",
      "cases:read",
      "actions:read",
    ])
  ).key;
  const bank = await server.ctx.repos.banks.create(
    "fixture",
    "benign generated patterns standing in for known material",
  );
  const banked = pdqFromPixels(renderPattern("rings", 256, 256, 7));
  await server.ctx.repos.banks.addEntries(bank.id, [
    {
      signalType: "pdq",
      value: hash256ToHex(banked.hash),
      quality: banked.quality,
      provenance: "confirmed",
      source: "test",
      addedBy: "test",
      metadata: {},
    },
  ]);
  await server.ctx.matcher.refresh();
  repo = new CrawlRepository(server.ctx.database.db);
});

after(async () => {
  await server.close();
  await target.dispose();
  await site.close();
});

function previewOptions() {
  const env = Object.fromEntries(
    INVITE_PLATFORMS.map((p) => [`VIGIL_PREVIEW_BASE_${p.toUpperCase()}`, `${site.origin}/preview/${p}`]),
  );
  const tools = createCrawlTools({ networkAllowHosts: ["127.0.0.1"], timeoutMs: 2000, minIntervalMs: 0 });
  return { bases: previewBases(env), fetch: tools.fetch, withImage: true, maxImageBytes: 1024 * 1024 };
}

function invite(code: string): FoundInvite {
  return {
    platform: "whatsapp",
    code,
    url: `https://chat.whatsapp.com/${code}`,
    foundOn: `${site.origin}/c/friendship?page=1`,
    source: "fixture",
    category: "Friendship",
    title: "Listing title",
  };
}

async function casesFor(
  subjectId: string,
): Promise<{ queue: string; subject: { type: string; id: string } }[]> {
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${server.url}/v1/cases`, { headers: { authorization: `Bearer ${key}` } });
    const body = (await res.json()) as { cases: { queue: string; subject: { type: string; id: string } }[] };
    const found = body.cases.filter((c) => c.subject.id === subjectId);
    if (found.length > 0) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  return [];
}

test("a banked preview photo opens an NCMEC case and acts on the group behind the link", async () => {
  const code = "BankedPhotoGroupCode001";
  site.previews.set(`whatsapp/${code}`, {
    state: "alive",
    title: "Weekend football",
    description: "Benign fixture group",
    members: 12,
    image: { pattern: "rings", seed: 7 },
  });
  const client = new HttpServiceClient(server.url, key);
  const result = await submitDiscovery(invite(code), previewOptions(), client);
  assert.equal(result.status, "accepted");
  assert.ok(result.mediaId);
  const cases = await casesFor(code);
  assert.deepEqual(
    cases.map((c) => c.queue),
    ["ncmec"],
  );
  const res = await fetch(`${server.url}/v1/actions`, { headers: { authorization: `Bearer ${key}` } });
  const { actions } = (await res.json()) as {
    actions: { action: string; subject: { type: string; id: string } }[];
  };
  assert.deepEqual(
    actions.map((a) => [a.action, a.subject.type, a.subject.id]),
    [["disable_group", "group", `invite:${code}`]],
  );
  // The crawler's record of the link learns of the action, and watches it closely from now on.
  const run = await repo.openRun("actioned");
  await repo.recordLinks(run.runId, [
    { platform: "whatsapp", code, url: invite(code).url, source: "actioned", foundOn: site.origin },
  ]);
  assert.equal(await repo.markActioned(600_000), 1);
  assert.equal(await repo.markActioned(600_000), 0, "marked once");
  const [marked] = (await repo.links({ limit: 1000 })).filter((l) => l.code === code);
  assert.ok(marked.actionedAt);
  assert.ok((marked.nextCheckAt?.getTime() ?? 0) <= marked.actionedAt.getTime() + 600_000);
  await repo.finishRun(run.runId, {});
  // Submitting the same sighting again is a duplicate, not a second decision.
  assert.equal((await submitDiscovery(invite(code), previewOptions(), client)).status, "duplicate");
});

test("a preview title the text signal flags opens a child-safety case", async () => {
  const code = "FlaggedTitleGroupCode01";
  site.previews.set(`whatsapp/${code}`, {
    state: "alive",
    title: "c.h.i.l.d p0rn",
    description: "",
    members: 3,
    image: { pattern: "gradient", seed: 5 },
  });
  const result = await submitDiscovery(
    invite(code),
    previewOptions(),
    new HttpServiceClient(server.url, key),
  );
  assert.equal(result.status, "accepted");
  const cases = await casesFor(code);
  assert.deepEqual(
    cases.map((c) => [c.queue, c.subject.type]),
    [["child-safety", "invite_link"]],
  );
});

// Generous: the machine running the tests may be busy (1 s flaked at load 25), and this site has no slow trap.
const tools = () => createCrawlTools({ networkAllowHosts: ["127.0.0.1"], timeoutMs: 5000, minIntervalMs: 0 });
const plan = () => ({
  source: "fixture",
  startUrls: [`${site.origin}/`],
  allowHosts: new Set(["127.0.0.1"]),
  maxDepth: 5,
  maxPages: 200,
});

test("a crashed run resumes where it stopped and reports each link once", async () => {
  const first = await repo.openRun("fixture");
  assert.equal(first.resumed, false);
  const found: FoundInvite[] = [];
  // The first attempt "crashes" after 4 pages: maxPages stops it, and one page is left in progress.
  await crawlSite({ ...plan(), maxPages: 4 }, tools(), new StoredCrawlJournal(repo, first.runId), {
    onInvite: (i) => found.push(i),
  });
  const stuck = await repo.take(first.runId);
  assert.ok(stuck, "a page was in progress at the crash");
  const hitsBefore = new Map(site.hits);

  const second = await repo.openRun("fixture");
  assert.deepEqual(second, { runId: first.runId, resumed: true });
  await crawlSite(plan(), tools(), new StoredCrawlJournal(repo, second.runId), {
    onInvite: (i) => found.push(i),
  });
  await repo.finishRun(second.runId, {});

  const urls = found.map((i) => i.url);
  assert.equal(new Set(urls).size, urls.length, "no link reported twice across the crash");
  assert.deepEqual([...urls].sort(), [...site.expectedHtmlLinks()].sort());
  assert.equal(site.hits.get("/"), hitsBefore.get("/"), "the start page was not fetched again");
  const states = await repo.pageStates(first.runId);
  assert.ok(states.some((s) => s.state === "refused" && s.reason === "robots_disallowed"));
  assert.ok(!states.some((s) => s.state === "queued" || s.state === "in_progress"));
  assert.equal((await repo.openRun("fixture")).resumed, false, "a finished run is not resumed");
  const finished = (await repo.lastFinished()).get("fixture");
  assert.ok(finished && Math.abs(finished.getTime() - Date.now()) < 60_000, "the last finished run is dated");
});

test("liveness re-checks record a link going from alive to revoked, with the time of removal", async () => {
  const code = "LivenessFixtureCode0001";
  const run = await repo.openRun("liveness");
  await repo.recordLinks(run.runId, [
    {
      platform: "whatsapp",
      code,
      url: `https://chat.whatsapp.com/${code}`,
      source: "liveness",
      foundOn: site.origin,
    },
  ]);
  const fixture = {
    state: "alive" as const,
    title: "Alive",
    description: "",
    members: 5,
    image: { pattern: "gradient", seed: 1 },
  };
  site.previews.set(`whatsapp/${code}`, fixture);
  const env = Object.fromEntries(
    INVITE_PLATFORMS.map((p) => [`VIGIL_PREVIEW_BASE_${p.toUpperCase()}`, `${site.origin}/preview/${p}`]),
  );
  const preview = { bases: previewBases(env), fetch: tools().fetch, maxImageBytes: 1024 * 1024 };
  let clock = new Date(Date.now() + 60_000);
  const tick = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  const only = async () => (await checkDueLinks(repo, preview, () => clock)).filter((c) => c.code === code);

  assert.deepEqual(
    (await only()).map((c) => c.state),
    ["alive"],
  );
  site.previews.set(`whatsapp/${code}`, { ...fixture, state: "revoked" });
  assert.deepEqual(await only(), [], "not due yet: alive links wait six hours");
  tick(7 * 3_600_000);
  const removedFirstSeen = new Date(clock);
  assert.deepEqual(
    (await only()).map((c) => c.state),
    ["suspected_revoked"],
  );
  tick(20 * 60_000);
  assert.deepEqual(
    (await only()).map((c) => c.state),
    ["revoked"],
  );
  tick(30 * 24 * 3_600_000);
  assert.deepEqual(await only(), [], "a revoked link is not checked again");
  const [row] = (await repo.links({ limit: 100 })).filter((l) => l.code === code);
  assert.equal(row.liveness, "revoked");
  assert.deepEqual(row.removedAt, removedFirstSeen);
  assert.equal(row.checks, 3);
});
