/**
 * Key rotation without downtime (issue 17): an API key rotated while serving
 * keeps working for its grace period beside its successor, then is refused;
 * the media and data keys rotate by moving the old key to *_PREVIOUS_KEYS,
 * `vigil keys rekey` re-seals everything through the running server, and
 * afterwards the old keys are no longer needed.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import sharp from "sharp";
import { embeddedTestDatabase } from "../support/databases.js";
import { api, serve, vigil, waitUntilDecided } from "../support/vigil-process.js";

/** A loaded machine starts a fresh service slowly (migrations on PGlite). */
const START_MS = 180_000;
const newKey = () => randomBytes(32).toString("base64");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("API, media and data keys rotate while serving; after rekey the old keys are not needed", {
  timeout: 400_000,
}, async () => {
  const target = await embeddedTestDatabase();
  const store = ["--data", target.options.dataDir];
  const [data1, data2, media1, media2] = [newKey(), newKey(), newKey(), newKey()];
  const base = { DATABASE_URL: "" };
  try {
    const scopes = "events:write,reports:write,media:write,media:read";
    const key = (
      await vigil(["keys", "create", ...store, "--name", "platform", "--scopes", scopes], base)
    ).trim();

    let server = await serve(store, { ...base, VIGIL_DATA_KEY: data1, VIGIL_MEDIA_KEY: media1 }, START_MS);
    const png = await sharp({ create: { width: 40, height: 40, channels: 3, background: "#3a7" } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), "p.png");
    const uploaded = await fetch(`${server.url}/v1/media`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}` },
      body: form,
    });
    const mediaId = ((await uploaded.json()) as { media_id: string }).media_id;
    const events = [
      { id: "rot-1", type: "account.updated", account: { id: "a-rot", phone: "+15550101234" } },
      {
        id: "rot-2",
        type: "report.created",
        report: {
          subject: { type: "account", id: "a-rot" },
          reason: "abuse",
          text: "call +15550101234",
          reporter: { phone: "+15550109999" },
          attachments: [mediaId],
        },
      },
    ].map((e) => ({ ...e, occurred_at: "2026-11-22T10:00:00Z", platform: "demo" }));
    assert.equal((await api(server.url, key, "POST", "/v1/events", { events })).status, 202);
    for (const e of events) await waitUntilDecided(server.url, key, "demo", e.id);
    await server.stop();

    const rotated = {
      ...base,
      VIGIL_DATA_KEY: data2,
      VIGIL_DATA_PREVIOUS_KEYS: data1,
      VIGIL_MEDIA_KEY: media2,
      VIGIL_MEDIA_PREVIOUS_KEYS: media1,
    };
    server = await serve(store, rotated, START_MS);
    try {
      const successor = (
        await vigil(["keys", "rotate", "platform", "--grace", "30", ...store], rotated)
      ).trim();
      assert.notEqual(successor, key);
      const listed = await vigil(["keys", "list", ...store], rotated);
      const until = Date.parse(/platform\tvgl_.*\texpiring (\S+)/.exec(listed)?.[1] ?? "");
      assert.ok(until > Date.now(), `the old key is in its grace period:\n${listed}`);
      assert.equal(
        (await api(server.url, key, "GET", "/v1/events/demo/rot-1")).status,
        200,
        "old key in grace",
      );
      assert.equal((await api(server.url, successor, "GET", "/v1/events/demo/rot-1")).status, 200);
      // Past the grace period (on the clock the server shares with this test), the old key is refused.
      await sleep(until - Date.now() + 1000);
      assert.equal((await api(server.url, key, "GET", "/v1/events/demo/rot-1")).status, 401, "grace over");
      assert.equal((await api(server.url, successor, "GET", "/v1/events/demo/rot-1")).status, 200);

      const report = JSON.parse(await vigil(["keys", "rekey", ...store], rotated)) as Record<string, number>;
      assert.equal(report.unopenable, 0);
      assert.ok(report.media_blobs_rewrapped >= 1, JSON.stringify(report));
      assert.ok(report.fields_resealed >= 3, JSON.stringify(report));
    } finally {
      await server.stop();
    }

    // The old keys gone: everything still opens, and nothing is left to re-seal.
    const only = { ...base, VIGIL_DATA_KEY: data2, VIGIL_MEDIA_KEY: media2 };
    server = await serve(store, only, START_MS);
    try {
      const successor = (await vigil(["keys", "rotate", "platform", "--grace", "0", ...store], only)).trim();
      const content = await fetch(`${server.url}/v1/media/${mediaId}/content`, {
        headers: { authorization: `Bearer ${successor}` },
      });
      assert.equal(content.status, 200);
      assert.deepEqual(Buffer.from(await content.arrayBuffer()), png);
      const again = JSON.parse(await vigil(["keys", "rekey", ...store], only)) as Record<string, number>;
      assert.deepEqual([again.unopenable, again.fields_resealed, again.media_blobs_rewrapped], [0, 0, 0]);
    } finally {
      await server.stop();
    }
  } finally {
    await target.dispose();
  }
});
