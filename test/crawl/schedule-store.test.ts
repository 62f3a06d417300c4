/**
 * The crawl scheduler's store: one lease holder at a time, and submissions
 * the service did not take (down, 5xx, timeout) stay in the crawl
 * journal and are retried with backoff on a later drain: nothing found is
 * lost, nothing is sent twice. The service is a fake on 127.0.0.1 that fails
 * a set number of times in set ways; previews come from the fixture site.
 * On PGlite and, when VIGIL_TEST_DATABASE_URL is set, PostgreSQL.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { crawlSite } from "../../src/crawl/crawl-site.js";
import { createCrawlTools } from "../../src/crawl/crawl-tools.js";
import { drainSubmissions, retryDelayMs } from "../../src/crawl/drain-submissions.js";
import { INVITE_PLATFORMS } from "../../src/crawl/platforms.js";
import { previewBases } from "../../src/crawl/preview/preview-sources.js";
import { QueueingJournal } from "../../src/crawl/queueing-journal.js";
import { HttpServiceClient } from "../../src/crawl/service-client.js";
import { StoredCrawlJournal } from "../../src/crawl/stored-crawl-journal.js";
import { type DirectorySite, startDirectorySite } from "../../src/demo/directory-site.js";
import { type Database, openDatabase } from "../../src/store/database.js";
import { CrawlRepository } from "../../src/store/repositories/crawl-repository.js";
import { CrawlScheduleRepository } from "../../src/store/repositories/crawl-schedule-repository.js";
import { databaseKinds } from "../support/databases.js";
import { FlakyService } from "../support/flaky-service.js";

test("retry delays double from the first and stop at the cap", () => {
  const retry = { firstMs: 30_000, maxMs: 3_600_000 };
  assert.deepEqual(
    [1, 2, 3, 8, 20].map((n) => retryDelayMs(n, retry)),
    [30_000, 60_000, 120_000, 3_600_000, 3_600_000],
  );
});

let site: DirectorySite;
before(async () => {
  site = await startDirectorySite({ slowMs: 50 });
});
after(() => site.close());

function preview() {
  const env = Object.fromEntries(
    INVITE_PLATFORMS.map((p) => [`VIGIL_PREVIEW_BASE_${p.toUpperCase()}`, `${site.origin}/preview/${p}`]),
  );
  const tools = createCrawlTools({ networkAllowHosts: ["127.0.0.1"], timeoutMs: 2000, minIntervalMs: 0 });
  return { bases: previewBases(env), fetch: tools.fetch, withImage: true, maxImageBytes: 1024 * 1024 };
}

for (const kind of databaseKinds) {
  describe(`the crawl schedule store (${kind.label})`, { skip: kind.skip }, () => {
    let database: Database;
    let dispose: () => Promise<void>;
    let links: CrawlRepository;
    let schedule: CrawlScheduleRepository;
    let service: FlakyService;
    let client: HttpServiceClient;

    before(async () => {
      const target = await kind.make();
      dispose = target.dispose;
      database = await openDatabase(target.options);
      links = new CrawlRepository(database.db);
      schedule = new CrawlScheduleRepository(database.db);
      service = new FlakyService();
      // A short timeout: a service that hangs is a failed attempt, not a stuck crawler.
      client = new HttpServiceClient(await service.listen(), "test-key", 500);
    });
    after(async () => {
      await service.close();
      await database.close();
      await dispose();
    });

    test("one lease holder at a time; a lapsed or released lease passes to another", async () => {
      assert.equal(await schedule.acquireLease("test-lease", "a", 60_000), true);
      assert.equal(await schedule.acquireLease("test-lease", "b", 60_000), false, "a holds it");
      assert.equal(await schedule.acquireLease("test-lease", "a", 60_000), true, "the holder renews");
      await schedule.releaseLease("test-lease", "a");
      assert.equal(await schedule.acquireLease("test-lease", "b", 200), true, "released: b takes it");
      assert.equal(await schedule.acquireLease("test-lease", "a", 60_000), false);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(await schedule.acquireLease("test-lease", "a", 60_000), true, "b's lease lapsed");
      // Two processes asking at once: exactly one wins.
      await schedule.releaseLease("test-lease", "a");
      const race = await Promise.all(
        ["c", "d", "e"].map((h) => schedule.acquireLease("test-lease", h, 60_000)),
      );
      assert.equal(race.filter(Boolean).length, 1);
      await schedule.recordTick("test-lease", "a", { ignored: true });
      assert.deepEqual((await schedule.lease("test-lease"))?.lastTick, {}, "only the holder records a round");
    });

    test("a discovery that meets 503, 500, a timeout and a reset is sent on the fifth attempt, once", async () => {
      const run = await links.openRun("retry");
      const code = "RetryFixtureCode000001";
      await links.recordLinks(run.runId, [
        {
          platform: "whatsapp",
          code,
          url: `https://chat.whatsapp.com/${code}`,
          source: "retry",
          foundOn: `${site.origin}/c/friendship?page=1`,
          category: "Friendship",
          title: "Retry fixture",
        },
      ]);
      let clock = new Date("2026-11-23T12:00:00Z");
      await schedule.enqueue("discovered", [{ platform: "whatsapp", code }], clock);
      service.failures = [503, 500, "hang", "reset"];
      const retry = { firstMs: 60_000, maxMs: 600_000 };
      const drain = () => drainSubmissions(schedule, client, { preview: preview(), now: () => clock, retry });

      const errors: string[] = [];
      for (const wait of [0, 60_000, 120_000, 240_000]) {
        clock = new Date(clock.getTime() + wait);
        const result = await drain();
        assert.deepEqual([result.submitted, result.failed], [0, 1], `attempt after ${wait} ms`);
        errors.push(...result.errors);
        assert.deepEqual(await drain(), { submitted: 0, failed: 0, errors: [] }, "not due again at once");
      }
      assert.match(errors[0], /HTTP 503/);
      assert.match(errors[1], /HTTP 500/);
      assert.match(errors[2], /timeout|aborted/i);
      const [pending] = await schedule.pendingSubmissions();
      assert.equal(pending.attempts, 4);
      assert.deepEqual(pending.nextAttemptAt, new Date(clock.getTime() + 480_000), "backoff doubled");
      assert.ok(pending.lastError);

      clock = new Date(clock.getTime() + 480_000);
      assert.equal((await drain()).submitted, 1);
      assert.equal(service.accepted.length, 1);
      assert.equal(service.accepted[0].invite_link.url, `https://chat.whatsapp.com/${code}`);
      assert.deepEqual(await schedule.submissionCounts(), { pending: 0, failing: 0, submitted: 1 });
      assert.deepEqual(await drain(), { submitted: 0, failed: 0, errors: [] }, "sent once");
      await links.finishRun(run.runId, {});
    });

    test("a crawl while the service is down loses no link: each is submitted once it is back", async () => {
      const run = await links.openRun("fixture");
      let clock = new Date("2026-11-24T12:00:00Z");
      const journal = new QueueingJournal(new StoredCrawlJournal(links, run.runId), {
        queue: (invites) => schedule.enqueue("discovered", invites, clock),
      });
      const tools = createCrawlTools({ networkAllowHosts: ["127.0.0.1"], timeoutMs: 1000, minIntervalMs: 0 });
      await crawlSite(
        {
          source: "fixture",
          startUrls: [`${site.origin}/`],
          allowHosts: new Set(["127.0.0.1"]),
          maxDepth: 5,
          maxPages: 200,
        },
        tools,
        journal,
      );
      await tools.close();
      assert.equal(await schedule.queueUnqueued(run.runId, clock), 0, "every new link was queued as found");
      await links.finishRun(run.runId, {});
      const expected = site.expectedHtmlLinks();
      const before = service.accepted.length;
      // Down for the first three posts: those links wait for the next drain.
      service.failures = [503, 503, 503];
      const retry = { firstMs: 1000, maxMs: 1000 };
      const first = await drainSubmissions(schedule, client, { preview: preview(), now: () => clock, retry });
      assert.equal(first.failed, 3);
      assert.equal(first.submitted, expected.length - 3);
      assert.equal((await schedule.submissionCounts()).failing, 3);
      clock = new Date(clock.getTime() + 1000);
      const second = await drainSubmissions(schedule, client, {
        preview: preview(),
        now: () => clock,
        retry,
      });
      assert.deepEqual([second.submitted, second.failed], [3, 0]);
      const sent = service.accepted.slice(before).map((e) => e.invite_link.url);
      assert.deepEqual([...sent].sort(), [...expected].sort(), "every link submitted, each once");
      assert.equal((await schedule.submissionCounts()).pending, 0);
    });
  });
}
