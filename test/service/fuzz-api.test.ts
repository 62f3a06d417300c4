/**
 * Issue 17: the API's parsers under hostile input, through HTTP. A fixed corpus
 * of known attacks and fast-check properties (a fixed seed and number of runs,
 * so CI time is bounded and a failure replays) for event JSON, report JSON,
 * mutated event bytes and multipart uploads. Every answer is a 2xx or a
 * documented 4xx error; never a 500, never a crash; the server still answers
 * afterwards. Each parser reports its count of cases.
 */
import assert from "node:assert/strict";
import { after, before, type TestContext, test } from "node:test";
import fc from "fast-check";
import { API_ERRORS } from "../../src/api/errors.js";
import type { RunningServer } from "../../src/app/start.js";
import { patternPng } from "../support/crafted-media.js";
import {
  type HostileBody,
  hostileEvent,
  hostileJsonCorpus,
  hostileReport,
  mutatedBatch,
} from "../support/hostile-json.js";
import { hostileMultipart, hostileMultipartCorpus } from "../support/hostile-multipart.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

const SEED = 17;
const RUNS = 150;

let running: TestServer;
let server: RunningServer;
let key: string;
let png: Buffer;

before(async () => {
  running = await startTestServer();
  server = running.server;
  key = (await server.ctx.repos.apiKeys.create("fuzz", ["events:write", "reports:write", "media:write"])).key;
  png = await patternPng("checker", 64, 5);
});

after(async () => {
  await running.close();
});

/** Tally of answers per parser; throws on a 5xx or an undocumented error. */
class Tally {
  /** Answers by status and error name, e.g. `400 UnstorableText`. */
  readonly answers = new Map<string, number>();
  cases = 0;

  async send(path: string, contentType: string, body: string | Buffer, label: string): Promise<void> {
    const res = await fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": contentType },
      body,
    });
    const text = await res.text();
    this.cases += 1;
    assert.ok(res.status < 500, `${label}: ${res.status} ${text.slice(0, 300)}`);
    if (res.status >= 400) {
      const json = JSON.parse(text) as { error: keyof typeof API_ERRORS; message: string };
      assert.equal(API_ERRORS[json.error], res.status, `${label}: undocumented error ${text.slice(0, 300)}`);
      assert.equal(typeof json.message, "string");
    }
    const answer =
      res.status >= 400
        ? `${res.status} ${(JSON.parse(text) as { error: string }).error}`
        : String(res.status);
    this.answers.set(answer, (this.answers.get(answer) ?? 0) + 1);
  }

  report(t: TestContext, parser: string): void {
    const byStatus = [...this.answers].sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s}: ${n}`);
    t.diagnostic(`${parser}: ${this.cases} cases, 0 crashes, 0 answers of 500 (${byStatus.join(", ")})`);
  }
}

async function stillServing(): Promise<void> {
  assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
}

test("the hostile JSON corpus against POST /v1/events and /v1/reports", async (t) => {
  const tally = new Tally();
  for (const c of hostileJsonCorpus()) {
    await tally.send("/v1/events", c.contentType, c.body, `events: ${c.name}`);
    await tally.send("/v1/reports", c.contentType, c.body, `reports: ${c.name}`);
  }
  tally.report(t, "JSON corpus (events and reports)");
  await stillServing();
  assert.equal(({} as Record<string, unknown>).polluted, undefined, "no prototype pollution");
});

test("the hostile multipart corpus against POST /v1/media", async (t) => {
  const tally = new Tally();
  for (const c of hostileMultipartCorpus(png) as HostileBody[]) {
    await tally.send("/v1/media", c.contentType, c.body, `multipart: ${c.name}`);
  }
  tally.report(t, "multipart corpus");
  await stillServing();
});

/** A fast-check property over one parser (its generator made when the test runs): each case is sent and its answer checked. */
function property<T>(
  title: string,
  parser: string,
  arbitrary: () => fc.Arbitrary<T>,
  send: (tally: Tally, value: T) => Promise<void>,
) {
  test(`property: ${title}`, async (t) => {
    const tally = new Tally();
    await fc.assert(
      fc.asyncProperty(arbitrary(), (value) => send(tally, value)),
      { seed: SEED, numRuns: RUNS },
    );
    tally.report(t, parser);
    await stillServing();
  });
}

property(
  "generated event batches",
  "event JSON (generated)",
  () => fc.array(hostileEvent, { minLength: 1, maxLength: 4 }),
  (tally, events) => tally.send("/v1/events", "application/json", JSON.stringify({ events }), "events"),
);
property(
  "generated reports",
  "report JSON (generated)",
  () => hostileReport,
  (tally, report) => tally.send("/v1/reports", "application/json", JSON.stringify(report), "reports"),
);
property(
  "mutated event bytes",
  "event bytes (mutated)",
  () => mutatedBatch,
  (tally, bytes) => tally.send("/v1/events", "application/json", bytes, "mutated events"),
);
property(
  "generated multipart uploads",
  "multipart uploads (generated)",
  () => hostileMultipart(png),
  (tally, upload) => tally.send("/v1/media", upload.contentType, upload.body, "multipart"),
);
