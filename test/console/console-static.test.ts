/** The console's files: served from the build folder only, with a CSP that allows nothing but itself. */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import Fastify from "fastify";
import { registerConsoleStatic } from "../../src/api/console-static.js";

test("index and assets are served with the CSP; paths outside the build folder are not", async () => {
  const root = await mkdtemp(join(tmpdir(), "vigil-console-static-"));
  const dir = join(root, "web");
  await mkdir(join(dir, "assets"), { recursive: true });
  await writeFile(join(dir, "index.html"), "<!doctype html><title>console</title>");
  await writeFile(join(dir, "assets", "app-1.js"), "export {};");
  await writeFile(join(root, "secret.txt"), "outside");
  const app = Fastify();
  registerConsoleStatic(app, dir);
  try {
    const index = await app.inject({ url: "/console/" });
    assert.equal(index.statusCode, 200);
    assert.match(String(index.headers["content-security-policy"]), /script-src 'self'/);
    assert.equal(index.headers["cache-control"], "no-cache");
    const asset = await app.inject({ url: "/console/assets/app-1.js" });
    assert.match(String(asset.headers["content-type"]), /text\/javascript/);
    assert.match(String(asset.headers["cache-control"]), /immutable/);
    for (const url of [
      "/console/../secret.txt",
      "/console/%2e%2e/secret.txt",
      "/console/assets/../../secret.txt",
    ]) {
      const res = await app.inject({ url });
      assert.ok(!res.body.includes("outside"), url);
    }
    assert.equal((await app.inject({ url: "/" })).headers.location, "/console/");
  } finally {
    await app.close();
    await rm(root, { recursive: true, force: true });
  }
});
