/**
 * Video in the console's server side: the audited content route answers the
 * byte ranges a <video> element asks for (the first range is the reveal, later
 * ones are logged as media.reveal.range), the preview of a video is a tiny
 * grayscale still (a strip by `part`), and the case page lists report
 * attachments with their kind. Only ffmpeg's test patterns.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import sharp from "sharp";
import { parseByteRange } from "../../src/api/byte-range.js";
import type { RunningServer } from "../../src/app/start.js";
import { cases } from "../../src/store/schema.js";
import { FFMPEG_ABSENT, generatedVideo } from "../support/generated-video.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { api, waitUntilDecided } from "../support/vigil-process.js";
import { type ConsoleClient, signIn } from "./console-client.js";

const PASSWORD = "correct horse battery staple";
let running: TestServer;
let server: RunningServer;
let key: string;

before(async () => {
  running = await startTestServer();
  server = running.server;
  key = (await server.ctx.repos.apiKeys.create("platform", ["events:write", "media:write"])).key;
  await server.ctx.repos.users.create("cs@example.org", "child_safety_reviewer", "", PASSWORD);
});

after(async () => {
  await running.close();
});

test("byte ranges as RFC 9110 reads them", () => {
  assert.deepEqual(parseByteRange(undefined, 100), "whole");
  assert.deepEqual(parseByteRange("bytes=0-", 100), { start: 0, end: 99 });
  assert.deepEqual(parseByteRange("bytes=10-19", 100), { start: 10, end: 19 });
  assert.deepEqual(parseByteRange("bytes=90-500", 100), { start: 90, end: 99 });
  assert.deepEqual(parseByteRange("bytes=-10", 100), { start: 90, end: 99 });
  assert.deepEqual(parseByteRange("bytes=100-", 100), "unsatisfiable");
  assert.deepEqual(parseByteRange("bytes=0-1,5-6", 100), "whole", "several ranges: the whole body");
  assert.deepEqual(parseByteRange("bytes=5-1", 100), "whole", "invalid: ignored");
  assert.deepEqual(parseByteRange("items=0-1", 100), "whole");
});

async function uploadVideo(): Promise<{ media_id: string; bytes: Buffer }> {
  const bytes = await generatedVideo("webm", 3);
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)]), "clip.webm");
  const res = await fetch(`${server.url}/v1/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  assert.equal(res.status, 201);
  return { ...((await res.json()) as { media_id: string }), bytes };
}

async function videoCase(mediaId: string): Promise<number> {
  const subject = `video-g-${Math.random()}`;
  const event = {
    id: `video-report-${subject}`,
    type: "report.created",
    occurred_at: new Date().toISOString(),
    platform: "demo",
    report: { subject: { type: "group", id: subject }, reason: "video", attachments: [mediaId] },
  };
  assert.equal((await api(server.url, key, "POST", "/v1/events", { events: [event] })).status, 202);
  await waitUntilDecided(server.url, key, "demo", event.id);
  const [row] = await server.ctx.database.db
    .insert(cases)
    .values({
      platform: "demo",
      subjectType: "group",
      subjectId: subject,
      queue: "child-safety",
      priority: 50,
    })
    .returning({ id: cases.id });
  return row.id;
}

async function actions(mediaId: string): Promise<{ action: string; detail: Record<string, unknown> }[]> {
  const rows = await server.ctx.repos.audit.forTarget("media", mediaId);
  return rows.filter((r) => r.action.startsWith("media.reveal"));
}

test("the reveal route serves ranges, each audited; the first is the reveal", {
  skip: FFMPEG_ABSENT,
}, async () => {
  const { media_id, bytes } = await uploadVideo();
  const caseId = await videoCase(media_id);
  const cs: ConsoleClient = await signIn(server.url, "cs@example.org", PASSWORD);
  const path = `/v1/console/media/${media_id}/content?case_id=${caseId}`;
  const withRange = (range?: string) => cs.raw(path, range ? { range } : {});

  const first = await withRange("bytes=0-");
  assert.equal(first.status, 206);
  assert.equal(first.headers.get("content-range"), `bytes 0-${bytes.length - 1}/${bytes.length}`);
  assert.equal(first.headers.get("accept-ranges"), "bytes");
  assert.equal(first.headers.get("cache-control"), "no-store");
  assert.deepEqual(Buffer.from(await first.arrayBuffer()), bytes);

  const later = await withRange("bytes=100-199");
  assert.equal(later.status, 206);
  assert.deepEqual(Buffer.from(await later.arrayBuffer()), bytes.subarray(100, 200));

  const past = await withRange(`bytes=${bytes.length}-`);
  assert.equal(past.status, 416);
  assert.equal(past.headers.get("content-range"), `bytes */${bytes.length}`);
  await past.arrayBuffer();

  const whole = await withRange();
  assert.equal(whole.status, 200);
  assert.deepEqual(Buffer.from(await whole.arrayBuffer()), bytes);

  const logged = (await actions(media_id)).sort((a, b) => a.action.localeCompare(b.action));
  assert.deepEqual(
    logged.map((a) => a.action),
    ["media.reveal", "media.reveal", "media.reveal", "media.reveal.range"],
  );
  assert.ok(logged.every((a) => a.detail.case_id === caseId));
  assert.deepEqual(logged.find((a) => a.action === "media.reveal.range")?.detail.range, [100, 199]);
});

test("a video's preview is a tiny grayscale still; its case page lists it as a video", {
  skip: FFMPEG_ABSENT,
}, async () => {
  const { media_id } = await uploadVideo();
  const caseId = await videoCase(media_id);
  const cs = await signIn(server.url, "cs@example.org", PASSWORD);
  for (const part of ["", "&part=3"]) {
    const res = await cs.raw(`/v1/console/media/${media_id}/preview?case_id=${caseId}${part}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "image/png");
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    assert.ok((meta.width ?? 99) <= 32 && (meta.height ?? 99) <= 32, `${meta.width}x${meta.height}`);
    assert.equal(meta.channels, 1, "grayscale");
  }
  assert.equal((await cs.raw(`/v1/console/media/${media_id}/preview?case_id=${caseId}&part=9`)).status, 400);
  assert.equal((await actions(media_id)).length, 0, "a preview is no reveal");

  const detail = await cs.call("GET", `/v1/console/cases/${caseId}`);
  const reports = detail.json.reports as {
    attachments: { media_id: string; kind: string; viewable: boolean; md5: string | null }[];
  }[];
  assert.deepEqual(reports[0].attachments, [
    { media_id, kind: "video", viewable: true, pdq: null, md5: reports[0].attachments[0].md5 },
  ]);
});
