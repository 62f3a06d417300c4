/**
 * The sign-in budget (issue 17, finding 3): 30 concurrent wrong passwords for
 * one account used to be checked 19 times against a limit of 5, because the
 * limiter checked, awaited the password hash, then counted. Slots are now
 * reserved in the database before the password is checked, shared by every
 * API process.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { SignInBudget } from "../../src/access/sign-in-budget.js";
import { openDatabase } from "../../src/store/database.js";
import { SignInAttemptRepository } from "../../src/store/repositories/sign-in-attempt-repository.js";
import { databaseKinds } from "../support/databases.js";
import { startTestServer } from "../support/test-server.js";

const PASSWORD = "correct horse battery staple";

test("30 concurrent wrong passwords for one account over HTTP: at most 5 are checked, the rest answer 429 TooManySignIns", {
  timeout: 120_000,
}, async () => {
  const t = await startTestServer();
  try {
    await t.server.ctx.repos.users.create("target@example.org", "reviewer", "", PASSWORD);
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        fetch(`${t.server.url}/v1/console/session`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-vigil-console": "1" },
          body: JSON.stringify({ email: "target@example.org", password: "wrong guess" }),
        }).then(async (res) => ({ status: res.status, body: (await res.json()) as { error: string } })),
      ),
    );
    const checked = answers.filter((a) => a.status === 401).length;
    assert.equal(checked, 5, `checked ${checked} passwords`);
    assert.ok(answers.every((a) => a.status === 401 || a.body.error === "TooManySignIns"));
    const failures = await t.server.ctx.repos.audit.forTarget("user", "target@example.org");
    assert.equal(failures.filter((f) => f.action === "console.sign_in_failed").length, 5);
  } finally {
    await t.close();
  }
});

for (const kind of databaseKinds) {
  test(`the budget: per account and per address, sliding window, success clears the account, shared by two processes (${kind.label})`, {
    skip: kind.skip,
  }, async () => {
    const target = await kind.make();
    const database = await openDatabase(target.options);
    try {
      let now = 1_000_000_000_000;
      const limits = { windowMs: 60_000, perAccount: 3, perAddress: 5 };
      // Two budgets on one database stand for two API processes.
      const one = new SignInBudget(new SignInAttemptRepository(database.db), limits, () => now);
      const two = new SignInBudget(new SignInAttemptRepository(database.db), limits, () => now);
      for (let i = 0; i < 3; i++) {
        const verdict = await (i % 2 ? two : one).reserve("a@x", "10.0.0.1");
        assert.ok(verdict.allowed);
        await verdict.settle(false);
        now += 1000;
      }
      assert.deepEqual(await two.reserve("a@x", "10.0.0.2"), {
        allowed: false,
        by: "account",
        retryAfterSeconds: 57,
      });
      assert.ok((await one.reserve("b@x", "10.0.0.1")).allowed, "another account from the same address");
      now += 57_000;
      const again = await one.reserve("a@x", "10.0.0.3");
      assert.ok(again.allowed, "the oldest failure left the window");
      await again.settle(true);
      for (let i = 0; i < 3; i++)
        assert.ok((await two.reserve("a@x", "10.0.0.4")).allowed, "success cleared the account");

      // Per address: many accounts guessed from one address are stopped too.
      for (let i = 0; i < 5; i++) {
        const v = await one.reserve(`u${i}@x`, "10.9.9.9");
        assert.ok(v.allowed);
        await v.settle(false);
      }
      const blocked = await two.reserve("fresh@x", "10.9.9.9");
      assert.equal(blocked.allowed, false);
      assert.equal(!blocked.allowed && blocked.by, "address");
    } finally {
      await database.close();
      await target.dispose();
    }
  });
}
