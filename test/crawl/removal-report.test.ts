/** The removal report's event (strict intake contract) and the time-to-removal histogram's exposition. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { removalEvent, removalEventId, timeToRemovalSeconds } from "../../src/crawl/removal-event.js";
import { PlatformEvent } from "../../src/domain/event-schema.js";
import { REMOVAL_BUCKETS_SECONDS, SnapshotHistogram } from "../../src/metrics/crawl-metrics.js";

const link = {
  platform: "telegram",
  code: "+AbCdEf123456",
  url: "https://t.me/+AbCdEf123456",
  firstSeenAt: new Date("2026-11-20T10:00:00Z"),
  actionedAt: new Date("2026-11-21T10:00:00Z"),
  removedAt: new Date("2026-11-21T10:45:00Z"),
};

test("a removal report is a valid invite_link.revoked about the link and its group, with a fixed id", () => {
  const event = removalEvent(link);
  assert.ok(PlatformEvent.safeParse(event).success, JSON.stringify(PlatformEvent.safeParse(event).error));
  assert.equal(event.id, removalEventId(link));
  assert.equal(removalEvent(link).id, event.id, "a retried report is the same event");
  assert.equal(event.type, "invite_link.revoked");
  assert.equal(event.occurred_at, "2026-11-21T10:45:00.000Z");
  if (event.type !== "invite_link.revoked") return;
  assert.deepEqual(event.invite_link, { code: link.code, url: link.url, group_id: `invite:${link.code}` });
  assert.equal(event.data?.time_to_removal_seconds, 45 * 60);
  assert.equal(event.data?.time_to_removal_since, "action");
});

test("time to removal counts from the action, or from discovery when Vigil never acted", () => {
  assert.deepEqual(timeToRemovalSeconds(link), { since: "action", seconds: 2700 });
  assert.deepEqual(timeToRemovalSeconds({ ...link, actionedAt: null }), {
    since: "discovery",
    seconds: 24 * 3600 + 2700,
  });
});

test("the histogram renders cumulative buckets per label set, replaced whole on refresh", () => {
  const h = new SnapshotHistogram("t_seconds", "test", REMOVAL_BUCKETS_SECONDS);
  h.replace([
    { labels: { platform: "whatsapp", since: "action" }, value: 200 },
    { labels: { platform: "whatsapp", since: "action" }, value: 2000 },
    { labels: { platform: "discord", since: "discovery" }, value: 10_000_000 },
  ]);
  const text = h.render().join("\n");
  assert.match(text, /^# TYPE t_seconds histogram$/m);
  assert.match(text, /^t_seconds_bucket\{platform="whatsapp",since="action",le="300"\} 1$/m);
  assert.match(text, /^t_seconds_bucket\{platform="whatsapp",since="action",le="3600"\} 2$/m);
  assert.match(text, /^t_seconds_count\{platform="whatsapp",since="action"\} 2$/m);
  assert.match(text, /^t_seconds_sum\{platform="whatsapp",since="action"\} 2200$/m);
  assert.match(text, /^t_seconds_bucket\{platform="discord",since="discovery",le="2592000"\} 0$/m);
  assert.match(text, /^t_seconds_bucket\{platform="discord",since="discovery",le="\+Inf"\} 1$/m);
  h.replace([]);
  assert.deepEqual(h.render(), ["# HELP t_seconds test", "# TYPE t_seconds histogram"]);
});
