/**
 * Issue 17: the API's other JSON routes and its path and query parameters under
 * hostile input (events, reports and uploads are in test/service/fuzz-api.test.ts;
 * this reuses its corpus and generators on the routes that suite does not
 * reach: bank entries, case decisions, expansions, bulk actions, console
 * sign-in, search, and event lookup). Every answer is below 500 and every
 * error is in the documented shape; the server still answers afterwards.
 */
import assert from "node:assert/strict";
import { after, before, type TestContext, test } from "node:test";
import fc from "fast-check";
import { API_ERRORS } from "../../src/api/errors.js";
import { hostileJsonCorpus, hostileJsonValue, hostileString } from "../support/hostile-json.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { FUZZ_SEED } from "./outcome-tally.js";

const RUNS = 25;
const SCOPES = [
  "banks:read",
  "banks:write",
  "cases:read",
  "cases:write",
  "expansions:read",
  "expansions:write",
] as const;
const JSON_ROUTES = [
  "/v1/banks/fuzz/entries",
  "/v1/cases/1/decision",
  "/v1/expansions",
  "/v1/bulk-actions",
  "/v1/console/session",
];

let running: TestServer;
let key: string;
before(async () => {
  running = await startTestServer();
  key = (await running.server.ctx.repos.apiKeys.create("fuzz-routes", [...SCOPES])).key;
});
after(async () => {
  await running.close();
});

/** Answers per route and status; a 5xx or an undocumented error fails the test with the request. */
class Answers {
  readonly seen = new Map<string, number>();
  cases = 0;

  async send(
    method: string,
    path: string,
    body?: string | Buffer,
    contentType = "application/json",
  ): Promise<void> {
    const res = await fetch(`${running.server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { "content-type": contentType }),
      },
      body,
    });
    const text = await res.text();
    this.cases += 1;
    const label = `${method} ${path.slice(0, 120)}`;
    assert.ok(res.status < 500, `${label}: ${res.status} ${text.slice(0, 300)}`);
    let answer = String(res.status);
    if (res.status >= 400) {
      const json = JSON.parse(text) as { error: keyof typeof API_ERRORS; message: unknown };
      assert.equal(API_ERRORS[json.error], res.status, `${label}: undocumented error ${text.slice(0, 300)}`);
      assert.equal(typeof json.message, "string");
      answer = `${res.status} ${json.error}`;
    }
    this.seen.set(answer, (this.seen.get(answer) ?? 0) + 1);
  }

  async report(t: TestContext, parser: string): Promise<void> {
    const byAnswer = [...this.seen].sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s}: ${n}`);
    t.diagnostic(`${parser}: ${this.cases} cases, 0 crashes, 0 answers of 500 (${byAnswer.join(", ")})`);
    assert.equal((await fetch(`${running.server.url}/healthz`)).status, 200);
  }
}

test("the hostile JSON corpus against every other JSON route", async (t) => {
  const answers = new Answers();
  for (const c of hostileJsonCorpus()) {
    for (const route of JSON_ROUTES) await answers.send("POST", route, c.body, c.contentType);
  }
  await answers.report(t, "JSON corpus (bank entries, decisions, expansions, bulk actions, sign-in)");
  assert.equal(({} as Record<string, unknown>).polluted, undefined, "no prototype pollution");
});

test("property: generated bodies for every other JSON route", async (t) => {
  const answers = new Answers();
  const body = fc.oneof(
    hostileJsonValue,
    fc.record({ entries: fc.array(hostileJsonValue, { maxLength: 3 }) }),
    fc.record({ decision: hostileJsonValue, reason: hostileJsonValue }),
    fc.record({ email: hostileJsonValue, password: hostileJsonValue }),
    fc.record({ seed: hostileJsonValue, depth: hostileJsonValue, targets: hostileJsonValue }),
  );
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...JSON_ROUTES), body, (route, value) =>
      answers.send("POST", route, JSON.stringify(value)),
    ),
    { seed: FUZZ_SEED, numRuns: RUNS * JSON_ROUTES.length },
  );
  await answers.report(t, "JSON routes (generated)");
});

test("property: hostile path and query parameters", async (t) => {
  const answers = new Answers();
  const part = fc.oneof(
    hostileString,
    fc.constantFrom("1e999", "-1", "0x10", "NaN", "..", "%", "%00", "%ZZ", "a".repeat(5000), "9".repeat(40)),
  );
  const encode = (s: string) => {
    try {
      return encodeURIComponent(s);
    } catch {
      return s.replaceAll(/[\ud800-\udfff]/g, "%ED%A0%80"); // a lone surrogate as the bytes a client might send
    }
  };
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 3 }), part, part, async (route, a, b) => {
      const raw = [a, b].map((s) => (s.startsWith("%") ? s : encode(s)));
      const path = [
        `/v1/events/${raw[0]}/${raw[1]}`,
        `/v1/search?q=${raw[0]}&limit=${raw[1]}`,
        `/v1/cases/${raw[0]}/decision`,
        `/v1/banks/${raw[0]}/entries`,
      ][route];
      await answers.send(route >= 2 ? "POST" : "GET", path, route >= 2 ? "{}" : undefined);
    }),
    { seed: FUZZ_SEED, numRuns: RUNS * 4 },
  );
  await answers.report(t, "path and query parameters (generated)");
});
