/**
 * Events a second from HTTP intake to decision: `vigil serve` as its own
 * process (embedded PGlite, then PostgreSQL when VIGIL_BENCH_DATABASE_URL is
 * set), two client connections posting batches of 500 hash-only group events
 * (one in 50 matching a confirmed bank entry, so decisions write cases and
 * actions too), timed until /v1/stats counts every event decided.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import sharp from "sharp";
import { renderPattern, seededRandom } from "../src/demo/patterns.js";
import { flipBits, randomPdqHex } from "../test/support/pdq-near.js";
import { api, serve, VIGIL_BIN } from "../test/support/vigil-process.js";

const run = promisify(execFile);

export interface ServiceBenchOptions {
  events: number;
  /** Events with an image upload each. */
  uploads: number;
  databaseUrl?: string;
  log: (line: string) => void;
}

interface Target {
  label: string;
  store: string[];
  dispose(): Promise<void>;
}

async function freshTargets(databaseUrl: string | undefined): Promise<Target[]> {
  const dir = await mkdtemp(join(tmpdir(), "vigil-bench-service-"));
  const targets: Target[] = [
    {
      label: "embedded (PGlite)",
      store: ["--data", join(dir, "pglite")],
      dispose: () => rm(dir, { recursive: true, force: true }),
    },
  ];
  if (databaseUrl) {
    const name = `vigil_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    targets.push({
      label: "PostgreSQL",
      store: ["--data", join(dir, "pg"), "--database-url", url.toString()],
      async dispose() {
        const c = new pg.Client({ connectionString: databaseUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    });
  }
  return targets;
}

async function benchTarget(target: Target, total: number, log: (line: string) => void): Promise<number> {
  const env = { ...process.env, DATABASE_URL: "" };
  const cli = async (args: string[]) => (await run(process.execPath, [VIGIL_BIN, ...args], { env })).stdout;
  const key = (
    await cli(["keys", "create", ...target.store, "--name", "bench", "--scopes", "events:write,cases:read"])
  ).trim();
  const banked = randomPdqHex(5);
  const bankFile = join(tmpdir(), `vigil-bench-bank-${process.pid}.txt`);
  await writeFile(bankFile, `${banked}\n`);
  await cli(["bank", "import", "bench", bankFile, "--provenance", "confirmed", ...target.store]);
  const server = await serve(target.store, { DATABASE_URL: "" });
  try {
    const batch = 500;
    const batches = Array.from({ length: Math.ceil(total / batch) }, (_, b) =>
      JSON.stringify({
        events: Array.from({ length: Math.min(batch, total - b * batch) }, (_, j) => {
          const i = b * batch + j;
          return {
            id: `b-${i}`,
            type: "group.updated",
            occurred_at: "2026-11-22T10:00:00Z",
            platform: "bench",
            group: {
              id: `g-${i}`,
              name: `Group ${i}`,
              photo: { pdq: i % 50 === 0 ? flipBits(banked, 8) : randomPdqHex(i + 17), quality: 90 },
            },
          };
        }),
      }),
    );
    const started = performance.now();
    let next = 0;
    await Promise.all(
      [0, 1].map(async () => {
        while (next < batches.length) {
          const body = batches[next++];
          const res = await api(server.url, key, "POST", "/v1/events", body);
          if (res.status !== 202)
            throw new Error(`intake answered ${res.status}: ${JSON.stringify(res.json)}`);
        }
      }),
    );
    const intakeSeconds = (performance.now() - started) / 1000;
    for (;;) {
      const { json } = await api(server.url, key, "GET", "/v1/stats");
      if (((json.events as Record<string, number>).decided ?? 0) >= total) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (performance.now() - started) / 1000;
    log(
      `${target.label}: ${total} events accepted in ${intakeSeconds.toFixed(2)} s, all decided in ${seconds.toFixed(2)} s`,
    );
    return total / seconds;
  } finally {
    await server.stop();
    await rm(bankFile, { force: true });
  }
}

/**
 * Distinct benign JPEGs of about 100 KB: a generated pattern with per-pixel
 * noise added (noise does not compress, which brings a small picture up to a
 * photo's size).
 */
async function uploadImages(count: number): Promise<Buffer[]> {
  const images: Buffer[] = [];
  const side = 360;
  for (let i = 0; i < count; i++) {
    const img = renderPattern("plaid", side, side, i + 1);
    const random = seededRandom(i + 1);
    const pixels = Buffer.from(img.pixels);
    for (let p = 0; p < pixels.length; p++) pixels[p] = (pixels[p] + Math.floor(random() * 96)) & 255;
    images.push(
      await sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
        .jpeg({ quality: 92 })
        .toBuffer(),
    );
  }
  return images;
}

/** Each event: upload its 100 KB image to POST /v1/media, then send the event with the media_id. */
async function benchUploads(target: Target, images: Buffer[], log: (line: string) => void): Promise<number> {
  const env = { ...process.env, DATABASE_URL: "" };
  const key = (
    await run(
      process.execPath,
      [
        VIGIL_BIN,
        "keys",
        "create",
        ...target.store,
        "--name",
        "uploads",
        "--scopes",
        "events:write,media:write,cases:read",
      ],
      { env },
    )
  ).stdout.trim();
  const server = await serve(target.store, { DATABASE_URL: "" });
  try {
    const started = performance.now();
    let next = 0;
    const pending: Record<string, unknown>[] = [];
    await Promise.all(
      [0, 1].map(async () => {
        while (next < images.length) {
          const i = next++;
          const form = new FormData();
          form.append("file", new Blob([images[i]], { type: "image/jpeg" }), `${i}.jpg`);
          const res = await fetch(`${server.url}/v1/media`, {
            method: "POST",
            headers: { authorization: `Bearer ${key}` },
            body: form,
          });
          if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
          const { media_id } = (await res.json()) as { media_id: string };
          pending.push({
            id: `u-${i}`,
            type: "account.updated",
            occurred_at: "2026-11-22T10:00:00Z",
            platform: "bench",
            account: { id: `a-${i}`, photo: { media_id } },
          });
          if (pending.length >= 100) {
            const res2 = await api(server.url, key, "POST", "/v1/events", { events: pending.splice(0) });
            if (res2.status !== 202) throw new Error(`intake answered ${res2.status}`);
          }
        }
      }),
    );
    if (pending.length > 0) await api(server.url, key, "POST", "/v1/events", { events: pending.splice(0) });
    for (;;) {
      const { json } = await api(server.url, key, "GET", "/v1/stats");
      if (((json.events as Record<string, number>).decided ?? 0) >= images.length) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (performance.now() - started) / 1000;
    log(`${target.label}: ${images.length} uploads + events decided in ${seconds.toFixed(2)} s`);
    return images.length / seconds;
  } finally {
    await server.stop();
  }
}

export async function runServiceBench(
  options: ServiceBenchOptions,
): Promise<{ label: string; value: string }[]> {
  const rows: { label: string; value: string }[] = [];
  for (const target of await freshTargets(options.databaseUrl)) {
    try {
      const rate = await benchTarget(target, options.events, options.log);
      const images = await uploadImages(options.uploads);
      const average = images.reduce((n, b) => n + b.length, 0) / images.length / 1024;
      const uploadRate = await benchUploads(target, images, options.log);
      rows.push({
        label: `${target.label}: events/s with a ${average.toFixed(0)} KB image upload each (${images.length} events, POST /v1/media then the event, 2 connections)`,
        value: uploadRate.toFixed(0),
      });
      rows.push({
        label: `${target.label}: hash-only events/s, HTTP intake to decision (${options.events.toLocaleString("en")} events, batches of 500, 2 connections)`,
        value: rate.toFixed(0),
      });
    } finally {
      await target.dispose();
    }
  }
  if (!options.databaseUrl)
    rows.push({ label: "PostgreSQL", value: "not run: set VIGIL_BENCH_DATABASE_URL" });
  return rows;
}
