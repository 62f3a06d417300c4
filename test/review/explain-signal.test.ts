/** Each signal kind reads as one sentence a reviewer can act on. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { explainSignal } from "../../src/review/explain-signal.js";

const CASES: [Record<string, unknown>, string][] = [
  [
    {
      kind: "bank_match",
      field: "group.photo",
      signalType: "pdq",
      bank: "ncmec",
      distance: 12,
      quality: 90,
      provenance: "confirmed",
      ignored: false,
    },
    'group.photo matches bank "ncmec" (confirmed): PDQ distance 12 of 256 bits, quality 90',
  ],
  [
    {
      kind: "bank_match",
      field: "account.photo",
      signalType: "md5",
      bank: "p",
      distance: 0,
      quality: null,
      provenance: "unconfirmed",
      ignored: true,
    },
    'account.photo matches bank "p" (unconfirmed): exact MD5 match — entry is on the ignore list (known false positive)',
  ],
  [
    { kind: "text", field: "group.name", category: "child_safety", score: 1, terms: ["child porn", "porn"] },
    "group.name scores 1.00 for child_safety; matched terms: child porn, porn",
  ],
  [{ kind: "classifier" }, "classifier signal"],
];

test("explanations", () => {
  for (const [detail, expected] of CASES) assert.equal(explainSignal(detail), expected);
});
