/** What `npm start` shows a new user: `vigil serve` on an empty data folder seeds the demo and a case arrives. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { embeddedTestDatabase } from "../support/databases.js";
import { FFMPEG_ABSENT } from "../support/generated-video.js";
import { api, serve, waitForOutput } from "../support/vigil-process.js";

test("vigil serve seeds a demo bank, key and groups; the matching group's case and action arrive", async () => {
  const target = await embeddedTestDatabase();
  const server = await serve(["--data", target.options.dataDir], { DATABASE_URL: "" }, 90_000, true);
  try {
    const key = /Demo API key \(shown once\): (\S+)/.exec(server.output())?.[1];
    assert.ok(key, server.output());
    let cases: { subject: { id: string }; queue: string }[] = [];
    for (let i = 0; i < 200 && cases.length === 0; i++) {
      cases = (await api(server.url, key, "GET", "/v1/cases")).json.cases as typeof cases;
      if (cases.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    assert.deepEqual(
      cases.map((c) => [c.queue, c.subject.id]),
      [["ncmec", "demo-2"]],
    );
    // With ffmpeg, a user report with a generated video joins demo-2's case (made after listening).
    const line = await waitForOutput(server, /Demo video: .*\n/);
    if (!FFMPEG_ABSENT) assert.match(line, /a report about demo-2 with a video/);
    else assert.match(line, /no demo video/);
    const actions = (await api(server.url, key, "GET", "/v1/actions")).json.actions as { action: string }[];
    assert.deepEqual(
      actions.map((a) => a.action),
      ["disable_group"],
    );
  } finally {
    await server.stop();
    await target.dispose();
  }
});
