/**
 * Media over the API: an upload is hashed and sealed (never plaintext on
 * disk), usable as a photo by media_id, and every read is audited; bad files
 * get named 4xx errors. Only generated benign images.
 */
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import sharp from "sharp";
import type { RunningServer } from "../../src/app/start.js";
import { renderPattern } from "../../src/demo/patterns.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { api } from "../support/vigil-process.js";

let running: TestServer;
let server: RunningServer;
let key: string;

before(async () => {
  running = await startTestServer();
  server = running.server;
  key = (
    await server.ctx.repos.apiKeys.create("platform", [
      "events:write",
      "media:write",
      "media:read",
      "banks:write",
      "cases:read",
    ])
  ).key;
});

after(async () => {
  await running.close();
});

async function upload(bytes: Uint8Array, name: string, type: string) {
  const form = new FormData();
  form.append("file", new Blob([bytes], { type }), name);
  const res = await fetch(`${server.url}/v1/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function benignPng(seed: number): Promise<Buffer> {
  const image = renderPattern("plaid", 320, 240, seed);
  return sharp(image.pixels, { raw: { width: image.width, height: image.height, channels: 3 } })
    .png()
    .toBuffer();
}

test("an uploaded image is hashed, sealed, matched by media_id, and its reads are audited", async () => {
  const png = await benignPng(11);
  const up = await upload(png, "photo.png", "image/png");
  assert.equal(up.status, 201, JSON.stringify(up.json));
  assert.match(String(up.json.pdq), /^[0-9a-f]{64}$/);
  assert.equal(up.json.mime, "image/png");

  // Nothing under the data folder holds the plaintext bytes.
  const files = await readdir(running.target.options.dataDir, { recursive: true, withFileTypes: true });
  for (const f of files.filter((x) => x.isFile() && x.name.endsWith(".blob"))) {
    const sealed = await readFile(join(f.parentPath, f.name));
    assert.equal(sealed.includes(png.subarray(100, 164)), false, "a blob contains plaintext");
  }

  await api(server.url, key, "POST", "/v1/banks/known/entries", {
    entries: [{ signal_type: "pdq", value: up.json.pdq, provenance: "confirmed" }],
  });
  const event = {
    id: "m-1",
    type: "group.updated",
    occurred_at: "2026-11-22T10:00:00Z",
    platform: "signal",
    group: { id: "g-m", photo: { media_id: up.json.media_id } },
  };
  assert.equal((await api(server.url, key, "POST", "/v1/events", { events: [event] })).status, 202);
  let decision: unknown;
  for (let i = 0; i < 200 && decision === undefined; i++) {
    const { json } = await api(server.url, key, "GET", "/v1/events/signal/m-1");
    if (json.status === "decided") decision = json.decision;
    else await new Promise((r) => setTimeout(r, 25));
  }
  assert.equal(decision, "act");

  const content = await fetch(`${server.url}/v1/media/${up.json.media_id}/content`, {
    headers: { authorization: `Bearer ${key}` },
  });
  assert.equal(content.status, 200);
  assert.deepEqual(Buffer.from(await content.arrayBuffer()), png);
  const audit = await server.ctx.repos.audit.forTarget("media", String(up.json.media_id));
  assert.deepEqual(audit.map((a) => a.action).sort(), ["media.read", "media.upload"]);
});

test("bad uploads: named errors, nothing stored", async () => {
  const cases: [Uint8Array, string, string, number, string][] = [
    [Buffer.from("just some text, not an image"), "notes.jpg", "image/jpeg", 415, "UnsupportedMediaType"],
    [(await benignPng(3)).subarray(0, 200), "truncated.png", "image/png", 422, "InvalidMedia"],
    [new Uint8Array(0), "empty.png", "image/png", 422, "InvalidMedia"],
  ];
  for (const [bytes, name, type, status, error] of cases) {
    const before = (await server.ctx.database.db.execute(
      "SELECT count(*)::int AS n FROM media" as never,
    )) as unknown as { rows: { n: number }[] };
    const res = await upload(bytes, name, type);
    assert.equal(res.status, status, `${name}: ${JSON.stringify(res.json)}`);
    assert.equal(res.json.error, error);
    const afterCount = (await server.ctx.database.db.execute(
      "SELECT count(*)::int AS n FROM media" as never,
    )) as unknown as { rows: { n: number }[] };
    assert.equal(afterCount.rows[0].n, before.rows[0].n, `${name}: nothing stored`);
  }
  const json = await fetch(`${server.url}/v1/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: "{}",
  });
  assert.equal(json.status, 415);
});
