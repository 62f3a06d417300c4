/**
 * Issue 17, finding 10, through HTTP: many concurrent big PNG uploads are all
 * answered (stored, or 503 DecoderBusy with Retry-After; never 500), and a
 * full disk answers 503 StorageFull with Retry-After, keeps /readyz not ready
 * until a write succeeds again, and writes at most one log line per interval.
 * The full disk is a vault whose writes fail with ENOSPC (the vault's file
 * seam), so the test needs no root and no tiny file system.
 */
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { after, before, test } from "node:test";
import pino from "pino";
import sharp from "sharp";
import type { RunningServer } from "../../src/app/start.js";
import { NODE_VAULT_FILES, type VaultFiles } from "../../src/media/media-vault.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

let running: TestServer;
let server: RunningServer;
let key: string;
let diskFull = false;
const logLines: string[] = [];

const vaultFiles: VaultFiles = {
  async writeDurably(path, bytes) {
    if (diskFull) {
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), {
        code: "ENOSPC",
        errno: -28,
        syscall: "write",
      });
    }
    await NODE_VAULT_FILES.writeDurably(path, bytes);
  },
};

before(
  async () => {
    const log = pino(
      { level: "info" },
      new Writable({
        write(chunk, _encoding, done) {
          logLines.push(...String(chunk).split("\n").filter(Boolean));
          done();
        },
      }),
    );
    running = await startTestServer(
      // Room for one 16-megapixel decode at a time and no wait, so a burst must meet the bound.
      { decodeBudget: { megapixels: 20, concurrent: 1, waitMs: 0 } },
      { log, vaultFiles },
    );
    server = running.server;
    key = (await server.ctx.repos.apiKeys.create("platform", ["media:write", "media:read"])).key;
  },
  { timeout: 180_000 },
);

after(async () => {
  await running?.close();
});

async function upload(bytes: Uint8Array, name: string) {
  const form = new FormData();
  form.append("file", new Blob([bytes], { type: "image/png" }), name);
  const res = await fetch(`${server.url}/v1/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  return {
    status: res.status,
    retryAfter: res.headers.get("retry-after"),
    json: (await res.json()) as Record<string, unknown>,
  };
}

/** A benign 4000x4000 gradient: 16 megapixels decoded, a small file. */
async function bigGradientPng(seed: number): Promise<Buffer> {
  const width = 4000;
  const height = 4000;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 3;
      pixels[at] = (x + seed) & 255;
      pixels[at + 1] = y & 255;
      pixels[at + 2] = ((x ^ y) + seed) & 255;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

test("concurrent big PNG uploads are all answered: stored or 503 DecoderBusy with Retry-After, never 500", async () => {
  const pngs = await Promise.all([1, 2].map(bigGradientPng));
  const answers = await Promise.all(
    Array.from({ length: 12 }, (_, i) => upload(pngs[i % pngs.length], `big-${i}.png`)),
  );
  const statuses = answers.map((a) => a.status);
  assert.ok(
    answers.every((a) => a.status === 201 || a.status === 503),
    `only 201 or 503: ${statuses.join(",")}`,
  );
  assert.ok(statuses.includes(201), "some uploads were stored");
  const busy = answers.filter((a) => a.status === 503);
  assert.ok(busy.length > 0, "a burst past the budget meets the bound");
  for (const refused of busy) {
    assert.equal(refused.json.error, "DecoderBusy");
    assert.equal(typeof refused.json.message, "string");
    assert.ok(Number(refused.retryAfter) >= 1, "Retry-After is given");
  }
  assert.deepEqual(server.ctx.decodeBudget.inFlight, { decodes: 0, megapixels: 0, waiting: 0 });
});

test("a full disk answers 503 StorageFull, /readyz is not ready until a write succeeds, and the log stays bounded", async () => {
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#3a7" } })
    .png()
    .toBuffer();
  assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
  const before = logLines.length;
  diskFull = true;
  // One after another: this server's decode budget (above) would refuse a concurrent burst first.
  const answers = [];
  for (let i = 0; i < 30; i++) answers.push(await upload(png, `secret-name-${i}-do-not-log.png`));
  for (const answer of answers) {
    assert.equal(answer.status, 503);
    assert.equal(answer.json.error, "StorageFull");
    assert.ok(Number(answer.retryAfter) >= 1);
  }
  const ready = await fetch(`${server.url}/readyz`);
  assert.equal(ready.status, 503);
  assert.equal(((await ready.json()) as { error: string }).error, "StorageFull");

  const written = logLines.slice(before);
  const storageLines = written.filter((line) => line.includes("storage full"));
  assert.equal(storageLines.length, 1, "one line for 30 failed writes and a failed probe");
  assert.ok(!written.some((line) => line.includes("do-not-log")), "no upload names or bodies in the log");
  assert.ok(
    !written.some((line) => line.includes("request failed")),
    "a full disk is not logged per request",
  );
  assert.ok(written.join("\n").length < 4_000, "bounded log volume");

  diskFull = false;
  assert.equal((await fetch(`${server.url}/readyz`)).status, 200, "ready once a probe write succeeds");
  assert.ok(logLines.some((line) => line.includes("storage writable again")));
  assert.equal((await upload(png, "after.png")).status, 201);
});
