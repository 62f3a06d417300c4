/**
 * Hotline intake in the caller's words (issue 16, point 5), over the console
 * API: an analyst pastes a never-seen invite link and two phone numbers as a
 * caller gave them, with a screenshot and the caller's contact; the preview
 * says what Vigil understood; filing answers a reference, and a case opens in
 * the reason's queue about the link itself; the case is found by one of the
 * numbers written another way and by the reference; the contact is sealed.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import sharp from "sharp";
import { type ConsoleClient, createConsoleUsers, signIn } from "../console/console-client.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

type Json = Record<string, unknown>;
let running: TestServer;
let analyst: ConsoleClient;
let lead: ConsoleClient;
const PASSWORD = "a long enough password";

before(async () => {
  running = await startTestServer({ defaultCountry: "GB" });
  await createConsoleUsers(
    running.server,
    [
      ["analyst@example.org", "analyst"],
      ["lead@example.org", "lead"],
    ],
    PASSWORD,
  );
  analyst = await signIn(running.server.url, "analyst@example.org", PASSWORD);
  lead = await signIn(running.server.url, "lead@example.org", PASSWORD);
});
after(() => running.close());

async function screenshotPng(): Promise<Buffer> {
  return sharp({
    create: { width: 64, height: 48, channels: 3, background: { r: 40, g: 120, b: 200 } },
  })
    .png()
    .toBuffer();
}

async function uploadScreenshot(): Promise<string> {
  const png = await screenshotPng();
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(png)], { type: "image/png" }), "screen.png");
  const posted = await fetch(`${running.server.url}/v1/console/media`, {
    method: "POST",
    headers: { cookie: await cookieOf(analyst), "x-vigil-console": "1" },
    body: form,
  });
  const json = (await posted.json()) as Json;
  assert.equal(posted.status, 201, JSON.stringify(json));
  return String(json.media_id);
}

async function cookieOf(_client: ConsoleClient): Promise<string> {
  const res = await fetch(`${running.server.url}/v1/console/session`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-vigil-console": "1" },
    body: JSON.stringify({ email: "analyst@example.org", password: PASSWORD }),
  });
  await res.arrayBuffer();
  return (res.headers.get("set-cookie") ?? "").split(";")[0];
}

const CALL = {
  text:
    "Caller saw this group being shared: https://chat.whatsapp.com/ZyXwVuTsRqPoNmLk12 - admins reachable on " +
    "07700 900123 and +44 7700 900456. Also posted on https://directory.example/groups/77",
  reason: "child_safety",
  notes: "Caller was calm; saw it on a school chat.",
  caller: { name: "A. Parent", contact: "parent@example.net" },
};

test("preview, file, reference, case in the right queue, found by a number written another way", async () => {
  const screenshot = await uploadScreenshot();
  const preview = await analyst.call("POST", "/v1/console/hotline/preview", {
    ...CALL,
    screenshots: [screenshot],
  });
  assert.equal(preview.status, 200, JSON.stringify(preview.json));
  const links = preview.json.links as Json[];
  assert.deepEqual(
    links.map((l) => [l.platform, l.code, l.known]),
    [
      ["whatsapp", "ZyXwVuTsRqPoNmLk12", false],
      [null, null, false],
    ],
  );
  assert.deepEqual(
    (preview.json.phone_numbers as Json[]).map((p) => p.e164),
    ["+447700900123", "+447700900456"],
  );
  assert.deepEqual(
    (preview.json.subjects as Json[]).map((s) => [s.subject, s.because]),
    [[{ platform: "whatsapp", type: "invite_link", id: "ZyXwVuTsRqPoNmLk12" }, "unknown_link"]],
  );
  assert.equal(preview.json.queue, "child-safety");

  const filed = await analyst.call("POST", "/v1/console/hotline/file", {
    ...CALL,
    screenshots: [screenshot],
  });
  assert.equal(filed.status, 201, JSON.stringify(filed.json));
  const reference = String(filed.json.reference);
  assert.match(reference, new RegExp(`^HL-${new Date().getUTCFullYear()}-000001$`));

  let call: Json = {};
  for (let i = 0; i < 400; i++) {
    call = (await analyst.call("GET", `/v1/console/hotline/${reference}`)).json;
    if ((call.reports as Json[])[0].case_id !== null) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const [report] = call.reports as Json[];
  assert.equal(report.queue, "child-safety");
  assert.equal(call.has_caller_contact, true);

  const byNumber = await lead.call("GET", `/v1/console/search?q=${encodeURIComponent("07700900456")}`);
  const hit = (byNumber.json.results as Json[])[0];
  assert.deepEqual(hit.subject, { platform: "whatsapp", type: "invite_link", id: "ZyXwVuTsRqPoNmLk12" });
  assert.deepEqual((hit.matches as Json[])[0], { field: "report_phone", value: reference, distance: null });
  assert.equal(((hit.cases as Json[])[0] as Json).id, report.case_id);
  const byReference = await lead.call("GET", `/v1/console/search?q=${reference.toLowerCase()}`);
  assert.equal(((byReference.json.results as Json[])[0].subject as Json).id, "ZyXwVuTsRqPoNmLk12");

  const detail = (await lead.call("GET", `/v1/console/cases/${report.case_id}`)).json;
  const [shown] = detail.reports as Json[];
  assert.equal(shown.reference, reference);
  assert.equal(shown.source, "hotline");
  assert.ok(
    !JSON.stringify(shown.reporter).includes("parent@example.net"),
    "the contact stays out of the report",
  );
  assert.ok((detail.terms as Json[]).some((t) => t.kind === "phone" && t.value === "+447700900123"));

  const sealed = (await running.server.ctx.database.db.execute(
    "SELECT caller_sealed FROM hotline_intakes" as never,
  )) as unknown as { rows: Json[] };
  assert.ok(!String(sealed.rows[0].caller_sealed).includes("parent@example.net"));
  const contact = await analyst.call("GET", `/v1/console/hotline/${reference}/caller`);
  assert.deepEqual(contact.json, { reference, name: "A. Parent", contact: "parent@example.net" });
  const audit = await running.server.ctx.repos.audit.list({ limit: 50 });
  assert.ok(audit.some((a) => a.action === "hotline.caller.read" && a.targetId === reference));

  // The same screenshot, searched as an image (hashed in memory), finds the report it is attached to.
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(await screenshotPng())], { type: "image/png" }), "again.png");
  const byImage = await fetch(`${running.server.url}/v1/console/search/image`, {
    method: "POST",
    headers: { cookie: await cookieOf(analyst), "x-vigil-console": "1" },
    body: form,
  });
  const imageResults = ((await byImage.json()) as { results: Json[] }).results;
  assert.ok(
    imageResults.some(
      (r) =>
        (r.subject as Json).id === "ZyXwVuTsRqPoNmLk12" &&
        (r.matches as Json[]).some((m) => m.field === "report_attachment"),
    ),
    JSON.stringify(imageResults),
  );

  const second = await analyst.call("POST", "/v1/console/hotline/file", {
    text: "nothing useful",
    reason: "other",
  });
  assert.equal(second.status, 201);
  assert.match(String(second.json.reference), /-000002$/);
  assert.equal(
    ((second.json.reports as Json[])[0].subject as Json).id,
    `unidentified:${second.json.reference}`,
  );
});
