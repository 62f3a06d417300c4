/** The case status fold: the transition table, and its invariants over random histories. */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { foldCaseStatus, isAllowed, nextCaseStatus } from "../../src/domain/case-status.js";
import { MODERATION_EVENT_KINDS } from "../../src/store/schema.js";

test("transitions as the table says", () => {
  const rows: [Parameters<typeof nextCaseStatus>[0], Parameters<typeof nextCaseStatus>[1], string][] = [
    ["open", "claim", "claimed"],
    ["open", "decide", "closed"],
    ["open", "enqueue", "open"],
    ["claimed", "release", "open"],
    ["claimed", "decide", "closed"],
    ["closed", "claim", "closed"],
    ["closed", "release", "closed"],
  ];
  for (const [from, kind, to] of rows) assert.equal(nextCaseStatus(from, kind), to, `${from} --${kind}-->`);
  assert.equal(isAllowed("closed", "claim"), false);
  assert.equal(isAllowed("closed", "comment"), true);
});

test("property: any history folds to a known status, and nothing leaves closed", () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...MODERATION_EVENT_KINDS), { maxLength: 30 }), (kinds) => {
      const status = foldCaseStatus(kinds);
      assert.ok(["open", "claimed", "closed"].includes(status));
      const firstClose = kinds.findIndex((k) => k === "decide" || k === "close");
      if (firstClose >= 0) assert.equal(status, "closed");
    }),
  );
});
