/**
 * The CyberTipline XML builders: documents validate against NCMEC's XSD
 * (when ../shared and xmllint are present), children follow the XSD's order
 * (checked against the field tree derived from it), and hostile field content
 * (metacharacters, control characters, 100 KB names, right-to-left marks) is
 * escaped or refused with a named error, never written as invalid XML.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { load } from "cheerio";
import { fileDetailsXml } from "../../src/report/cybertip/file-details-xml.js";
import {
  type CyberTipReport,
  FILE_ANNOTATIONS,
  INCIDENT_TYPES,
  INDUSTRY_CLASSIFICATIONS,
} from "../../src/report/cybertip/model.js";
import { reportXml } from "../../src/report/cybertip/report-xml.js";
import { CyberTipInvalidValueError } from "../../src/report/cybertip/values.js";
import { XmlFieldTooLongError, XmlInvalidCharacterError } from "../../src/report/cybertip/xml-writer.js";
import { VALIDATION_SKIPPED, validateXml } from "../support/fake-cybertipline.js";
import { SHARED_ABSENT, sharedAnchor } from "../support/paths.js";
import { fullReport } from "./sample-report.js";

const ncmec = sharedAnchor("ncmec");

function assertValid(xml: string): void {
  const r = validateXml(xml);
  if (r) {
    assert.ok(r.valid, r.output);
    return;
  }
  // No xmllint: at least a parse, and the document must round-trip its text.
  assert.doesNotThrow(() => load(xml, { xml: true }));
}

test("a full report and its fileDetails validate against the XSD", (t) => {
  if (VALIDATION_SKIPPED) t.diagnostic(VALIDATION_SKIPPED);
  assertValid(reportXml(fullReport()));
  assertValid(
    fileDetailsXml({
      reportId: "123456789",
      fileId: "0123456789abcdef",
      fileName: "photo.jpg",
      originalFileName: "IMG_0001.jpg",
      locationOfFile: "Group photo of group G-1",
      fileViewedByEsp: true,
      publiclyAvailable: false,
      fileRelevance: "Reported",
      fileAnnotations: ["viral", "animeDrawingVirtualHentai"],
      industryClassification: "A1",
      originalFileHashes: [
        { hashType: "MD5", value: "0".repeat(32) },
        { hashType: "SHA256", value: "0".repeat(64) },
      ],
      additionalInfo: ["one", "two"],
    }),
  );
});

type FieldNode = { name?: string; children?: FieldNode[]; choice?: FieldNode[] };

/** Every element's children appear in the order the XSD's field tree gives. */
function checkOrder(xml: string, root: string, tree: FieldNode): void {
  const $ = load(xml, { xml: true });
  const walk = (el: ReturnType<typeof $>, node: FieldNode, path: string) => {
    const order = (node.children ?? []).flatMap((c) =>
      c.name ? [c.name] : (c.choice ?? []).map((x) => x.name),
    );
    let last = -1;
    el.children().each((_, child) => {
      const name = (child as { tagName: string }).tagName;
      const at = order.indexOf(name);
      assert.ok(at >= 0, `${path}/${name} is not in the schema`);
      assert.ok(at >= last, `${path}/${name} is out of the schema's order`);
      last = at;
      const sub = (node.children ?? [])
        .flatMap((c) => (c.name ? [c] : (c.choice ?? [])))
        .find((c) => c.name === name);
      if (sub?.children) walk($(child), sub, `${path}/${name}`);
    });
  };
  walk($(root), tree, root);
}

test("children follow the XSD's sequence order (field tree from the XSD)", (t) => {
  if (!ncmec) return t.skip(SHARED_ABSENT);
  const fields = JSON.parse(readFileSync(join(ncmec, "cyber_tipline.fields.json"), "utf8"));
  checkOrder(reportXml(fullReport()), "report", fields.roots.report);
  const fd = fileDetailsXml({
    reportId: "1",
    fileId: "f",
    fileName: "a",
    originalFileName: "b",
    fileViewedByEsp: false,
    fileAnnotations: ["infant"],
    industryClassification: "B2",
    originalFileHashes: [{ hashType: "MD5", value: "x" }],
  });
  checkOrder(fd, "fileDetails", fields.roots.fileDetails);
});

test("enumerations agree with the XSD's", (t) => {
  if (!ncmec) return t.skip(SHARED_ABSENT);
  const xsd = readFileSync(join(ncmec, "cyber_tipline.xsd"), "utf8");
  const fields = JSON.parse(readFileSync(join(ncmec, "cyber_tipline.fields.json"), "utf8"));
  const summary = fields.roots.report.children.find((c: FieldNode) => c.name === "incidentSummary");
  assert.deepEqual(summary.children[0].restriction.enum, [...INCIDENT_TYPES]);
  for (const c of INDUSTRY_CLASSIFICATIONS) assert.ok(xsd.includes(`<xs:enumeration value="${c}" />`), c);
  for (const a of FILE_ANNOTATIONS) assert.ok(xsd.includes(`name="${a}"`), a);
});

test("XML metacharacters and right-to-left marks are escaped and survive a parse", (t) => {
  if (VALIDATION_SKIPPED) t.diagnostic(VALIDATION_SKIPPED);
  const hostile = `</chatRoomName><script>&amp; "quoted" 'single' ]]> \u202Eevil\u202C \u200Fמ\u200E`;
  const r = fullReport();
  r.chatImIncidents = [{ chatRoomName: hostile, additionalInfo: "<![CDATA[x]]>" }];
  r.personOrUserReported = [{ screenName: hostile, displayNames: [hostile], espIdentifier: "a&b" }];
  const xml = reportXml(r);
  assertValid(xml);
  assert.ok(!xml.includes("<script>"));
  assert.ok(xml.includes("&#x202E;") && xml.includes("&#x200F;"), "bidi controls written as references");
  const $ = load(xml, { xml: true });
  assert.equal($("chatRoomName").text(), hostile);
  assert.equal($("screenName").text(), hostile);
  assert.equal($("espIdentifier").text(), "a&b");
});

test("control characters are refused with a named error naming the field", () => {
  for (const bad of ["\u0000", "\u0007", "\u001B[31m", "\uFFFE", "\uD800"]) {
    const r = fullReport();
    r.personOrUserReported = [{ screenName: `x${bad}y` }];
    assert.throws(
      () => reportXml(r),
      (e: unknown) =>
        e instanceof XmlInvalidCharacterError &&
        e.name === "XmlInvalidCharacter" &&
        e.field === "report/personOrUserReported/screenName",
    );
  }
  // Tab, newline and carriage return are XML characters: kept (CR as a reference, so no parser drops it).
  const r = fullReport();
  r.additionalInfo = "a\tb\nc\rd";
  const xml = reportXml(r);
  assert.ok(xml.includes("a\tb\nc&#xD;d"));
  assertValid(xml);
});

test("a 100 KB name is refused with XmlFieldTooLong, never written", () => {
  const r = fullReport();
  r.personOrUserReported = [{ displayNames: ["n".repeat(100_000)] }];
  assert.throws(
    () => reportXml(r),
    (e: unknown) => e instanceof XmlFieldTooLongError && e.limit === 2000,
  );
  const f = () =>
    fileDetailsXml({ reportId: "1", fileId: "f", originalFileName: `${"é".repeat(100_000)}.jpg` });
  assert.throws(f, { name: "XmlFieldTooLong" });
  // Free text may be longer, up to its own cap.
  const long = fullReport();
  long.additionalInfo = "x".repeat(50_000);
  assertValid(reportXml(long));
  long.additionalInfo = "x".repeat(100_000);
  assert.throws(() => reportXml(long), { name: "XmlFieldTooLong" });
});

test("values narrower than strings are checked before any XML is written", () => {
  const cases: [string, (r: CyberTipReport) => void][] = [
    ["incidentType", (r) => Object.assign(r.incidentSummary, { incidentType: "Something else" })],
    ["incidentDateTime", (r) => Object.assign(r.incidentSummary, { incidentDateTime: "yesterday" })],
    ["priorCTReports", (r) => Object.assign(r, { personOrUserReported: [{ priorCTReports: ["12a"] }] })],
    [
      "countryCallingCode",
      (r) =>
        Object.assign(r.reporter.reportingPerson, { phones: [{ number: "1", countryCallingCode: "1" }] }),
    ],
  ];
  for (const [field, spoil] of cases) {
    const r = fullReport();
    spoil(r);
    assert.throws(
      () => reportXml(r),
      (e: unknown) => e instanceof CyberTipInvalidValueError && e.field.includes(field),
      field,
    );
  }
});
