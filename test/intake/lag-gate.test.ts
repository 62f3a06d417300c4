/** LagGate: admits under the limit, refuses at it, counts its own accepts between readings, paces Retry-After. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { LagGate } from "../../src/intake/lag-gate.js";

function gate(maxLag: number, lags: number[]) {
  let clock = 0;
  let reads = 0;
  const g = new LagGate(
    async () => {
      reads++;
      return lags.shift() ?? 0;
    },
    { maxLag, cacheMs: 1000, now: () => clock },
  );
  return { g, tick: (ms: number) => (clock += ms), reads: () => reads };
}

test("no limit: never refuses and never counts", async () => {
  const { g, reads } = gate(0, [10_000_000]);
  assert.equal((await g.check()).kind, "admit");
  assert.equal(reads(), 0);
});

test("admits under the limit, refuses at it, and reads the lag once per cache period", async () => {
  const { g, tick, reads } = gate(100, [40, 40, 130, 20]);
  assert.deepEqual(await g.check(), { kind: "admit", lag: 40 });
  g.accepted(59);
  assert.deepEqual(await g.check(), { kind: "admit", lag: 99 });
  g.accepted(1);
  const refused = await g.check();
  assert.equal(refused.kind, "refuse", "own accepts count before the next reading");
  assert.equal(reads(), 1);
  tick(1000);
  assert.deepEqual(await g.check(), { kind: "admit", lag: 40 });
  tick(1000);
  const behind = await g.check();
  assert.ok(behind.kind === "refuse" && behind.lag === 130 && behind.maxLag === 100);
  tick(1000);
  assert.equal((await g.check()).kind, "admit");
  assert.equal(reads(), 4);
});

test("Retry-After follows the workers' pace, within 1..60 s", async () => {
  const { g, tick } = gate(100, [1000, 900, 100_000, 100_000]);
  const first = await g.check();
  assert.ok(first.kind === "refuse" && first.retryAfterSeconds === 5, "pace unknown: 5 s");
  tick(1000);
  // 100 decided in 1 s; 801 over the limit: about 9 s.
  const paced = await g.check();
  assert.ok(paced.kind === "refuse" && paced.retryAfterSeconds === 9, JSON.stringify(paced));
  tick(1000);
  const far = await g.check();
  assert.ok(far.kind === "refuse" && far.retryAfterSeconds === 5, "no progress: pace unknown again");
  tick(1000);
  const stuck = await g.check();
  assert.ok(stuck.kind === "refuse" && stuck.retryAfterSeconds === 5);
});

test("concurrent checks share one reading", async () => {
  const { g, reads } = gate(100, [10]);
  await Promise.all([g.check(), g.check(), g.check()]);
  assert.equal(reads(), 1);
});
