/**
 * HMA's API on Vigil (issue 19, point 5): the request and response examples of
 * OpenMediaMatch's API code and tests (blueprints/curation.py, matching.py,
 * hashing.py; tests/test_api_banks.py, test_match_api.py, utils.py) replayed
 * against an in-process Vigil, behind its API keys and scopes. The PDQ
 * signal is python-threatexchange's first PdqSignal example, as HMA's tests use.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { hashMediaBytes } from "../../src/media/hash-media-bytes.js";
import { patternPng } from "../support/crafted-media.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

const PDQ_EXAMPLE = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

let running: TestServer;
let base: string;
let key: string;
let readOnly: string;

before(async () => {
  running = await startTestServer();
  base = running.server.url;
  const repo = running.server.ctx.repos.apiKeys;
  key = (await repo.create("coop", ["banks:read", "banks:write", "media:write"])).key;
  readOnly = (await repo.create("reader", ["banks:read"])).key;
});

after(async () => {
  await running?.close();
});

async function call(
  method: string,
  path: string,
  body?: unknown,
  as = key,
): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { authorization: `Bearer ${as}` };
  let payload: string | FormData | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  const res = await fetch(`${base}${path}`, { method, headers, body: payload });
  return { status: res.status, json: await res.json() };
}

function upload(field: string, bytes: Buffer): FormData {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type: "image/png" }), "image1.png");
  return form;
}

test("GET /c/banks on an empty instance is []; POST /c/banks answers 201 with the bank config", async () => {
  assert.deepEqual(await call("GET", "/c/banks"), { status: 200, json: [] });
  assert.equal(
    (await call("POST", "/c/banks", { name: "01_TEST_BANK" })).status,
    400,
    "must not start with a digit",
  );
  assert.equal((await call("POST", "/c/banks", { name: "my_test_bank" })).status, 400, "no lowercase");
  const created = await call("POST", "/c/banks", { name: "MY_TEST_BANK_01" });
  assert.deepEqual(created, { status: 201, json: { matching_enabled_ratio: 1.0, name: "MY_TEST_BANK_01" } });
  assert.deepEqual(await call("GET", "/c/banks"), { status: 200, json: [created.json] });
  const again = await call("POST", "/c/banks", { name: "MY_TEST_BANK_01" });
  assert.equal(again.status, 409);
});

test("raw and bank lookups with bank filters, as test_match_api.py", async () => {
  for (const bank of ["BANK_A", "BANK_B", "BANK_C"]) {
    assert.equal((await call("POST", "/c/banks", { name: bank })).status, 201);
    const added = await call("POST", `/c/bank/${bank}/signal`, { pdq: PDQ_EXAMPLE });
    assert.equal(added.status, 200, JSON.stringify(added.json));
    assert.deepEqual((added.json as { signals: unknown }).signals, { pdq: PDQ_EXAMPLE });
  }
  const raw = (q: string) => call("GET", `/m/raw_lookup?signal=${PDQ_EXAMPLE}&signal_type=pdq${q}`);
  const matches = async (q: string) => ((await raw(q)).json as { matches: unknown[] }).matches;
  assert.equal((await matches("")).length, 3, "one from each bank");
  assert.equal((await matches("&banks=BANK_A")).length, 1);
  assert.equal((await matches("&banks=BANK_A,BANK_B")).length, 2);
  assert.equal((await matches("&banks=NON_EXISTENT_BANK")).length, 0);
  for (const id of await matches("")) assert.equal(typeof id, "number");
  const withDistance = await matches("&include_distance=True&banks=BANK_A,BANK_B");
  assert.equal(withDistance.length, 2);
  for (const m of withDistance as { bank_content_id: number; distance: string }[]) {
    assert.equal(typeof m.bank_content_id, "number");
    assert.equal(m.distance, "0");
  }
  const lookup = await call("GET", `/m/lookup?signal=${PDQ_EXAMPLE}&signal_type=pdq`);
  assert.equal(lookup.status, 200);
  assert.deepEqual(Object.keys(lookup.json as object).sort(), ["BANK_A", "BANK_B", "BANK_C"]);
  const filtered = await call("GET", `/m/lookup?signal=${PDQ_EXAMPLE}&signal_type=pdq&banks=BANK_B`);
  assert.deepEqual(Object.keys(filtered.json as object), ["BANK_B"]);
  const [match] = (filtered.json as Record<string, { bank_content_id: number; distance: string }[]>).BANK_B;
  assert.deepEqual(Object.keys(match).sort(), ["bank_content_id", "distance"]);
  const bad = await call("GET", "/m/raw_lookup?signal=zz&signal_type=pdq");
  assert.equal(bad.status, 400);
  const unknown = await call("GET", `/m/raw_lookup?signal=${PDQ_EXAMPLE}&signal_type=tmk`);
  assert.equal(unknown.status, 400);
  assert.equal((await call("GET", "/m/lookup?signal_type=pdq")).status, 400, "url or signal+signal_type");
});

test("GET /m/index/status: present, built_to and size per signal type", async () => {
  const status = await call("GET", "/m/index/status");
  assert.equal(status.status, 200);
  const body = status.json as Record<string, { present: boolean; built_to: number; size: number }>;
  assert.deepEqual(Object.keys(body).sort(), ["pdq", "video_md5"]);
  assert.equal(body.pdq.present, true);
  assert.ok(body.pdq.size >= 3);
  assert.ok(body.pdq.built_to > 1_700_000_000);
  assert.deepEqual(body.video_md5, { present: true, built_to: -1, size: 0 });
  const only = await call("GET", "/m/index/status?signal_type=pdq");
  assert.deepEqual(Object.keys(only.json as object), ["pdq"]);
  assert.equal((await call("GET", "/m/index/status?signal_type=nope")).status, 400);
});

test("upload: /h/hash, bank it, read it back, look it up by upload, delete it", async () => {
  const png = await patternPng("checker", 128, 8);
  const expected = await hashMediaBytes(png);
  const hashed = await call("POST", "/h/hash", upload("photo", png));
  assert.deepEqual(hashed, { status: 200, json: { pdq: expected.pdq } });
  assert.equal((await call("POST", "/c/banks", { name: "TEST_BANK_GET" })).status, 201);
  const added = await call("POST", "/c/bank/TEST_BANK_GET/content", upload("photo", png));
  assert.equal(added.status, 200, JSON.stringify(added.json));
  const { id, signals } = added.json as { id: number; signals: Record<string, string> };
  assert.deepEqual(signals, { pdq: expected.pdq });
  const got = await call("GET", `/c/bank/TEST_BANK_GET/content/${id}?include_signals=true`);
  assert.equal(got.status, 200);
  assert.deepEqual(got.json, {
    id,
    disable_until_ts: 1,
    original_media_uri: null,
    bank: { name: "TEST_BANK_GET", matching_enabled_ratio: 1.0 },
    signals: { pdq: expected.pdq },
  });
  assert.equal((await call("GET", "/c/bank/TEST_BANK_GET/content/999999")).status, 404);
  assert.equal((await call("GET", `/c/bank/NO_SUCH_BANK/content/${id}`)).status, 404);
  const looked = await call("POST", "/m/lookup?banks=TEST_BANK_GET", upload("photo", png));
  assert.deepEqual(looked, {
    status: 200,
    json: { pdq: { TEST_BANK_GET: [{ bank_content_id: id, distance: "0" }] } },
  });
  assert.deepEqual(await call("DELETE", `/c/bank/TEST_BANK_GET/content/${id}`), {
    status: 200,
    json: { deleted: 1 },
  });
  const gone = await call("POST", "/m/lookup?banks=TEST_BANK_GET", upload("photo", png));
  assert.deepEqual(gone.json, { pdq: {} });
});

test("metadata and note travel with banked content", async () => {
  const added = await call("POST", "/c/bank/TEST_BANK_GET/signal", {
    pdq: "d8f8f1eec0f4a84f0e37022a078f63f0b36e2ed596621e1d33e6239c4e9c9b22",
    note: "from a partner report",
  });
  const { id } = added.json as { id: number };
  const got = (await call("GET", `/c/bank/TEST_BANK_GET/content/${id}`)).json as Record<string, unknown>;
  assert.equal(got.note, "from a partner report");
  assert.equal("signals" in got, false, "signals only when asked");
  const long = await call("POST", "/c/bank/TEST_BANK_GET/signal", {
    pdq: PDQ_EXAMPLE,
    note: "x".repeat(256),
  });
  assert.equal(long.status, 400);
});

test("behind Vigil's API keys: no key is 401, a key without the scope is 403, a wrong upload field 400", async () => {
  const anonymous = await fetch(`${base}/c/banks`);
  assert.equal(anonymous.status, 401);
  const denied = await call("POST", "/c/bank/BANK_A/signal", { pdq: PDQ_EXAMPLE }, readOnly);
  assert.equal(denied.status, 403);
  assert.equal((await call("GET", "/c/banks", undefined, readOnly)).status, 200);
  const wrongField = await call("POST", "/h/hash", upload("picture", await patternPng("checker", 64, 1)));
  assert.equal(wrongField.status, 400);
  assert.equal((wrongField.json as { error: string }).error, "InvalidUpload");
});

test("a URL to hash goes through the SSRF guard: a loopback address is refused, never fetched", async () => {
  const refused = await call("GET", `/h/hash?url=${encodeURIComponent(`${base}/health`)}`);
  assert.ok(
    refused.status >= 400 && refused.status < 500,
    `${refused.status} ${JSON.stringify(refused.json)}`,
  );
  const lookup = await call("GET", `/m/lookup?url=${encodeURIComponent("http://127.0.0.1:9/x.png")}`);
  assert.ok(lookup.status >= 400 && lookup.status < 500);
});

test("bad input to HMA's routes is a named 4xx, never a 500", async () => {
  const cases: [string, string, unknown, number][] = [
    ["POST", "/c/bank/BANK_A/signal", [1, 2], 400],
    ["POST", "/c/bank/BANK_A/signal", { pdq: "\u0000" }, 400],
    ["POST", "/c/bank/BANK_A/signal", { pdq: "\ud800" }, 400],
    ["POST", "/c/bank/BANK_A/signal", { tmk: PDQ_EXAMPLE }, 400],
    ["POST", "/c/bank/BANK_A/signal", {}, 400],
    ["POST", "/c/bank/NO_SUCH_BANK/signal", { pdq: PDQ_EXAMPLE }, 404],
    ["POST", "/c/bank/BANK_A/content", { metadata: 5 }, 400],
    ["GET", "/c/bank/BANK_A/content/abc", undefined, 400],
    ["GET", "/c/bank/BANK_A/content/-1", undefined, 400],
    ["POST", "/m/lookup", { signal: PDQ_EXAMPLE }, 415],
    ["GET", `/m/raw_lookup?signal=${"f".repeat(300)}&signal_type=pdq`, undefined, 400],
    ["GET", "/m/raw_lookup?signal_type=pdq", undefined, 400],
  ];
  for (const [method, path, body, status] of cases) {
    const answer = await call(method, path, body);
    assert.equal(
      answer.status,
      status,
      `${method} ${path} ${JSON.stringify(body)}: ${JSON.stringify(answer.json)}`,
    );
    assert.equal(typeof (answer.json as { error: unknown }).error, "string");
  }
  assert.equal((await call("GET", "/c/banks")).status, 200, "still answering");
});
