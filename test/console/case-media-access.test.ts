/**
 * Issue 17, finding 2: `GET /v1/console/media/{id}/content?case_id=N` served
 * any media (even media in no case) to anyone who may open case N, and audited
 * it under N; previews checked no case at all, and a user's preferences could
 * turn the blur off. Media now reaches the console only through a case that
 * shows it (the subject's photos and photo history, its reports' attachments),
 * refusals are 403s in the audit log, and the organisation's blur is a minimum.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import sharp from "sharp";
import type { RunningServer } from "../../src/app/start.js";
import { cases } from "../../src/store/schema.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { api, waitUntilDecided } from "../support/vigil-process.js";
import { type ConsoleClient, createConsoleUsers, signIn } from "./console-client.js";

const PASSWORD = "correct horse battery staple";
let running: TestServer;
let server: RunningServer;
let key: string;

before(async () => {
  running = await startTestServer();
  server = running.server;
  key = (await server.ctx.repos.apiKeys.create("platform", ["events:write", "media:write"])).key;
  await createConsoleUsers(
    server,
    [
      ["lead@example.org", "lead"],
      ["rev@example.org", "reviewer"],
      ["other@example.org", "reviewer"],
    ],
    PASSWORD,
  );
});

after(async () => {
  await running.close();
});

async function upload(colour: number): Promise<string> {
  const png = await sharp({
    create: { width: 48, height: 48, channels: 3, background: { r: colour, g: 255 - colour, b: 90 } },
  })
    .png()
    .toBuffer();
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), "p.png");
  const res = await fetch(`${server.url}/v1/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  assert.equal(res.status, 201);
  return ((await res.json()) as { media_id: string }).media_id;
}

let seq = 0;
async function send(event: Record<string, unknown>): Promise<void> {
  const id = `cm-${++seq}`;
  const full = {
    id,
    occurred_at: new Date(Date.now() + seq * 1000).toISOString(),
    platform: "demo",
    ...event,
  };
  const res = await api(server.url, key, "POST", "/v1/events", { events: [full] });
  assert.equal(res.status, 202, JSON.stringify(res.json));
  await waitUntilDecided(server.url, key, "demo", id);
}

async function openCase(subjectId: string, queue: string): Promise<number> {
  const [row] = await server.ctx.database.db
    .insert(cases)
    .values({ platform: "demo", subjectType: "group", subjectId, queue, priority: 50 })
    .returning({ id: cases.id });
  return row.id;
}

async function errorOf(client: ConsoleClient, path: string): Promise<[number, string]> {
  const res = await client.raw(path);
  return [res.status, ((await res.json()) as { error: string }).error];
}

test("media is revealed and previewed only through a case that shows it; refusals are 403 and audited", async () => {
  const [oldPhoto, newPhoto, attachment, otherPhoto, loose] = await Promise.all(
    [1, 60, 120, 180, 240].map(upload),
  );
  await send({ type: "group.updated", group: { id: "cs-group", name: "A", photo: { media_id: oldPhoto } } });
  await send({ type: "group.updated", group: { id: "cs-group", name: "A", photo: { media_id: newPhoto } } });
  await send({
    type: "report.created",
    report: { subject: { type: "group", id: "cs-group" }, reason: "abuse", attachments: [attachment] },
  });
  await send({
    type: "group.updated",
    group: { id: "plain-group", name: "B", photo: { media_id: otherPhoto } },
  });
  const childSafety = await openCase("cs-group", "child-safety");
  const plain = await openCase("plain-group", "general");

  const lead = await signIn(server.url, "lead@example.org", PASSWORD);
  const reveal = (media: string, caseId: number) => `/v1/console/media/${media}/content?case_id=${caseId}`;
  for (const media of [oldPhoto, newPhoto, attachment])
    assert.equal((await lead.raw(reveal(media, childSafety))).status, 200, `${media} is part of the case`);
  assert.deepEqual(
    await errorOf(lead, reveal(loose, childSafety)),
    [403, "MediaNotInCase"],
    "media in no case",
  );
  assert.deepEqual(
    await errorOf(lead, reveal(otherPhoto, childSafety)),
    [403, "MediaNotInCase"],
    "another case's",
  );
  assert.deepEqual(
    await errorOf(lead, reveal(oldPhoto, plain)),
    [403, "MediaNotInCase"],
    "through the wrong case",
  );

  const audit = await server.ctx.repos.audit.forTarget("media", oldPhoto);
  const reveals = audit.filter((a) => a.action.startsWith("media.reveal"));
  assert.deepEqual(reveals.map((a) => [a.action, a.detail.case_id]).sort(), [
    ["media.reveal", childSafety],
    ["media.reveal.refused", plain],
  ]);
  const looseAudit = await server.ctx.repos.audit.forTarget("media", loose);
  assert.equal(looseAudit.find((a) => a.action === "media.reveal.refused")?.detail.reason, "MediaNotInCase");

  const rev = await signIn(server.url, "rev@example.org", PASSWORD);
  const preview = (media: string, caseId?: number) =>
    `/v1/console/media/${media}/preview${caseId ? `?case_id=${caseId}` : ""}`;
  assert.deepEqual(await errorOf(rev, preview(newPhoto, plain)), [403, "MediaNotInCase"]);
  assert.deepEqual(await errorOf(rev, preview(newPhoto, childSafety)), [403, "ForbiddenRole"]);
  assert.equal((await rev.raw(preview(newPhoto))).status, 400, "a preview names its case");
  assert.equal((await rev.raw(preview(otherPhoto, plain))).status, 200);
  const refused = await server.ctx.repos.audit.forTarget("media", newPhoto);
  assert.deepEqual(
    refused
      .filter((a) => a.action === "media.preview.refused")
      .map((a) => a.detail.reason)
      .sort(),
    ["ForbiddenRole", "MediaNotInCase"],
  );
});

test("a user's preferences cannot take the preview below the organisation's blur", async () => {
  const photo = await upload(200);
  await send({ type: "group.updated", group: { id: "blur-group", name: "C", photo: { media_id: photo } } });
  const caseId = await openCase("blur-group", "general");
  const rev = await signIn(server.url, "rev@example.org", PASSWORD);
  const other = await signIn(server.url, "other@example.org", PASSWORD);
  const asked = await rev.call("PUT", "/v1/console/preferences", { blur: false, grayscale: false });
  assert.deepEqual((asked.json as { effective: unknown }).effective, { blur: true, grayscale: false });
  await other.call("PUT", "/v1/console/preferences", { grayscale: false });
  const path = `/v1/console/media/${photo}/preview?case_id=${caseId}`;
  const mine = Buffer.from(await (await rev.raw(path)).arrayBuffer());
  const blurredColour = Buffer.from(await (await other.raw(path)).arrayBuffer());
  assert.deepEqual(mine, blurredColour, "blurred as the organisation requires, in colour as chosen");
});
