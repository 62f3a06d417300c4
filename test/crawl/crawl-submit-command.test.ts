/**
 * `vigil crawl run --persist --submit URL` while the service fails: the links
 * it could not submit stay in the store, the run says so (exit 1), and the
 * next run sends them first; in the end every link reached the service.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { INVITE_PLATFORMS } from "../../src/crawl/platforms.js";
import { type DirectorySite, startDirectorySite } from "../../src/demo/directory-site.js";
import { FlakyService } from "../support/flaky-service.js";
import { repoRoot } from "../support/paths.js";

let site: DirectorySite;
let service: FlakyService;
let serviceUrl: string;
let dir: string;

before(async () => {
  site = await startDirectorySite({ slowMs: 100 });
  service = new FlakyService();
  serviceUrl = await service.listen();
  dir = await mkdtemp(join(tmpdir(), "vigil-crawl-submit-"));
});
after(async () => {
  await service.close();
  await site.close();
  await rm(dir, { recursive: true, force: true });
});

function vigil(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const previews = Object.fromEntries(
    INVITE_PLATFORMS.map((p) => [`VIGIL_PREVIEW_BASE_${p.toUpperCase()}`, `${site.origin}/preview/${p}`]),
  );
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, "bin", "vigil.js"), ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...previews, VIGIL_API_KEY: "test-key", DATABASE_URL: "" },
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

test("links the service refused are kept and submitted by the next run", async () => {
  const config = join(dir, "crawl.json");
  await writeFile(
    config,
    JSON.stringify({
      network_allow_hosts: ["127.0.0.1"],
      politeness: { min_interval_ms: 0, timeout_ms: 2000 },
      sources: [{ kind: "site", name: "fixture", start_urls: [`${site.origin}/`], max_depth: 5 }],
    }),
  );
  const args = ["crawl", "run", "--config", config, "--persist", "--data", join(dir, "data")];
  const expected = site.expectedHtmlLinks();
  service.failures = [503, 500, 503];
  const first = await vigil([...args, "--submit", serviceUrl, "--no-progress"]);
  assert.equal(first.code, 1, first.stderr);
  assert.match(first.stderr, /HTTP 503.*\(will retry\)/);
  assert.match(first.stderr, new RegExp(`${expected.length - 3} sent, 3 failed, 3 waiting for a retry`));
  assert.equal(service.accepted.length, expected.length - 3);

  const second = await vigil([...args, "--submit", serviceUrl, "--no-progress"]);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stderr, /submissions: 3 sent, 0 failed, 0 waiting for a retry/);
  // The second run re-submits what it sees again (an unchanged sighting is a duplicate event).
  const sent = new Set(service.accepted.map((e) => e.invite_link.url));
  assert.deepEqual([...sent].sort(), [...expected].sort(), "every link reached the service");
});
