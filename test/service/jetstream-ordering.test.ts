/**
 * Per-subject order with two JetStream workers (issue 9, point 1): each
 * group's events are decided in the order they were accepted, even though a
 * worker is SIGKILLed mid-stream and its partitions move; the two workers
 * share the partitions evenly; every event is decided once.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { stableHash } from "../../src/domain/partitions.js";
import { POSTGRES_URL } from "../support/databases.js";
import { decisionCounts, outOfOrderSubjects, scaleDeployment } from "../support/scale-deployment.js";
import { api } from "../support/vigil-process.js";

const NATS_URL = process.env.VIGIL_TEST_NATS_URL;
const skip = !POSTGRES_URL
  ? "VIGIL_TEST_DATABASE_URL is not set; JetStream ordering test skipped (.ci/run sets it)"
  : !NATS_URL
    ? "VIGIL_TEST_NATS_URL is not set; JetStream ordering test skipped (.ci/run sets it)"
    : false;

const TOTAL = 3000;
const GROUPS = 40;
const PARTITIONS = 8;

async function waitFor<T>(what: string, probe: () => Promise<T | null>, ms = 120_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test("2 workers: each group's events decided in acceptance order across a SIGKILL; partitions shared evenly", {
  skip,
  timeout: 240_000,
}, async () => {
  const d = await scaleDeployment(NATS_URL as string, { VIGIL_PARTITIONS: String(PARTITIONS) });
  try {
    const apiServer = await d.start("api");
    let worker1 = await d.start("worker");
    await d.start("worker");
    const events = Array.from({ length: TOTAL }, (_, i) => ({
      id: `o-${i}`,
      type: "group.updated",
      occurred_at: "2026-11-22T10:00:00Z",
      platform: "whatsapp",
      group: { id: `g-${i % GROUPS}`, name: `name ${i}` },
    }));
    for (let b = 0; b * 200 < TOTAL; b++) {
      const res = await api(apiServer.url, d.key, "POST", "/v1/events", {
        events: events.slice(b * 200, (b + 1) * 200),
      });
      assert.equal(res.status, 202);
      if (b === 5) {
        await worker1.stop("SIGKILL");
        worker1 = await d.start("worker");
      }
    }
    await waitFor("every event decided", async () => {
      const { json } = await api(apiServer.url, d.key, "GET", "/v1/stats");
      return ((json.events as Record<string, number>).decided ?? 0) >= TOTAL ? true : null;
    });
    assert.deepEqual(await decisionCounts(d), { n: TOTAL, d: TOTAL }, "one decision per event");
    // A delivery that goes astray (a pull answered as the client gave up on it) is caught by the
    // runner's delivery-sequence check and handed back in order (pipeline/jetstream-partition.ts).
    const astray = d.logLines(/consumer recreated|stalled; abandoned|republishing events/);
    if (astray.length > 0) console.log(`# recovered in order: ${astray.length} astray deliveries or sweeps`);
    assert.deepEqual(await outOfOrderSubjects(d), [], "each group's events in acceptance order");

    // The two live workers hold the partitions half each (advisory locks of the lease namespace).
    const space = stableHash(`${d.env.VIGIL_NATS_STREAM}:partition`) & 0x7fffffff;
    const held = await waitFor(
      "balanced leases",
      async () => {
        const rows = await d.sql<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = $1::oid GROUP BY pid ORDER BY pid",
          [space],
        );
        const counts = rows.map((r) => r.n);
        return counts.length === 2 && counts[0] === PARTITIONS / 2 && counts[1] === PARTITIONS / 2
          ? counts
          : null;
      },
      20_000,
    );
    assert.deepEqual(held, [PARTITIONS / 2, PARTITIONS / 2]);
  } finally {
    await d.dispose();
  }
});
