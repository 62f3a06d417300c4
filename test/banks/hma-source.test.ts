/**
 * Importing a bank from a running HMA over its REST API, against a stand-in
 * that answers as HMA's curation blueprint does: contents come in by id, ids
 * HMA lacks or holds in another bank are counted, a missing bank names the
 * ones there are, a private address is refused unless allowed, and the token
 * goes only to HMA.
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { ParsedRow } from "../../src/banks/bank-files/bank-rows.js";
import { type HmaScan, HmaSourceError, hmaSource, parseContentIds } from "../../src/banks/hma-source.js";
import { fixturesDir } from "../support/paths.js";

const parse = { format: "hma" as const, provenance: "unconfirmed" as const, source: "hma", addedBy: "t" };
let origin = "";
const seen: IncomingMessage[] = [];
let server: ReturnType<typeof createServer>;

before(async () => {
  const contents = JSON.parse(
    await readFile(join(fixturesDir, "banks", "hma-bank-content.json"), "utf8"),
  ) as {
    id: number;
  }[];
  const other = { ...contents[0], id: 6, bank: { name: "OTHER_BANK", matching_enabled_ratio: 1 } };
  server = createServer((req, res) => {
    seen.push(req);
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    const url = new URL(req.url ?? "/", "http://hma");
    if (url.pathname === "/c/banks") return json(200, [{ name: "SEED_BANK_0", matching_enabled_ratio: 1 }]);
    if (url.pathname === "/c/bank/SEED_BANK_0")
      return json(200, { name: "SEED_BANK_0", matching_enabled_ratio: 1 });
    const match = /^\/c\/bank\/SEED_BANK_0\/content\/(\d+)$/.exec(url.pathname);
    const content = match && [...contents, other].find((c) => c.id === Number(match[1]));
    if (content && url.searchParams.get("include_signals") === "true") return json(200, content);
    json(404, { message: "not found" });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

async function collect(rows: AsyncIterable<ParsedRow>): Promise<ParsedRow[]> {
  const out: ParsedRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

test("content ids are read by range; absent ids and other banks' contents are counted", async () => {
  const scan: HmaScan = { absent: 0, inOtherBanks: 0 };
  const rows = await collect(
    hmaSource(
      {
        baseUrl: origin,
        bank: "SEED_BANK_0",
        contentIds: parseContentIds("1-3,4,5-6"),
        allowHosts: new Set(["127.0.0.1"]),
        token: "s3cret",
      },
      parse,
      scan,
    ),
  );
  assert.deepEqual(scan, { absent: 1, inOtherBanks: 1 });
  assert.equal(rows.filter((r) => "entry" in r).length, 6);
  assert.deepEqual([...new Set(rows.map((r) => r.line))], [1, 2, 3, 4]);
  assert.ok(seen.every((r) => r.headers.authorization === "Bearer s3cret"));
});

test("a bank HMA does not have is an error naming the banks it has", async () => {
  const rows = hmaSource(
    { baseUrl: origin, bank: "NO_SUCH_BANK", contentIds: [1], allowHosts: new Set(["127.0.0.1"]) },
    parse,
    { absent: 0, inOtherBanks: 0 },
  );
  await assert.rejects(
    collect(rows),
    (error: unknown) => error instanceof HmaSourceError && /its banks: SEED_BANK_0/.test(error.message),
  );
});

test("HMA on a private address is refused unless its host is allowed", async () => {
  const rows = hmaSource(
    { baseUrl: origin, bank: "SEED_BANK_0", contentIds: [1], allowHosts: new Set() },
    parse,
    {
      absent: 0,
      inOtherBanks: 0,
    },
  );
  await assert.rejects(
    collect(rows),
    (error: unknown) => error instanceof HmaSourceError && /not a public address/.test(error.message),
  );
});

test("content id lists: ranges, and clear errors", () => {
  assert.deepEqual(parseContentIds("3, 7-9"), [3, 7, 8, 9]);
  assert.throws(() => parseContentIds("9-7"), /backwards/);
  assert.throws(() => parseContentIds("a-b"), /numbers and ranges/);
  assert.throws(() => parseContentIds("1-2000000"), /more than/);
  assert.throws(() => parseContentIds(""), /no content ids/);
});
