/**
 * `vigil serve --crawl-config FILE` as an operator runs it: the scheduler
 * crawls the fixture directory (allowlisted on 127.0.0.1) within a fast test
 * tick, /metrics shows it, and SIGTERM stops it cleanly; `--no-crawl` starts
 * the same service without it.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { INVITE_PLATFORMS } from "../../src/crawl/platforms.js";
import { type DirectorySite, startDirectorySite } from "../../src/demo/directory-site.js";
import { serve } from "../support/vigil-process.js";

let site: DirectorySite;
let dir: string;

before(async () => {
  site = await startDirectorySite({ slowMs: 50 });
  dir = await mkdtemp(join(tmpdir(), "vigil-serve-crawl-"));
});
after(async () => {
  await site.close();
  await rm(dir, { recursive: true, force: true });
});

async function metrics(url: string): Promise<string> {
  return (await fetch(`${url}/metrics`)).text();
}

test("vigil serve crawls the configured source on its schedule; --no-crawl does not", async () => {
  const config = join(dir, "crawl.json");
  await writeFile(
    config,
    JSON.stringify({
      network_allow_hosts: ["127.0.0.1"],
      politeness: { min_interval_ms: 0, timeout_ms: 10_000 },
      sources: [{ kind: "site", name: "fixture", start_urls: [`${site.origin}/`], schedule: "6h" }],
    }),
  );
  const previews = Object.fromEntries(
    INVITE_PLATFORMS.map((p) => [`VIGIL_PREVIEW_BASE_${p.toUpperCase()}`, `${site.origin}/preview/${p}`]),
  );
  const data = ["--data", join(dir, "data")];
  const server = await serve(
    [...data, "--crawl-config", config],
    {
      ...previews,
      VIGIL_CRAWL_TICK_MS: "300",
      DATABASE_URL: "",
    },
    120_000,
  );
  try {
    const expected = site.expectedHtmlLinks().length;
    const until = Date.now() + 120_000;
    let text = "";
    while (!text.includes(`vigil_crawl_submissions{state="submitted"} ${expected}`)) {
      assert.ok(Date.now() < until, `the scheduled crawl did not finish:\n${text}\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 300));
      text = await metrics(server.url);
    }
    assert.match(text, /vigil_crawl_ticks_total\{lease="held"\} [1-9]/);
    assert.match(text, /vigil_crawl_pages_total\{outcome="fetched"\} [1-9]/);
  } finally {
    await server.stop("SIGTERM");
  }
  assert.equal(server.child.exitCode, 0, server.output());

  const off = await serve([...data, "--crawl-config", config, "--no-crawl"], { DATABASE_URL: "" }, 120_000);
  try {
    assert.doesNotMatch(await metrics(off.url), /vigil_crawl_/);
  } finally {
    await off.stop("SIGTERM");
  }
});
