/**
 * Issue 8, "must show" 1: CyberTipline reports built from cases in the store
 * for (a) a group photo matched to a bank, (b) a hotline report with 3
 * screenshots and 2 phone numbers (and the IP capture events the platform
 * sent), (c) a follow-up citing a prior report and (d) a text-only enticement
 * case. Each goes through the fake ispws server's whole lifecycle, and every XML it receives is validated against NCMEC's XSD
 * (when ../shared and xmllint are present). Injected failures after the upload,
 * at submit and at finish lead to a retraction (when a report was open) and a
 * clean retry, and exactly one finished report per case. Human confirmation is
 * enforced by the server. Only generated benign images and placeholder data.
 */
import assert from "node:assert/strict";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import sharp from "sharp";
import type { RunningServer } from "../../src/app/start.js";
import { renderPattern } from "../../src/demo/patterns.js";
import { LegalHoldRepository } from "../../src/store/repositories/legal-hold-repository.js";
import type { UserRole } from "../../src/store/schema.js";
import { type ConsoleClient, signIn } from "../console/console-client.js";
import { FakeCyberTipline, VALIDATION_SKIPPED, validateXml } from "../support/fake-cybertipline.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { api } from "../support/vigil-process.js";

let fake: FakeCyberTipline;
let running: TestServer;
let server: RunningServer;
let key: string;
let dumpDir: string;
const users: Partial<Record<UserRole, ConsoleClient>> = {};

const ENV = {
  VIGIL_NCMEC_USER: "esp-user",
  VIGIL_NCMEC_PASSWORD: "esp-password",
  VIGIL_NCMEC_REPORTER_EMAIL: "ncmec-reports@example.com",
  VIGIL_NCMEC_ESP_SERVICE: "ExampleMessenger",
  VIGIL_NCMEC_RETRY_DELAY_MS: "0",
  // Long enough for a loaded CI machine; the injected timeout at finish waits this long.
  VIGIL_NCMEC_TIMEOUT_MS: "8000",
  VIGIL_NCMEC_POLL_MS: "200",
};

before(async () => {
  fake = await new FakeCyberTipline().start();
  dumpDir = await mkdtemp(join(tmpdir(), "vigil-xml-dump-"));
  Object.assign(process.env, ENV, { VIGIL_NCMEC_URL: fake.url, VIGIL_XML_DUMP_DIR: dumpDir });
  // No override: the composition root's own wiring places the legal hold when a report is filed.
  running = await startTestServer({});
  server = running.server;
  key = (
    await server.ctx.repos.apiKeys.create("platform", [
      "events:write",
      "reports:write",
      "media:write",
      "media:read",
      "banks:write",
      "cases:read",
    ])
  ).key;
  for (const role of ["child_safety_reviewer", "reviewer", "law_enforcement_liaison", "lead"] as const) {
    await server.ctx.repos.users.create(`${role}@example.com`, role, role, "correct horse battery");
    users[role] = await signIn(server.url, `${role}@example.com`, "correct horse battery");
  }
});

after(async () => {
  await running.close();
  await fake.close();
  for (const name of [...Object.keys(ENV), "VIGIL_NCMEC_URL", "VIGIL_XML_DUMP_DIR"]) delete process.env[name];
  await rm(dumpDir, { recursive: true, force: true });
});

async function benignPng(seed: number): Promise<Buffer> {
  const image = renderPattern("plaid", 160, 120, seed);
  return sharp(image.pixels, { raw: { width: image.width, height: image.height, channels: 3 } })
    .png()
    .toBuffer();
}

async function upload(seed: number): Promise<{ media_id: string; md5: string }> {
  const form = new FormData();
  form.append(
    "file",
    new Blob([new Uint8Array(await benignPng(seed))], { type: "image/png" }),
    `IMG_${seed}.png`,
  );
  const res = await fetch(`${server.url}/v1/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  const json = (await res.json()) as { media_id: string; md5: string };
  assert.equal(res.status, 201, JSON.stringify(json));
  return json;
}

async function postEvents(events: unknown[]): Promise<void> {
  const r = await api(server.url, key, "POST", "/v1/events", { events });
  assert.equal(r.status, 202, JSON.stringify(r.json));
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function caseOf(subjectId: string, queue: string): Promise<number> {
  return waitFor(`a ${queue} case for ${subjectId}`, async () => {
    const rows = await server.ctx.repos.cases.list({ queue, limit: 100 });
    return rows.find((c) => c.subjectId === subjectId)?.id;
  });
}

type Attempts = {
  ncmec_report_ids: string[];
  attempts: { state: string; attempt: number; kind: string; error: string | null }[];
};

async function filedReport(caseId: number, count = 1): Promise<Attempts> {
  const reviewer = users.child_safety_reviewer as ConsoleClient;
  return waitFor(`case ${caseId}'s report`, async () => {
    const r = await reviewer.call("GET", `/v1/cases/${caseId}/cybertip`);
    const body = r.json as unknown as Attempts;
    return body.ncmec_report_ids.length >= count && !body.attempts.some((a) => !isEnded(a.state))
      ? body
      : null;
  });
}

const isEnded = (state: string) => ["finished", "retracted", "failed"].includes(state);
const idsOf = (xml: string, tag: string) =>
  [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, "g"))].map((m) => m[1]);

function assertAllValid(t: { diagnostic(s: string): void }): void {
  if (VALIDATION_SKIPPED) t.diagnostic(VALIDATION_SKIPPED);
  assert.ok(fake.validations.length > 0);
  for (const v of fake.validations) assert.ok(v.valid, `${v.root}: ${v.output}`);
}

let groupCase = 0;
let groupPhoto = "";

test("(a) a group photo matched to a confirmed bank entry: submitted, uploaded, fileinfo, finished", async (t) => {
  const photo = await upload(1);
  groupPhoto = photo.media_id;
  const bank = await server.ctx.repos.banks.ensure("partner-list");
  await server.ctx.repos.banks.addEntries(bank.id, [
    { signalType: "md5", value: photo.md5, provenance: "confirmed", source: "test" } as never,
  ]);
  await server.ctx.matcher.refresh();
  await postEvents([
    {
      id: "a-1",
      type: "group.updated",
      occurred_at: "2026-11-20T10:00:00Z",
      platform: "examplemessenger",
      group: { id: "G-A", name: "Group A", photo: { media_id: photo.media_id } },
    },
  ]);
  groupCase = await caseOf("G-A", "ncmec");
  // A law-enforcement liaison may file it: every file matched a confirmed entry.
  const liaison = users.law_enforcement_liaison as ConsoleClient;
  const inputs = {
    incident_type: "Child Pornography (possession, manufacture, and distribution)",
    files: [{ media_id: photo.media_id, classification: "A1", annotations: ["viral"] }],
  };
  const preview = await liaison.call("POST", `/v1/cases/${groupCase}/cybertip/preview`, inputs);
  assert.equal(preview.status, 200, JSON.stringify(preview.json));
  assert.equal(preview.json.needs_child_safety_decision, false);
  const sent = await liaison.call("POST", `/v1/cases/${groupCase}/cybertip`, inputs);
  assert.equal(sent.status, 202, JSON.stringify(sent.json));
  const done = await filedReport(groupCase);
  assert.equal(done.ncmec_report_ids.length, 1);
  const report = fake.reports.get(done.ncmec_report_ids[0]);
  assert.equal(report?.state, "finished");
  assert.equal(report.files.length, 1);
  const details = report.files[0].fileDetails ?? "";
  assert.match(details, new RegExp(`<originalFileHash hashType="MD5">${photo.md5}</originalFileHash>`));
  assert.match(details, /<originalFileHash hashType="SHA256">[0-9a-f]{64}<\/originalFileHash>/);
  assert.match(details, /<industryClassification>A1<\/industryClassification>/);
  assert.match(
    details,
    /<originalFileName>IMG_1\.png<\/originalFileName>/,
    "the name the upload arrived with",
  );
  assert.match(details, /<fileViewedByEsp>false<\/fileViewedByEsp>/, "nobody revealed it");
  assert.match(report.xml, /<chatRoomName>Group A<\/chatRoomName>/);
  assert.match(report.xml, /<groupIdentifier>G-A<\/groupIdentifier>/);
  const { events } = await server.ctx.repos.cases.get(groupCase);
  const sentEvents = events.filter((e) => e.kind === "report_sent");
  assert.equal(sentEvents.length, 1);
  assert.equal(sentEvents[0].detail.ncmec_report_id, done.ncmec_report_ids[0]);
  // Filing placed the legal hold (issue 8): on this case, naming NCMEC's id, one year from the report.
  // It runs just after the finished row commits, so wait for it.
  const holds = await waitFor("the legal hold", async () => {
    const rows = await new LegalHoldRepository(server.ctx.database.db).ofCase(groupCase);
    return rows.length > 0 ? rows : null;
  });
  assert.equal(holds.length, 1);
  assert.equal(holds[0].reportId, done.ncmec_report_ids[0]);
  const yearAhead = holds[0].heldUntil.getTime() - Date.now();
  assert.ok(
    yearAhead > 364 * 86_400_000 && yearAhead < 367 * 86_400_000,
    `held until ${holds[0].heldUntil.toISOString()}`,
  );
  assertAllValid(t);
});

test("(c) a follow-up on the same case cites the prior report; exactly one finished report per kind", async (t) => {
  const reviewer = users.child_safety_reviewer as ConsoleClient;
  const before = await filedReport(groupCase);
  const prior = before.ncmec_report_ids[0];
  const again = await reviewer.call("POST", `/v1/cases/${groupCase}/cybertip`, {
    incident_type: "Child Pornography (possession, manufacture, and distribution)",
    files: [{ media_id: groupPhoto, classification: "A1" }],
    follow_up_of: ["123456789"],
    additional_info: "The group was re-created under a new name.",
  });
  assert.equal(again.status, 202, JSON.stringify(again.json));
  assert.equal(again.json.kind, "follow_up");
  const done = await filedReport(groupCase, 2);
  const followUp = fake.reports.get(done.ncmec_report_ids[1]);
  assert.deepEqual(idsOf(followUp?.xml ?? "", "priorCTReports").sort(), [prior, "123456789"].sort());
  // A third request of either kind is refused by the database's one-finished rule.
  const third = await reviewer.call("POST", `/v1/cases/${groupCase}/cybertip`, {
    incident_type: "Child Pornography (possession, manufacture, and distribution)",
  });
  assert.equal(third.status, 409);
  assert.equal(third.json.error, "CyberTipAlreadyFiled");
  assertAllValid(t);
});

test("(b) a hotline report with 3 screenshots and 2 phone numbers; a failure after the upload is retracted and retried", async (t) => {
  const shots = [await upload(21), await upload(22), await upload(23)];
  await postEvents(
    ["+15555550101", "+15555550102"].map((phone, i) => ({
      id: `b-admin-${i}`,
      type: "group.member_joined",
      occurred_at: "2026-11-20T09:00:00Z",
      platform: "examplemessenger",
      group: { id: "G-B", name: "Group B" },
      account: { id: `U-B${i}`, phone, name: `Admin ${i}` },
      membership: { role: "admin" },
    })),
  );
  // The platform's IP capture events for one admin ride in an account event's data; a bad entry is left out.
  await postEvents([
    {
      id: "b-ip",
      type: "account.updated",
      occurred_at: "2026-11-20T09:30:00Z",
      platform: "examplemessenger",
      account: { id: "U-B0" },
      data: {
        ip_capture_events: [
          { ip_address: "192.0.2.10", event_name: "Login", date_time: "2026-11-20T09:29:00Z", port: 443 },
          { ip_address: "not an address</ipAddress>", event_name: "Login" },
        ],
      },
    },
  ]);
  const r = await api(server.url, key, "POST", "/v1/reports", {
    platform: "examplemessenger",
    source: "hotline",
    subject: { type: "group", id: "G-B" },
    reason: "csam",
    text: "This group trades child porn, see the screenshots.",
    attachments: shots.map((s) => s.media_id),
  });
  assert.equal(r.status, 202, JSON.stringify(r.json));
  const caseId = await caseOf("G-B", "child-safety");
  // A reviewer reveals one screenshot: the audit log, not a checkbox, makes fileViewedByEsp true.
  const cs = users.child_safety_reviewer as ConsoleClient;
  const reveal = await cs.raw(`/v1/console/media/${shots[0].media_id}/content?case_id=${caseId}`);
  assert.equal(reveal.status, 200);
  await reveal.arrayBuffer();
  // The platform's key reading the bytes is audited too, but is not a person at the provider viewing them.
  const read = await fetch(`${server.url}/v1/media/${shots[1].media_id}/content`, {
    headers: { authorization: `Bearer ${key}` },
  });
  assert.equal(read.status, 200);
  await read.arrayBuffer();
  const listed = await cs.call("GET", `/v1/cases/${caseId}/cybertip`);
  const files = listed.json.files as {
    media_id: string;
    viewed_by_esp: boolean;
    confirmed_match: boolean;
    stored: boolean;
  }[];
  assert.deepEqual(
    files.map((f) => [f.media_id, f.viewed_by_esp, f.confirmed_match, f.stored]),
    shots.map((s, i) => [s.media_id, i === 0, false, true]),
  );
  assert.equal((listed.json.options as { incident_types: string[] }).incident_types.length, 8);
  const inputs = {
    incident_type: "Child Pornography (possession, manufacture, and distribution)",
    files: shots.map((s) => ({ media_id: s.media_id, classification: "B1" })),
  };
  // Human confirmation: nothing here matched a confirmed bank entry.
  const liaison = await (users.law_enforcement_liaison as ConsoleClient).call(
    "POST",
    `/v1/cases/${caseId}/cybertip`,
    inputs,
  );
  assert.equal(liaison.status, 403);
  assert.equal(liaison.json.error, "ChildSafetyReviewRequired");
  const plain = await (users.reviewer as ConsoleClient).call("POST", `/v1/cases/${caseId}/cybertip`, inputs);
  assert.equal(plain.status, 403);
  assert.equal(plain.json.error, "ForbiddenRole");

  const opened = fake.reports.size;
  fake.failNext("fileinfo", { kind: "code", responseCode: 4100 });
  const sent = await cs.call("POST", `/v1/cases/${caseId}/cybertip`, inputs);
  assert.equal(sent.status, 202, JSON.stringify(sent.json));
  const done = await filedReport(caseId);
  assert.deepEqual(
    done.attempts.map((a) => [a.attempt, a.state]),
    [
      [1, "retracted"],
      [2, "finished"],
    ],
    JSON.stringify(done.attempts),
  );
  const mine = [...fake.reports.values()].slice(opened);
  assert.deepEqual(
    mine.map((x) => x.state),
    ["retracted", "finished"],
  );
  const report = mine[1];
  assert.equal(report.files.length, 3);
  assert.ok(
    report.xml.includes(">+15555550101</phone>") && report.xml.includes(">+15555550102</phone>"),
    report.xml,
  );
  assert.equal(idsOf(report.xml, "espIdentifier").sort().join(), "U-B0,U-B1");
  assert.deepEqual(idsOf(report.xml, "ipAddress"), ["192.0.2.10"]);
  assert.ok(report.xml.indexOf("<ipAddress>") < report.xml.indexOf("<espIdentifier>U-B1<"), "on U-B0");
  const viewed = report.files.map((f) => /<fileViewedByEsp>true</.test(f.fileDetails ?? ""));
  assert.deepEqual(viewed, [true, false, false]);
  assert.match(report.xml, /hotline report \S*r_/);
  assertAllValid(t);
});

test("(d) a text-only enticement case; HTTP 5xx at submit and a timeout at finish end in one finished report", async (t) => {
  await postEvents([
    {
      id: "d-1",
      type: "group.updated",
      occurred_at: "2026-11-21T08:00:00Z",
      platform: "examplemessenger",
      group: { id: "G-D", name: "child porn trading", description: "DM admins <b>&</b> \u202Eevil\u202C" },
    },
  ]);
  const caseId = await caseOf("G-D", "child-safety");
  const cs = users.child_safety_reviewer as ConsoleClient;
  const inputs = {
    incident_type: "Online Enticement of Children for Sexual Acts",
    report_annotations: ["sextortion"],
    files: [],
    // The child the account targeted, as the reporting user described them (NCMEC's victim).
    victims: [{ age: 13, platform_id: "A-VICTIM-1", screen_name: "kid-d", notes: "reported the messages" }],
  };
  const liaison = await (users.law_enforcement_liaison as ConsoleClient).call(
    "POST",
    `/v1/cases/${caseId}/cybertip`,
    inputs,
  );
  assert.equal(liaison.json.error, "ChildSafetyReviewRequired", "text-only needs a child-safety reviewer");
  const opened = fake.reports.size;
  fake.failNext("submit", { kind: "http", status: 503 });
  fake.failNext("finish", { kind: "timeout" });
  const sent = await cs.call("POST", `/v1/cases/${caseId}/cybertip`, inputs);
  assert.equal(sent.status, 202, JSON.stringify(sent.json));
  const done = await filedReport(caseId);
  assert.deepEqual(
    done.attempts.map((a) => a.state),
    ["failed", "retracted", "finished"],
    JSON.stringify(done.attempts),
  );
  const mine = [...fake.reports.values()].slice(opened);
  assert.deepEqual(
    mine.map((x) => x.state),
    ["retracted", "finished"],
  );
  assert.match(mine[1].xml, /Online Enticement of Children for Sexual Acts/);
  assert.match(mine[1].xml, /<sextortion>true<\/sextortion>/);
  assert.match(
    mine[1].xml.replace(/>\s+</g, "><"),
    /<victim><victimPerson><age>13<\/age><\/victimPerson><espIdentifier>A-VICTIM-1<\/espIdentifier><espService>[^<]+<\/espService><screenName>kid-d<\/screenName><additionalInfo>reported the messages<\/additionalInfo><\/victim><additionalInfo>/,
  );
  assert.match(mine[1].xml, /&lt;b&gt;&amp;&lt;\/b&gt; &#x202E;evil&#x202C;/);
  assert.equal(mine[1].files.length, 0);
  assertAllValid(t);
});

test("every report and fileDetails the code built was written to VIGIL_XML_DUMP_DIR and is valid", async (t) => {
  if (VALIDATION_SKIPPED) t.diagnostic(VALIDATION_SKIPPED);
  const files = await readdir(dumpDir);
  assert.ok(files.some((f) => f.startsWith("report-")));
  assert.ok(files.some((f) => f.startsWith("fileDetails-")));
  const { readFile } = await import("node:fs/promises");
  for (const f of files) {
    const r = validateXml(await readFile(join(dumpDir, f), "utf8"));
    if (r) assert.ok(r.valid, `${f}: ${r.output}`);
  }
});

test("issue 16: the preview says which files matched which entries (none ticked too), names the real role and shows personal data", async () => {
  const lead = users.lead as ConsoleClient;
  const none = await lead.call("POST", `/v1/cases/${groupCase}/cybertip/preview`, {
    incident_type: "Child Pornography (possession, manufacture, and distribution)",
  });
  assert.equal(none.status, 200, JSON.stringify(none.json));
  const summary = none.json.summary as string[];
  assert.match(summary[0], /^No file is selected: the report would carry no file/);
  assert.ok(
    summary.some(
      (l) =>
        l.includes(groupPhoto) &&
        /Not selected: .*matched confirmed entries: partner-list \(md5, distance 0\)/.test(l),
    ),
    summary.join("\n"),
  );
  assert.ok(!summary.some((l) => /did not match/.test(l)));
  const candidate = (none.json.candidate_files as { media_id: string; matches: { bank: string }[] }[]).find(
    (f) => f.media_id === groupPhoto,
  );
  assert.deepEqual(
    candidate?.matches.map((m) => m.bank),
    ["partner-list"],
  );
  assert.deepEqual((none.json.reporter as { role: string }).role, "lead");
  const xml = String(none.json.xml);
  assert.match(xml, /Reviewed and confirmed by a lead \(user:lead@example.com\)/);
  assert.doesNotMatch(xml, /child-safety reviewer \(user:lead/);
  const personal = none.json.personal_data as { kind: string; value: string }[];
  for (const datum of personal.filter((p) => p.kind === "phone"))
    assert.ok(xml.includes(datum.value.replace(/^\+\d{1,3}/, "")));
  assert.ok(personal.length > 0);
  const ticked = await lead.call("POST", `/v1/cases/${groupCase}/cybertip/preview`, {
    incident_type: "Child Pornography (possession, manufacture, and distribution)",
    files: [{ media_id: groupPhoto, classification: "A1" }],
  });
  const [file] = ticked.json.files as { selected: boolean; matches: { provenance: string }[] }[];
  assert.equal(file.selected, true);
  assert.equal(file.matches[0].provenance, "confirmed");
  assert.match(
    String(ticked.json.xml),
    /Every file matched a hash of confirmed provenance; submitted by a lead/,
  );
});

test("bad reviewer input and hostile content get named errors over the API", async () => {
  const cs = users.child_safety_reviewer as ConsoleClient;
  const bad = await cs.call("POST", `/v1/cases/${groupCase}/cybertip/preview`, { incident_type: "Spam" });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error, "InvalidRequest");
  const unknown = await cs.call("POST", `/v1/cases/${groupCase}/cybertip/preview`, {
    incident_type: "Child Sex Trafficking",
    files: [{ media_id: "m_not_in_this_case" }],
  });
  assert.equal(unknown.status, 422, JSON.stringify(unknown.json));
  assert.equal(unknown.json.error, "CyberTipUnknownFile");
  const control = await cs.call("POST", `/v1/cases/${groupCase}/cybertip/preview`, {
    incident_type: "Child Sex Trafficking",
    escalate: "bell\u0007",
  });
  assert.equal(control.status, 422);
  assert.equal(control.json.error, "XmlInvalidCharacter");
  const missing = await cs.call("GET", "/v1/cases/999999/cybertip");
  assert.equal(missing.status, 404);
  const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
    paths: Record<string, unknown>;
  };
  for (const path of ["/v1/cases/{id}/cybertip", "/v1/cases/{id}/cybertip/preview"])
    assert.ok(doc.paths[path], path);
});
