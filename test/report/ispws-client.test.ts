/**
 * The ispws client against the fake CyberTipline: the whole lifecycle, and
 * each documented failure (an error responseCode on a step, HTTP 5xx, no
 * answer, wrong credentials, a body that is not an ispws answer) as an
 * IspwsError naming the step and the kind of failure. Response shapes come
 * from the anchors' examples/responses.xml when present.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileDetailsXml } from "../../src/report/cybertip/file-details-xml.js";
import {
  EXTTEST_URL,
  IspwsClient,
  IspwsError,
  ispwsConfigFromEnv,
} from "../../src/report/cybertip/ispws-client.js";
import { parseIspwsResponse } from "../../src/report/cybertip/ispws-responses.js";
import { reportXml } from "../../src/report/cybertip/report-xml.js";
import { FakeCyberTipline, VALIDATION_SKIPPED } from "../support/fake-cybertipline.js";
import { SHARED_ABSENT, sharedAnchor } from "../support/paths.js";
import { fullReport } from "./sample-report.js";

let fake: FakeCyberTipline;
let client: IspwsClient;

before(async () => {
  fake = await new FakeCyberTipline().start();
  client = new IspwsClient({
    baseUrl: fake.url,
    username: fake.username,
    password: fake.password,
    timeoutMs: 1000,
  });
});
after(() => fake.close());

const failure = (step: string, kind: string) => (e: unknown) =>
  e instanceof IspwsError && e.step === step && e.failure.kind === kind;

test("configuration: exttest by default, nothing without a user", () => {
  assert.equal(ispwsConfigFromEnv({}), null);
  assert.equal(
    ispwsConfigFromEnv({ VIGIL_NCMEC_USER: "u", VIGIL_NCMEC_PASSWORD: "p" })?.baseUrl,
    EXTTEST_URL,
  );
  assert.equal(
    ispwsConfigFromEnv({ VIGIL_NCMEC_USER: "u", VIGIL_NCMEC_URL: "https://report.cybertip.org/ispws" })
      ?.baseUrl,
    "https://report.cybertip.org/ispws",
  );
});

test("the sample responses parse: status, submit, upload, error 4100, finish", (t) => {
  const dir = sharedAnchor("ncmec");
  if (!dir) return t.skip(SHARED_ABSENT);
  const samples = readFileSync(join(dir, "examples", "responses.xml"), "utf8");
  const parsed = [...samples.matchAll(/<(reportResponse|reportDoneResponse)>[\s\S]*?<\/\1>/g)].map((m) =>
    parseIspwsResponse(m[0]),
  );
  assert.deepEqual(
    parsed.map((p) => [p.kind, p.responseCode]),
    [
      ["report", 0],
      ["report", 0],
      ["report", 0],
      ["report", 4100],
      ["done", 0],
    ],
  );
  assert.equal(parsed[2].kind === "report" && parsed[2].fileId, "0123456789abcdef0123456789abcdef");
  assert.deepEqual(parsed[4].kind === "done" && parsed[4].fileIds, ["0123456789abcdef0123456789abcdef"]);
});

test("status, submit, upload, fileinfo, finish", async () => {
  assert.match(await client.status(), /Remote User : esp-user/);
  const reportId = await client.submit(reportXml(fullReport()));
  const { fileId } = await client.upload(reportId, "a.png", new Uint8Array([1, 2, 3]));
  await client.fileInfo(fileDetailsXml({ reportId, fileId, fileViewedByEsp: false }));
  assert.deepEqual(await client.finish(reportId), [fileId]);
  assert.equal(fake.reports.get(reportId)?.state, "finished");
  // A finished report cannot be retracted: NCMEC answers with an error code, over HTTP 200.
  await assert.rejects(client.retract(reportId), failure("retract", "rejected"));
});

test("each documented failure is an IspwsError naming the step", async () => {
  fake.failNext("submit", { kind: "code", responseCode: 4100 });
  await assert.rejects(client.submit(reportXml(fullReport())), (e: unknown) => {
    return e instanceof IspwsError && e.failure.kind === "rejected" && e.failure.responseCode === 4100;
  });
  const reportId = await client.submit(reportXml(fullReport()));
  fake.failNext("upload", { kind: "http", status: 502 });
  await assert.rejects(client.upload(reportId, "a.png", new Uint8Array([1])), failure("upload", "http"));
  fake.failNext("fileinfo", { kind: "timeout" });
  await assert.rejects(
    client.fileInfo(fileDetailsXml({ reportId, fileId: "x" })),
    failure("fileinfo", "timeout"),
  );
  fake.failNext("finish", { kind: "code", responseCode: 1000 });
  await assert.rejects(client.finish(reportId), failure("finish", "rejected"));
  await client.retract(reportId);
  assert.equal(fake.reports.get(reportId)?.state, "retracted");
  const wrong = new IspwsClient({ baseUrl: fake.url, username: "x", password: "y", timeoutMs: 1000 });
  await assert.rejects(wrong.status(), failure("status", "http"));
});

test("an invalid document is refused by the fake with 4100, as NCMEC does", async (t) => {
  // Without the XSD the fake checks well-formedness only, and this document is well formed.
  if (VALIDATION_SKIPPED) return t.skip(VALIDATION_SKIPPED);
  await assert.rejects(client.submit("<report><reporter/></report>"), (e: unknown) => {
    return e instanceof IspwsError && e.failure.kind === "rejected" && e.failure.responseCode === 4100;
  });
});

test("a body that is not an ispws answer, or a wrong MD5 from upload, is malformed", async () => {
  const odd = createServer((req, res) => {
    req.resume();
    res.end(
      req.url?.endsWith("/upload")
        ? "<reportResponse><responseCode>0</responseCode><responseDescription>ok</responseDescription><fileId>f</fileId><hash>00</hash></reportResponse>"
        : "<html>maintenance</html>",
    );
  });
  await new Promise<void>((r) => odd.listen(0, "127.0.0.1", r));
  try {
    const url = `http://127.0.0.1:${(odd.address() as AddressInfo).port}/ispws`;
    const c = new IspwsClient({ baseUrl: url, username: "u", password: "p", timeoutMs: 1000 });
    await assert.rejects(c.status(), failure("status", "malformed"));
    await assert.rejects(c.upload("1", "a", new Uint8Array([1])), failure("upload", "malformed"));
  } finally {
    odd.close();
  }
});
