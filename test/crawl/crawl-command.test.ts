/** `vigil crawl run --start URL --allow-host 127.0.0.1 --json` as a user runs it, against the fixture directory. */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { after, before, test } from "node:test";
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

test("crawl run --json prints each distinct invite link once, with where it was found", async () => {
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

test("crawl run without --allow-host refuses the loopback start page", async () => {
  const r = await vigil(["crawl", "run", "--start", `${site.origin}/`, "--json", "--no-progress"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /address_not_allowed 1/);
});
