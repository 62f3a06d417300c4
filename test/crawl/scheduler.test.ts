/**
 * The crawl scheduler inside the service, against the fixture directory on
 * 127.0.0.1 on a fast test schedule (a tick every 200 ms, a clock the test
 * moves): the configured source is crawled once per its schedule and every
 * link submitted through the pipeline; a banked preview photo leads to an
 * action on the group behind its link; the link is then watched every ten
 * minutes instead of six hours; when the fixture revokes it, the removal is
 * confirmed, reported back as `invite_link.revoked` (the invite link is
 * marked revoked and the moderation log has the event), and time to removal
 * shows per platform in GET /v1/crawl/status and /metrics. The lease keeps a
 * second scheduler idle. One embedded database for the file (the slow part).
 */
import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { eq } from "drizzle-orm";
import pino from "pino";
import { inProcessServiceClient } from "../../src/app/crawl.js";
import { type RunningServer, startServer } from "../../src/app/start.js";
import { serverConfig } from "../../src/cli/commands/serve.js";
import { loadCrawlConfig } from "../../src/crawl/crawl-config.js";
import { CrawlScheduler } from "../../src/crawl/crawl-scheduler.js";
import { INVITE_PLATFORMS } from "../../src/crawl/platforms.js";
import { previewBases } from "../../src/crawl/preview/preview-sources.js";
import { removalEventId } from "../../src/crawl/removal-event.js";
import { type DirectorySite, startDirectorySite } from "../../src/demo/directory-site.js";
import { renderPattern } from "../../src/demo/patterns.js";
import { hash256ToHex } from "../../src/hashing/pdq/hash256.js";
import { pdqFromPixels } from "../../src/hashing/pdq/pdq.js";
import { CrawlRepository } from "../../src/store/repositories/crawl-repository.js";
import { CrawlScheduleRepository } from "../../src/store/repositories/crawl-schedule-repository.js";
import { SubjectHistoryRepository } from "../../src/store/repositories/subject-history-repository.js";
import { moderationEvents } from "../../src/store/schema.js";
import { signIn } from "../console/console-client.js";
import { embeddedTestDatabase, type TestDatabase } from "../support/databases.js";

let site: DirectorySite;
let target: TestDatabase;
let server: RunningServer;
let key: string;
let links: CrawlRepository;
/** The scheduler's clock: frozen unless the test moves it. */
let clock = new Date();
/** The banked link: the first WhatsApp link the directory lists. */
let banked: { code: string; url: string };

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  ms = 60_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function get(path: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(res.status, 200, path);
  return (await res.json()) as Record<string, unknown>;
}

interface Status {
  scheduler: { holder: string; lease_live: boolean; last_tick: { sources?: unknown[] } } | null;
  runs: { source: string; status: string; pages: Record<string, number> }[];
  links: { platform: string; liveness: string; n: number }[];
  submissions: { pending: number; failing: number; submitted: number };
  time_to_removal: { platform: string; removed: number; median_seconds: number | null }[];
}
const status = async () => (await get("/v1/crawl/status")) as unknown as Status;
const link = async (code: string) => (await links.links({ limit: 1000 })).find((l) => l.code === code);

before(async () => {
  site = await startDirectorySite({ slowMs: 50 });
  for (const p of INVITE_PLATFORMS)
    process.env[`VIGIL_PREVIEW_BASE_${p.toUpperCase()}`] = `${site.origin}/preview/${p}`;
  const whatsapp = site.expectedHtmlLinks().find((u) => u.startsWith("https://chat.whatsapp.com/"));
  assert.ok(whatsapp);
  banked = { url: whatsapp, code: whatsapp.split("/").pop() ?? "" };
  site.previews.set(`whatsapp/${banked.code}`, {
    state: "alive",
    title: "Weekend football",
    description: "Benign fixture group",
    members: 12,
    image: { pattern: "rings", seed: 7 },
  });
  target = await embeddedTestDatabase();
  const dir = await mkdtemp(join(tmpdir(), "vigil-crawl-config-"));
  const configFile = join(dir, "crawl.json");
  await writeFile(
    configFile,
    JSON.stringify({
      sources: [
        {
          kind: "site",
          name: "fixture",
          start_urls: [`${site.origin}/`],
          max_depth: 5,
          max_pages: 200,
          schedule: "1h",
        },
      ],
      network_allow_hosts: ["127.0.0.1"],
      politeness: { min_interval_ms: 0, timeout_ms: 10_000 },
    }),
  );
  const config = serverConfig({
    data: target.options.dataDir,
    host: "127.0.0.1",
    port: "0",
    demo: false,
    batchSize: "500",
    crawl: true,
    crawlConfig: configFile,
  });
  config.databaseUrl = undefined;
  assert.ok(config.crawl);
  config.crawl = { ...config.crawl, tickMs: 200, leaseMs: 10_000, now: () => clock };
  server = await startServer(config, { log: pino({ level: "silent" }) });
  key = (await server.ctx.repos.apiKeys.create("crawl-test", ["cases:read", "actions:read", "events:write"]))
    .key;
  const bank = await server.ctx.repos.banks.create("fixture", "benign generated patterns");
  const pdq = pdqFromPixels(renderPattern("rings", 256, 256, 7));
  await server.ctx.repos.banks.addEntries(bank.id, [
    {
      signalType: "pdq",
      value: hash256ToHex(pdq.hash),
      quality: pdq.quality,
      provenance: "confirmed",
      source: "test",
      addedBy: "test",
      metadata: {},
    },
  ]);
  await server.ctx.matcher.refresh();
  links = new CrawlRepository(server.ctx.database.db);
});

after(async () => {
  await server?.close();
  await target?.dispose();
  await site?.close();
});

describe("the crawl scheduler in the service", () => {
  test("the configured source is crawled on its schedule and every link goes through the pipeline", async () => {
    const expected = site.expectedHtmlLinks().length;
    const done = await waitFor("the scheduled crawl and its submissions", async () => {
      const s = await status();
      const run = s.runs.find((r) => r.source === "fixture" && r.status === "finished");
      return run && s.submissions.submitted === expected && s.submissions.pending === 0 ? s : undefined;
    });
    assert.ok((done.runs[0].pages.fetched ?? 0) > 0);
    assert.ok(done.runs[0].pages["refused:robots_disallowed"], "traps recorded with their reason");
    assert.equal(done.scheduler?.lease_live, true);
    // Later ticks do not crawl again: the source's schedule is an hour.
    const hits = site.hits.get("/");
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(site.hits.get("/"), hits);
    assert.equal((await status()).runs.filter((r) => r.source === "fixture").length, 1);
    await waitFor("the discoveries decided", async () => {
      const s = (await get("/v1/stats")) as { events: Record<string, number> };
      return (s.events.decided ?? 0) >= expected;
    });
  });

  test("after an action the link is watched closely, and its removal is confirmed and reported", async () => {
    await waitFor("the action on the banked link's group", async () => {
      const { actions } = (await get("/v1/actions")) as {
        actions: { action: string; subject: { id: string } }[];
      };
      return actions.some((a) => a.action === "disable_group" && a.subject.id === `invite:${banked.code}`);
    });
    clock = new Date(Date.now() + 60_000);
    const watched = await waitFor("the first checks", async () => {
      const row = await link(banked.code);
      return row?.liveness === "alive" && row.actionedAt ? row : undefined;
    });
    assert.ok(
      (watched.nextCheckAt?.getTime() ?? Infinity) <= clock.getTime() + 10 * 60_000,
      "ten minutes, not six hours",
    );
    const other = (await links.links({ limit: 1000 })).find(
      (l) => l.code !== banked.code && l.liveness === "alive",
    );
    assert.deepEqual(other?.nextCheckAt, new Date(clock.getTime() + 6 * 3_600_000));

    site.previews.set(`whatsapp/${banked.code}`, {
      state: "revoked",
      title: "",
      description: "",
      members: 0,
      image: { pattern: "rings", seed: 7 },
    });
    clock = new Date(clock.getTime() + 11 * 60_000);
    const removedAt = new Date(clock);
    await waitFor("a suspicion", async () => (await link(banked.code))?.liveness === "suspected_revoked");
    clock = new Date(clock.getTime() + 11 * 60_000);
    const removed = await waitFor("the confirmed removal", async () => {
      const row = await link(banked.code);
      return row?.liveness === "revoked" ? row : undefined;
    });
    assert.deepEqual(removed.removedAt, removedAt);

    const event = await waitFor("the removal event decided", async () => {
      const e = await server.ctx.repos.events.find(
        "whatsapp",
        removalEventId({ platform: "whatsapp", code: banked.code }),
      );
      return e?.status === "decided" ? e : undefined;
    });
    assert.equal(event.type, "invite_link.revoked");
    const data = (event.payload as { data: Record<string, unknown> }).data;
    assert.equal(data.reported_by, "crawler");
    assert.equal(data.time_to_removal_since, "action");
    const seconds = Number(data.time_to_removal_seconds);
    assert.ok(seconds > 600 && seconds < 900, `time to removal ${seconds} s`);
    // The invite link is now revoked on the group behind it, and the subject's moderation log has the report.
    const group = await new SubjectHistoryRepository(server.ctx.database.db).group(
      "whatsapp",
      `invite:${banked.code}`,
    );
    assert.deepEqual(
      group?.inviteLinks.map((l) => [l.code, l.status]),
      [[banked.code, "revoked"]],
    );
    const log = await server.ctx.database.db
      .select()
      .from(moderationEvents)
      .where(eq(moderationEvents.subjectId, banked.code));
    assert.ok(log.some((m) => m.kind === "decide" && m.eventSeq === event.seq));

    const s = await waitFor("time to removal in the status", async () => {
      const st = await status();
      return st.time_to_removal.find((r) => r.platform === "whatsapp" && r.removed === 1) ? st : undefined;
    });
    assert.ok(s.links.some((l) => l.liveness === "revoked" && l.n === 1));
    const metrics = await waitFor("time to removal in /metrics", async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      return text.includes('vigil_crawl_time_to_removal_seconds_count{platform="whatsapp",since="action"} 1')
        ? text
        : undefined;
    });
    assert.match(
      metrics,
      /vigil_crawl_time_to_removal_seconds_bucket\{platform="whatsapp",since="action",le="900"\} 1/,
    );
    assert.match(
      metrics,
      /vigil_crawl_time_to_removal_seconds_bucket\{platform="whatsapp",since="action",le="300"\} 0/,
    );
    assert.match(metrics, /vigil_crawl_links\{liveness="revoked",platform="whatsapp"\} 1/);
    assert.match(metrics, /vigil_crawl_ticks_total\{lease="held"\} [1-9]/);
    // Reported once: the report is a submission like any other, and it was taken.
    const submitted = await new CrawlScheduleRepository(server.ctx.database.db).submissionCounts();
    assert.equal(submitted.pending, 0);
  });

  test("the console's crawler page data is for those who may read metrics", async () => {
    await server.ctx.repos.users.create("analyst@example.org", "analyst", "", "correct horse battery");
    await server.ctx.repos.users.create("rev@example.org", "reviewer", "", "correct horse battery");
    const analyst = await signIn(server.url, "analyst@example.org", "correct horse battery");
    const shown = await analyst.call("GET", "/v1/console/crawl");
    assert.equal(shown.status, 200);
    const removal = shown.json.time_to_removal as { platform: string; removed: number }[];
    assert.deepEqual(
      removal.map((r) => [r.platform, r.removed]),
      [["whatsapp", 1]],
    );
    const reviewer = await signIn(server.url, "rev@example.org", "correct horse battery");
    assert.equal((await reviewer.call("GET", "/v1/console/crawl")).status, 403);
  });

  test("while one scheduler holds the lease, another stays idle", async () => {
    const other = new CrawlScheduler({
      links,
      schedule: new CrawlScheduleRepository(server.ctx.database.db),
      client: inProcessServiceClient(server.ctx),
      config: null,
      previewBases: previewBases(process.env),
      holder: "another-process",
      tickMs: 1000,
      log: pino({ level: "silent" }),
    });
    const summary = await other.tick();
    assert.equal(summary.held, false);
    assert.equal(summary.checked, 0);
    assert.notEqual((await status()).scheduler?.holder, "another-process");
  });
});

test("a bad crawl config stops the scheduler from starting, with a named error saying where", async () => {
  const dir = await mkdtemp(join(tmpdir(), "vigil-crawl-bad-"));
  const bad = join(dir, "crawl.json");
  await writeFile(
    bad,
    JSON.stringify({ sources: [{ kind: "site", name: "x", start_urls: ["ftp://x/"], shedule: "1h" }] }),
  );
  assert.throws(
    () => loadCrawlConfig(bad),
    (e: Error) => {
      assert.equal(e.name, "InvalidCrawlConfig");
      assert.match(
        e.message,
        /crawl\.json: sources\.0\.start_urls\.0: .*; sources\.0: Unrecognized key.*shedule/,
      );
      return true;
    },
  );
  await writeFile(bad, "{ not json");
  assert.throws(() => loadCrawlConfig(bad), { name: "InvalidCrawlConfig" });
  assert.throws(() => loadCrawlConfig(join(dir, "missing.json")), /missing\.json: ENOENT/);
});

test("vigil serve runs the scheduler unless --no-crawl or VIGIL_CRAWL=off", () => {
  const base = { host: "127.0.0.1", port: "0", demo: false, batchSize: "10", data: "/tmp/x" };
  assert.equal(serverConfig({ ...base, crawl: false }).crawl, undefined);
  assert.equal(serverConfig(base).crawl, undefined, "a config built without the flag has no scheduler");
  const on = serverConfig({ ...base, crawl: true, crawlConfig: "crawl.json" }).crawl;
  assert.equal(on?.tickMs, 60_000);
  assert.match(on?.configFile ?? "", /\/crawl\.json$/);
  process.env.VIGIL_CRAWL = "off";
  try {
    assert.equal(serverConfig({ ...base, crawl: true }).crawl, undefined);
  } finally {
    delete process.env.VIGIL_CRAWL;
  }
});
