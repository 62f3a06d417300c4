/**
 * A door that opens (issue 16, point 10): a fresh `vigil serve` with demo data
 * prints a demo lead's sign-in once beside the API key and the console URL; a
 * newcomer signs in over the console session API with exactly what was printed
 * and sees the demo case. A second start on the same data prints no password.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { signIn } from "../console/console-client.js";
import { embeddedTestDatabase } from "../support/databases.js";
import { serve } from "../support/vigil-process.js";

test("npm start's printed sign-in opens the console and shows the demo case; never printed twice", async () => {
  const target = await embeddedTestDatabase();
  try {
    const server = await serve(["--data", target.options.dataDir], { DATABASE_URL: "" }, 90_000, true);
    let output = "";
    try {
      output = server.output();
      const printed = /Console: (\S+) — sign in as (\S+) with password (\S+) /.exec(output);
      assert.ok(printed, output);
      const [, consoleUrl, email, password] = printed;
      assert.equal(consoleUrl, `${server.url}/console/`);
      const newcomer = await signIn(server.url, email, password);
      assert.equal(newcomer.status, 200);
      const session = await newcomer.call("GET", "/v1/console/session");
      assert.equal((session.json.user as { role: string } | undefined)?.role ?? session.json.role, "lead");
      let cases: { subject: { id: string }; queue: string }[] = [];
      for (let i = 0; i < 200 && cases.length === 0; i++) {
        cases = (await newcomer.call("GET", "/v1/console/cases")).json.cases as typeof cases;
        if (cases.length === 0) await new Promise((r) => setTimeout(r, 50));
      }
      assert.deepEqual(
        cases.map((c) => [c.queue, c.subject.id]),
        [["ncmec", "demo-2"]],
      );
    } finally {
      await server.stop();
    }
    const again = await serve(["--data", target.options.dataDir], { DATABASE_URL: "" }, 90_000, true);
    try {
      assert.doesNotMatch(again.output(), /password/, "an existing database never gets a new demo sign-in");
    } finally {
      await again.stop();
    }
  } finally {
    await target.dispose();
  }
});
