/** The liveness state machine and its backoff schedule, table-driven, plus time-to-removal. */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  LINK_OBSERVATIONS,
  LIVENESS_STATES,
  LIVENESS_TRANSITIONS,
  type LinkObservation,
  markActioned,
  newLiveness,
  nextCheckDelay,
  observe,
} from "../../src/crawl/liveness.js";
import { timeToRemoval } from "../../src/crawl/removal-metrics.js";
import { dueSources } from "../../src/crawl/schedule.js";

const T0 = new Date("2026-11-23T10:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

test("every state answers every observation, and revoked is terminal", () => {
  for (const state of LIVENESS_STATES) {
    for (const observation of LINK_OBSERVATIONS) {
      assert.ok(LIVENESS_STATES.includes(LIVENESS_TRANSITIONS[state][observation]));
    }
    assert.equal(LIVENESS_TRANSITIONS.revoked[LINK_OBSERVATIONS[0]], "revoked");
  }
});

const PATHS: [string, LinkObservation[], string, boolean][] = [
  ["alive stays alive", ["alive", "alive"], "alive", false],
  ["one revoked is a suspicion", ["alive", "revoked"], "suspected_revoked", false],
  ["a failed check does not clear a suspicion", ["alive", "revoked", "unknown"], "suspected_revoked", false],
  ["a suspicion that comes back alive is alive", ["alive", "revoked", "alive"], "alive", false],
  ["two revoked confirm removal", ["alive", "revoked", "revoked"], "revoked", true],
  ["nothing revives a revoked link", ["revoked", "revoked", "alive"], "revoked", true],
  ["full is its own state", ["alive", "full"], "full", false],
];

for (const [name, observations, expected, removed] of PATHS) {
  test(`liveness: ${name}`, () => {
    let live = newLiveness(T0);
    observations.forEach((o, i) => {
      live = observe(live, o, minutes(i * 10));
    });
    assert.equal(live.state, expected);
    assert.equal(live.removedAt !== null, removed);
    assert.equal(live.checks, observations.length);
  });
}

test("removal is dated at the first revoked observation of the confirming streak", () => {
  let live = newLiveness(T0);
  live = observe(live, "alive", minutes(0));
  live = observe(live, "revoked", minutes(30));
  live = observe(live, "unknown", minutes(40));
  live = observe(live, "revoked", minutes(50));
  assert.equal(live.state, "revoked");
  assert.deepEqual(live.removedAt, minutes(30));
  assert.equal(live.nextCheckAt, null, "a removed link is not checked again");
});

test("backoff doubles per repeat, is capped, and tightens after an action", () => {
  const HOUR = 3_600_000;
  assert.equal(nextCheckDelay("alive", 1, false), 6 * HOUR);
  assert.equal(nextCheckDelay("alive", 2, false), 12 * HOUR);
  assert.equal(nextCheckDelay("alive", 20, false), 7 * 24 * HOUR);
  assert.equal(nextCheckDelay("alive", 1, true), 10 * 60_000);
  assert.equal(nextCheckDelay("alive", 10, true), 2 * HOUR);
  assert.equal(nextCheckDelay("revoked", 1, false), null);
  let live = observe(newLiveness(T0), "alive", T0);
  assert.deepEqual(live.nextCheckAt, new Date(T0.getTime() + 6 * HOUR));
  live = markActioned(live, minutes(1));
  assert.deepEqual(live.nextCheckAt, minutes(11));
  live = observe(live, "alive", minutes(11));
  assert.deepEqual(live.nextCheckAt, minutes(21));
});

test("time to removal per platform counts from the action", () => {
  const stats = timeToRemoval([
    { platform: "whatsapp", actionedAt: minutes(0), removedAt: minutes(30) },
    { platform: "whatsapp", actionedAt: minutes(0), removedAt: minutes(90) },
    { platform: "whatsapp", actionedAt: minutes(0), removedAt: null },
    { platform: "telegram", actionedAt: null, removedAt: minutes(5) },
  ]);
  assert.deepEqual(stats, [
    { platform: "whatsapp", removed: 2, pending: 1, medianMs: 30 * 60_000, p90Ms: 90 * 60_000 },
  ]);
});

test("a scheduled source is due when its last finished run is older than its interval", () => {
  const site = (name: string, schedule?: string) => ({
    kind: "site" as const,
    name,
    start_urls: ["https://directory.example/"],
    max_depth: 3,
    max_pages: 10,
    ...(schedule ? { schedule } : {}),
  });
  const sources = [site("never-ran", "6h"), site("recent", "6h"), site("stale", "1d"), site("manual")];
  const last = new Map([
    ["recent", minutes(-60)],
    ["stale", minutes(-25 * 60)],
    ["manual", minutes(-10_000)],
  ]);
  assert.deepEqual(
    dueSources(sources, last, T0).map((s) => s.name),
    ["never-ran", "stale"],
  );
});
