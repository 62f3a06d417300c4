/** The shipped rules/default.json, loaded as the server loads it, behaves as issue 4 and the README say. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { before, test } from "node:test";
import type { DecisionInput, PlannedAction, PlannedReview } from "../../src/domain/decisions.js";
import { evaluate } from "../../src/rules/evaluate.js";
import { loadRuleSetFile } from "../../src/rules/load-rule-set-file.js";
import type { RuleSet } from "../../src/rules/rule-set.js";
import { repoRoot } from "../support/paths.js";
import { accountEvent, bankMatch, groupEvent, textSignal } from "./builders.js";

let rules: RuleSet;
before(async () => {
  rules = await loadRuleSetFile(join(repoRoot, "rules", "default.json"));
});

const disableGroup: PlannedAction = { action: "disable_group", subject: { type: "group", id: "g-1" } };
const banAccount: PlannedAction = { action: "ban_account", subject: { type: "account", id: "u-1" } };
const ncmec: PlannedReview = { queue: "ncmec", priority: 100 };
const childSafety = (priority: number): PlannedReview => ({ queue: "child-safety", priority });

const memberJoined = (signals: DecisionInput["signals"]): DecisionInput =>
  groupEvent(signals, { eventType: "group.member_joined", account: { id: "u-1" } });

test("every shipped rule is live, versioned and described", () => {
  assert.deepEqual(
    rules.rules.map((r) => [r.name, r.version, r.mode, r.enabled]),
    [
      ["confirmed-match-group-photo", 1, "live", true],
      ["confirmed-match-profile-photo", 1, "live", true],
      ["other-bank-match", 1, "live", true],
      ["child-safety-text", 1, "live", true],
      ["child-safety-text-any", 1, "live", true],
    ],
  );
  for (const r of rules.rules) assert.ok(r.description, r.name);
  assert.ok(
    rules.rules.every((r) => r.automatic !== true),
    "no shipped rule needs an operator's automatic",
  );
});

test("the default rules decide as documented", () => {
  const cases: [string, DecisionInput, PlannedAction[], PlannedReview[]][] = [
    [
      "confirmed PDQ on a group photo",
      groupEvent([bankMatch({ distance: 12, quality: 90 })]),
      [disableGroup],
      [ncmec],
    ],
    ["confirmed PDQ at distance 31", groupEvent([bankMatch({ distance: 31 })]), [disableGroup], [ncmec]],
    ["confirmed PDQ at distance 32", groupEvent([bankMatch({ distance: 32 })]), [], [childSafety(70)]],
    ["confirmed PDQ, quality 50", groupEvent([bankMatch({ quality: 50 })]), [disableGroup], [ncmec]],
    ["confirmed PDQ, quality 49", groupEvent([bankMatch({ quality: 49 })]), [], [childSafety(70)]],
    ["confirmed PDQ, quality not sent", groupEvent([bankMatch({ quality: null })]), [disableGroup], [ncmec]],
    [
      "confirmed MD5 on a group photo, low quality",
      groupEvent([bankMatch({ signalType: "md5", distance: 0, quality: 10 })]),
      [disableGroup],
      [ncmec],
    ],
    [
      "confirmed MD5 on a profile photo",
      accountEvent([bankMatch({ field: "account.photo", signalType: "md5", distance: 0 })]),
      [banAccount],
      [ncmec],
    ],
    [
      "confirmed PDQ on a joining member's profile photo",
      memberJoined([bankMatch({ field: "account.photo" })]),
      [banAccount],
      [ncmec],
    ],
    [
      "confirmed SHA-256",
      groupEvent([bankMatch({ signalType: "sha256", distance: 0 })]),
      [],
      [childSafety(70)],
    ],
    ["unconfirmed PDQ", groupEvent([bankMatch({ provenance: "unconfirmed" })]), [], [childSafety(70)]],
    [
      "unconfirmed MD5",
      groupEvent([bankMatch({ provenance: "unconfirmed", signalType: "md5" })]),
      [],
      [childSafety(70)],
    ],
    [
      "confirmed match on a report attachment",
      groupEvent([bankMatch({ field: "report.attachment" })], {
        eventType: "report.created",
        group: undefined,
      }),
      [],
      [childSafety(70)],
    ],
    ["ignored entry, even confirmed", groupEvent([bankMatch({ ignored: true })]), [], []],
    [
      "ignored strong entry beside an unconfirmed one",
      groupEvent([bankMatch({ ignored: true }), bankMatch({ provenance: "unconfirmed", bank: "other" })]),
      [],
      [childSafety(70)],
    ],
    ["child-safety text at 0.8", groupEvent([textSignal({ score: 0.8 })]), [], [childSafety(80)]],
    // Issue 16: every child_safety text signal opens a case; below 0.8 at a lower priority.
    ["child-safety text at 0.79", groupEvent([textSignal({ score: 0.79 })]), [], [childSafety(65)]],
    ["child-safety text at 0.5", groupEvent([textSignal({ score: 0.5 })]), [], [childSafety(65)]],
    ["other text category", groupEvent([textSignal({ category: "placeholder-category", score: 1 })]), [], []],
    [
      "text and an unconfirmed match share one child-safety case at the higher priority",
      groupEvent([textSignal(), bankMatch({ provenance: "unconfirmed" })]),
      [],
      [childSafety(80)],
    ],
    [
      "a confirmed match with text acts and opens both cases",
      groupEvent([textSignal({ score: 0.95 }), bankMatch()]),
      [disableGroup],
      [ncmec, childSafety(80)],
    ],
    [
      "group and profile photo both confirmed",
      memberJoined([bankMatch(), bankMatch({ field: "account.photo", bank: "other" })]),
      [disableGroup, banAccount],
      [ncmec],
    ],
    ["a benign group", groupEvent([]), [], []],
  ];
  for (const [what, input, actions, reviews] of cases) {
    const decision = evaluate(rules, input);
    assert.deepEqual(decision.actions, actions, what);
    assert.deepEqual(decision.reviews, reviews, what);
    assert.equal(decision.kind, actions.length > 0 ? "act" : reviews.length > 0 ? "review" : "none", what);
  }
});

test("the verdict explains the match in the moderation log's words", () => {
  const decision = evaluate(rules, groupEvent([bankMatch({ distance: 12, quality: 90 })]));
  assert.deepEqual(decision.verdicts, [
    {
      rule: "confirmed-match-group-photo",
      version: 1,
      mode: "live",
      actions: [disableGroup],
      reviews: [ncmec],
      reason: "pdq distance 12 <= 31 in bank demo (confirmed) on group.photo, quality 90 >= 50",
    },
  ]);
});

test("text alone never acts, however high it scores and wherever it is", () => {
  for (const field of ["group.name", "group.description", "account.name", "report.text"] as const) {
    const decision = evaluate(rules, groupEvent([textSignal({ field, score: 1 })]));
    assert.equal(decision.kind, "review", field);
    assert.deepEqual(decision.actions, [], field);
  }
});
