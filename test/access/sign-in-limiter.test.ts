/** The sign-in limiter, pure: per account and per address, sliding window, success clears the account. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { SignInLimiter } from "../../src/access/sign-in-limiter.js";

test("failures past the limit refuse, with the seconds until the window frees a slot", () => {
  let now = 1_000_000;
  const limiter = new SignInLimiter({ windowMs: 60_000, perAccount: 3, perAddress: 5 }, () => now);
  for (let i = 0; i < 3; i++) {
    assert.deepEqual(limiter.check("a@x", "10.0.0.1"), { allowed: true });
    limiter.fail("a@x", "10.0.0.1");
    now += 1000;
  }
  assert.deepEqual(limiter.check("a@x", "10.0.0.2"), {
    allowed: false,
    by: "account",
    retryAfterSeconds: 57,
  });
  assert.deepEqual(
    limiter.check("b@x", "10.0.0.1"),
    { allowed: true },
    "another account from the same address",
  );
  now += 57_000;
  assert.deepEqual(limiter.check("a@x", "10.0.0.1"), { allowed: true }, "the oldest failure left the window");
});

test("per address: many accounts guessed from one address are stopped too; success clears only the account", () => {
  const now = 0;
  const limiter = new SignInLimiter({ windowMs: 60_000, perAccount: 3, perAddress: 5 }, () => now);
  for (let i = 0; i < 5; i++) limiter.fail(`user${i}@x`, "10.0.0.9");
  const verdict = limiter.check("fresh@x", "10.0.0.9");
  assert.equal(verdict.allowed, false);
  assert.equal(verdict.allowed === false && verdict.by, "address");
  limiter.fail("c@x", "10.0.0.3");
  limiter.fail("c@x", "10.0.0.3");
  limiter.succeed("c@x");
  limiter.fail("c@x", "10.0.0.3");
  limiter.fail("c@x", "10.0.0.3");
  assert.deepEqual(
    limiter.check("c@x", "10.0.0.4"),
    { allowed: true },
    "the success reset the account's count",
  );
});
