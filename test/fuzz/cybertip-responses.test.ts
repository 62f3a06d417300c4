/**
 * Issue 17: what NCMEC's CyberTipline API (ispws) answers, made hostile. A body
 * parses to a report or done response or fails with MalformedIspwsResponse;
 * nothing else. External entities and entity expansion never happen (the
 * parser neither fetches nor expands DTDs), codes are safe integers, and
 * every text taken from a body is bounded by the body's size.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  MalformedIspwsResponseError,
  parseIspwsResponse,
} from "../../src/report/cybertip/ispws-responses.js";
import { FUZZ_SEED, namedBy, OutcomeTally } from "./outcome-tally.js";

const RUNS = 300;
const ok = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><reportResponse>${inner}</reportResponse>`;

function corpus(): { name: string; body: string }[] {
  const laughs = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join(
    "",
  );
  return [
    { name: "empty", body: "" },
    { name: "success", body: ok("<responseCode>0</responseCode><reportId>12</reportId>") },
    {
      name: "external entity",
      body: `<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>${ok("<responseCode>0</responseCode><reportId>&x;</reportId>")}`,
    },
    {
      name: "billion laughs",
      body: `<!DOCTYPE r [<!ENTITY l0 "ha">${laughs}]>${ok("<responseCode>0</responseCode><responseDescription>&l10;</responseDescription>")}`,
    },
    {
      name: "responseCode of 30 digits",
      body: ok("<responseCode>999999999999999999999999999999</responseCode>"),
    },
    { name: "responseCode not a number", body: ok("<responseCode>zero</responseCode>") },
    { name: "responseCode missing", body: ok("<reportId>1</reportId>") },
    {
      name: "two responseCodes",
      body: ok("<responseCode>0</responseCode><responseCode>4100</responseCode>"),
    },
    {
      name: "nested 100,000 deep",
      body: ok(`${"<a>".repeat(100_000)}${"</a>".repeat(100_000)}<responseCode>0</responseCode>`),
    },
    { name: "unclosed", body: "<reportResponse><responseCode>0" },
    { name: "HTML error page", body: "<html><body><h1>502 Bad Gateway</h1></body></html>" },
    { name: "JSON", body: '{"responseCode":0}' },
    {
      name: "namespaced root",
      body: '<ns:reportResponse xmlns:ns="urn:x"><ns:responseCode>0</ns:responseCode></ns:reportResponse>',
    },
    {
      name: "NUL and lone surrogate",
      body: ok("<responseCode>0</responseCode><reportId>\0\ud800</reportId>"),
    },
    { name: "CDATA code", body: ok("<responseCode><![CDATA[0]]></responseCode>") },
    {
      name: "done with 10,000 files",
      body: `<reportDoneResponse><responseCode>0</responseCode><reportId>1</reportId><files>${"<fileId>f</fileId>".repeat(10_000)}</files></reportDoneResponse>`,
    },
    {
      name: "over 1 MB",
      body: ok(
        `<responseCode>0</responseCode><responseDescription>${"x".repeat(1_000_001)}</responseDescription>`,
      ),
    },
  ];
}

function check(body: string): void {
  const response = parseIspwsResponse(body);
  assert.ok(Number.isSafeInteger(response.responseCode), `responseCode ${response.responseCode}`);
  const texts =
    response.kind === "report"
      ? [response.responseDescription, response.reportId ?? ""]
      : [response.reportId, ...response.fileIds];
  for (const text of texts)
    assert.ok(text.length <= body.length, "a text longer than the body (entities expanded)");
  assert.ok(!texts.some((t) => t.includes("root:")), "an external entity was read");
}

test("the hostile ispws corpus: a response or MalformedIspwsResponse", async (t) => {
  const tally = new OutcomeTally("NCMEC ispws response corpus", namedBy(MalformedIspwsResponseError));
  for (const c of corpus()) await tally.run(c.name, () => check(c.body));
  tally.report(t);
});

const fragment = fc.oneof(
  fc.constantFrom(
    "<reportResponse>",
    "</reportResponse>",
    "<reportDoneResponse>",
    "</reportDoneResponse>",
    "<responseCode>",
    "</responseCode>",
    "<reportId>",
    "</reportId>",
    "<files>",
    "<fileId>",
    "</fileId>",
    "<responseDescription>",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    '<?xml version="1.0"?>',
    "<!DOCTYPE r [<!ENTITY e 'x'>]>",
    "&e;",
    "&amp;",
    "&#0;",
    "&#xD800;",
    "0",
    "-1",
    "4100",
    "99999999999999999999",
    "\0",
    "\ud800",
  ),
  fc.string({ maxLength: 8 }),
);

test("property: generated ispws bodies", async (t) => {
  const tally = new OutcomeTally("NCMEC ispws responses (generated)", namedBy(MalformedIspwsResponseError));
  await fc.assert(
    fc.asyncProperty(fc.boolean(), fc.array(fragment, { maxLength: 40 }), async (wrapped, parts) => {
      // Half the bodies are a response around the fragments, so the parse gets past the root.
      const body = wrapped
        ? ok(`<responseCode>${parts[0] ?? ""}</responseCode>${parts.slice(1).join("")}`)
        : parts.join("");
      await tally.run(`body of ${body.length} chars`, () => check(body));
    }),
    { seed: FUZZ_SEED, numRuns: RUNS },
  );
  tally.report(t);
});
