/** Backoff: the AWS jitter formulas with a fixed random source, defaults and bounds. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { backoffPolicy, ceilingMs, DEFAULT_BACKOFF, retryDelayMs } from "../../src/enforce/backoff.js";

const fixed = (x: number) => () => x;

test("defaults: full jitter, base 1 s, cap 10 min", () => {
  assert.deepEqual(backoffPolicy(), { jitter: "full", baseMs: 1_000, capMs: 600_000 });
  assert.deepEqual(DEFAULT_BACKOFF, backoffPolicy());
});

test("full jitter: uniform in [0, min(cap, base * 2^(n-1)))", () => {
  const policy = backoffPolicy();
  assert.deepEqual(
    [1, 2, 3, 10, 11, 12, 5_000].map((n) => ceilingMs(policy, n)),
    [1_000, 2_000, 4_000, 512_000, 600_000, 600_000, 600_000],
  );
  assert.equal(retryDelayMs(policy, 1, fixed(0)), 0);
  assert.equal(retryDelayMs(policy, 1, fixed(0.5)), 500);
  assert.equal(retryDelayMs(policy, 4, fixed(0.25)), 2_000);
  assert.equal(retryDelayMs(policy, 40, fixed(0.5)), 300_000);
  // A random source returning 1 (out of contract) still stays below the ceiling.
  assert.ok(retryDelayMs(policy, 1, fixed(1)) < 1_000);
});

test("decorrelated jitter: in [base, min(cap, previous * 3)]", () => {
  const policy = backoffPolicy({ jitter: "decorrelated", baseMs: 100, capMs: 10_000 });
  assert.equal(retryDelayMs(policy, 1, fixed(0)), 100);
  assert.equal(retryDelayMs(policy, 1, fixed(0.5)), 200, "first: between base and 3 * base");
  assert.equal(retryDelayMs(policy, 2, fixed(0.5), 1_000), 1_550, "100 + 0.5 * (3000 - 100)");
  assert.equal(retryDelayMs(policy, 9, fixed(0.99), 9_000), 9_901, "capped at 10 s");
  // Unknown previous delay: the previous full-jitter ceiling stands in (n = 3 -> 200 ms).
  assert.equal(retryDelayMs(policy, 3, fixed(1 - Number.EPSILON)), 599);
});

test("a sequence is reproducible from its random source", () => {
  const seq = (seed: number) => {
    let s = seed;
    const random = () => {
      s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
      return s / 2 ** 31;
    };
    let previous: number | undefined;
    const out: number[] = [];
    for (let n = 1; n <= 12; n++) {
      previous = retryDelayMs(backoffPolicy({ jitter: "decorrelated" }), n, random, previous);
      out.push(previous);
    }
    return out;
  };
  assert.deepEqual(seq(7), seq(7));
  assert.notDeepEqual(seq(7), seq(8));
  for (const d of seq(7)) assert.ok(d >= 1_000 && d <= 600_000);
});

test("bad settings are refused", () => {
  assert.throws(() => backoffPolicy({ baseMs: 0 }), RangeError);
  assert.throws(() => backoffPolicy({ baseMs: 1_000, capMs: 999 }), RangeError);
  assert.throws(() => backoffPolicy({ capMs: Number.POSITIVE_INFINITY }), RangeError);
  assert.throws(() => retryDelayMs(DEFAULT_BACKOFF, 0), RangeError);
});
