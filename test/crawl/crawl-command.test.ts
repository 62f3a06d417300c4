/** `vigil crawl run --start URL --allow-host 127.0.0.1 --json` as a user runs it, against the fixture directory. */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type DirectorySite, startDirectorySite } from "../../src/demo/directory-site.js";
import { repoRoot } from "../support/paths.js";

let site: DirectorySite;
before(async () => {
  site = await startDirectorySite({ slowMs: 100 });
});
after(() => site.close());

function vigil(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, "bin", "vigil.js"), ...args], { cwd: repoRoot });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

// Each case spawns the CLI (about 2 s to start), so the cases run side by side.
describe("vigil crawl run", { concurrency: true }, () => {
  it("crawl run --json prints each distinct invite link once, with where it was found", async () => {
    const r = await vigil([
      "crawl",
      "run",
      "--start",
      `${site.origin}/`,
      "--allow-host",
      "127.0.0.1",
      "--interval-ms",
      "0",
      "--json",
      "--no-progress",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, string>);
    assert.deepEqual(lines.map((l) => l.url).sort(), [...site.expectedHtmlLinks()].sort());
    assert.deepEqual(Object.keys(lines[0]), ["platform", "code", "url", "found_on", "category", "title"]);
    const first = lines.find((l) => l.url === site.expectedHtmlLinks()[0]);
    assert.equal(first?.category, "Friendship");
    assert.equal(first?.title, "Fixture group 0");
    assert.match(
      r.stderr,
      /command-line: \d+ pages fetched, \d+ refused \(.*robots_disallowed 1.*\), (\d+) invite links/,
    );
    assert.equal(Number(r.stderr.match(/(\d+) invite links/)?.[1]), site.expectedHtmlLinks().length);
    assert.equal(site.hits.get("/private/hidden"), undefined);
  });

  it("crawl run --config crawls a site and a JSON API source, with stats per source", async () => {
    const dir = await mkdtemp(join(tmpdir(), "vigil-crawl-config-"));
    try {
      const config = join(dir, "crawl.json");
      await writeFile(
        config,
        JSON.stringify({
          network_allow_hosts: ["127.0.0.1"],
          politeness: { min_interval_ms: 0, timeout_ms: 2000 },
          sources: [
            {
              kind: "site",
              name: "fixture-site",
              start_urls: [`${site.origin}/c/football?page=1`],
              max_depth: 5,
            },
            {
              kind: "json_api",
              name: "fixture-api",
              url: `${site.origin}/api/groups?page=1`,
              schedule: "6h",
              mapping: {
                items: "data.groups",
                link: "invite",
                title: "name",
                category: "tags.category",
                next: "next",
              },
            },
          ],
        }),
      );
      const r = await vigil(["crawl", "run", "--config", config, "--json", "--no-progress"]);
      assert.equal(r.code, 0, r.stderr);
      const urls = r.stdout
        .trimEnd()
        .split("\n")
        .map((l) => (JSON.parse(l) as { url: string }).url);
      for (const url of site.expectedApiLinks()) assert.ok(urls.includes(url), url);
      assert.match(r.stderr, /fixture-site: \d+ pages fetched/);
      assert.match(r.stderr, /fixture-api: 2 pages fetched, 0 refused, 10 invite links/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
