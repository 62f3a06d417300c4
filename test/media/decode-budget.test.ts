/**
 * The decode budget (issue 17, finding 10): never more decodes or declared
 * megapixels in flight than configured; a decode that cannot get its share
 * within the wait is refused with DecoderBusyError (Retry-After), and the
 * next in line is served in arrival order.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DecodeBudget, DecoderBusyError } from "../../src/media/decode-budget.js";

/** A decode that finishes when the test says so. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => {};
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

test("no more decodes and no more megapixels in flight than the budget allows", async () => {
  const budget = new DecodeBudget({ megapixels: 100, concurrent: 3, waitMs: 60_000 });
  let peakDecodes = 0;
  let peakMegapixels = 0;
  const gates = Array.from({ length: 8 }, gate);
  const runs = gates.map((g) =>
    budget.run(40_000_000, async () => {
      peakDecodes = Math.max(peakDecodes, budget.inFlight.decodes);
      peakMegapixels = Math.max(peakMegapixels, budget.inFlight.megapixels);
      await g.wait;
    }),
  );
  // Two 40-megapixel decodes fit in 100; the third waits although a third slot is free.
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(budget.inFlight, { decodes: 2, megapixels: 80, waiting: 6 });
  for (const g of gates) {
    g.open();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(runs);
  assert.equal(peakDecodes, 2);
  assert.equal(peakMegapixels, 80);
  assert.deepEqual(budget.inFlight, { decodes: 0, megapixels: 0, waiting: 0 });
});

test("the concurrency cap holds for small images too", async () => {
  const budget = new DecodeBudget({ megapixels: 1000, concurrent: 2, waitMs: 60_000 });
  let peak = 0;
  await Promise.all(
    Array.from({ length: 10 }, () =>
      budget.run(1_000, async () => {
        peak = Math.max(peak, budget.inFlight.decodes);
        await new Promise((resolve) => setImmediate(resolve));
      }),
    ),
  );
  assert.equal(peak, 2);
});

test("a decode that cannot get its share in time is refused as DecoderBusy and leaves the budget whole", async () => {
  const budget = new DecodeBudget({ megapixels: 50, concurrent: 2, waitMs: 20 });
  const held = gate();
  const first = budget.run(50_000_000, () => held.wait);
  await assert.rejects(
    budget.run(10_000_000, async () => "never"),
    (error: unknown) =>
      error instanceof DecoderBusyError && error.code === "DecoderBusy" && error.retryAfterSeconds >= 1,
  );
  held.open();
  await first;
  assert.deepEqual(budget.inFlight, { decodes: 0, megapixels: 0, waiting: 0 });
  assert.equal(await budget.run(10_000_000, async () => "decoded"), "decoded");
});

test("an image bigger than the whole budget decodes alone instead of never", async () => {
  const budget = new DecodeBudget({ megapixels: 10, concurrent: 2, waitMs: 60_000 });
  assert.equal(await budget.run(80_000_000, async () => budget.inFlight.megapixels), 10);
});

test("a failed decode gives its share back", async () => {
  const budget = new DecodeBudget({ megapixels: 10, concurrent: 1, waitMs: 60_000 });
  await assert.rejects(
    budget.run(5_000_000, async () => {
      throw new Error("corrupt");
    }),
    /corrupt/,
  );
  assert.deepEqual(budget.inFlight, { decodes: 0, megapixels: 0, waiting: 0 });
});

test("after a big decode its memory is reclaimed before the next decode is let in", async () => {
  const order: string[] = [];
  const budget = new DecodeBudget(
    { megapixels: 100, concurrent: 1, waitMs: 60_000, reclaimAboveMegapixels: 10 },
    () => order.push("reclaim"),
  );
  await Promise.all([
    budget.run(80_000_000, async () => order.push("big")),
    budget.run(1_000_000, async () => order.push("small")),
    budget.run(1_000_000, async () => order.push("small")),
  ]);
  assert.deepEqual(order, ["big", "reclaim", "small", "small"]);
});
