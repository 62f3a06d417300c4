/**
 * Load-time safety: text and classifier signals only route work to humans;
 * actions need a required confirmed bank match or an operator's "automatic";
 * and every action's target must be the kind of thing the action applies to.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { SubjectType } from "../../src/domain/subjects.js";
import type { Condition, RuleOutcome } from "../../src/rules/rule-schema.js";
import { parseRuleSet } from "../../src/rules/rule-set.js";
import { CONFIRMED, rule, TEXT } from "./builders.js";

const disableGroup: RuleOutcome = { actions: [{ action: "disable_group", target: "group" }] };
const UNCONFIRMED: Condition = { kind: "bank_match", provenance: "unconfirmed" };

function outcome(when: Condition, then: RuleOutcome, automatic?: boolean): string {
  try {
    parseRuleSet({ rules: [rule({ name: "x", when, then, automatic })] });
    return "accepted";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

test("actions need a confirmed bank match in every satisfying branch, or automatic", () => {
  const cases: [string, Condition, boolean | undefined, "accepted" | "refused"][] = [
    ["confirmed bank match alone", CONFIRMED, undefined, "accepted"],
    [
      "confirmed match inside a top-level all",
      { kind: "all", conditions: [TEXT, CONFIRMED] },
      undefined,
      "accepted",
    ],
    [
      "every branch of any is confirmed",
      { kind: "any", conditions: [CONFIRMED, { ...CONFIRMED, signal_types: ["md5"] }] },
      undefined,
      "accepted",
    ],
    ["one branch of any is text only", { kind: "any", conditions: [CONFIRMED, TEXT] }, undefined, "refused"],
    ["text score alone", TEXT, undefined, "refused"],
    ["unconfirmed bank match", UNCONFIRMED, undefined, "refused"],
    ["bank match with no provenance filter", { kind: "bank_match" }, undefined, "refused"],
    ["negated confirmed match", { kind: "not", condition: CONFIRMED }, undefined, "refused"],
    [
      "not(any[not A, not B]) is all[A, B]",
      {
        kind: "not",
        condition: {
          kind: "any",
          conditions: [
            { kind: "not", condition: CONFIRMED },
            { kind: "not", condition: TEXT },
          ],
        },
      },
      undefined,
      "accepted",
    ],
    [
      "not(all[not A, text]) lets text alone through",
      {
        kind: "not",
        condition: {
          kind: "all",
          conditions: [
            { kind: "not", condition: CONFIRMED },
            { kind: "not", condition: TEXT },
          ],
        },
      },
      undefined,
      "refused",
    ],
    ["text score marked automatic by an operator", TEXT, true, "accepted"],
    ["automatic: false is no consent", TEXT, false, "refused"],
  ];
  for (const [what, when, automatic, expected] of cases) {
    const result = outcome(when, disableGroup, automatic);
    if (expected === "accepted") assert.equal(result, "accepted", what);
    else
      assert.match(
        result,
        /rule x: rules\[0\]\.then\.actions: actions need a bank_match with provenance confirmed/,
        what,
      );
  }
});

test("reviews alone never need a bank match", () => {
  assert.equal(outcome(TEXT, { review: { queue: "child-safety", priority: 80 } }), "accepted");
});

test("shadow and disabled rules are held to the same bar", () => {
  for (const extra of [{ mode: "shadow" as const }, { enabled: false }]) {
    assert.throws(
      () => parseRuleSet({ rules: [rule({ ...extra, when: TEXT, then: disableGroup })] }),
      /actions need/,
    );
  }
});

test("an action's target must be what the action applies to", () => {
  const subjectIs = (types: SubjectType[]) =>
    ({ kind: "all", conditions: [CONFIRMED, { kind: "subject_type", in: types }] }) as Condition;
  const cases: [string, Condition, RuleOutcome, RegExp | "accepted"][] = [
    ["disable_group on the group", CONFIRMED, disableGroup, "accepted"],
    [
      "ban_account on the account",
      CONFIRMED,
      { actions: [{ action: "ban_account", target: "account" }] },
      "accepted",
    ],
    [
      "ban_account on each admin",
      CONFIRMED,
      { actions: [{ action: "ban_account", target: "group_admins" }] },
      "accepted",
    ],
    [
      "disable_group on an account",
      CONFIRMED,
      { actions: [{ action: "disable_group", target: "account" }] },
      /rules\[0\]\.then\.actions\[0\]: disable_group applies to a group, but target account names an account/,
    ],
    [
      "disable_group on the admins",
      CONFIRMED,
      { actions: [{ action: "disable_group", target: "group_admins" }] },
      /disable_group applies to a group, but target group_admins names accounts \(the group's admins\)/,
    ],
    [
      "ban_account on a subject of any type",
      CONFIRMED,
      { actions: [{ action: "ban_account", target: "subject" }] },
      /ban_account applies to an account, but this rule's subject may be account or group or invite_link or media; require subject_type \["account"\]/,
    ],
    [
      "ban_account on a subject required to be an account",
      subjectIs(["account"]),
      { actions: [{ action: "ban_account", target: "subject" }] },
      "accepted",
    ],
    [
      "revoke_invite_link on invite_link events",
      { kind: "all", conditions: [CONFIRMED, { kind: "event_type", in: ["invite_link.created"] }] },
      { actions: [{ action: "revoke_invite_link", target: "subject" }] },
      "accepted",
    ],
    [
      "remove_media on report events (which may be about anything)",
      { kind: "all", conditions: [CONFIRMED, { kind: "event_type", in: ["report.created"] }] },
      { actions: [{ action: "remove_media", target: "subject" }] },
      /remove_media applies to a media, but this rule's subject may be/,
    ],
    [
      "remove_media on reports about media",
      {
        kind: "all",
        conditions: [
          CONFIRMED,
          { kind: "event_type", in: ["report.created"] },
          { kind: "subject_type", in: ["media"] },
        ],
      },
      { actions: [{ action: "remove_media", target: "subject" }] },
      "accepted",
    ],
  ];
  for (const [what, when, then, expected] of cases) {
    const result = outcome(when, then);
    if (expected === "accepted") assert.equal(result, "accepted", what);
    else assert.match(result, expected, what);
  }
});
