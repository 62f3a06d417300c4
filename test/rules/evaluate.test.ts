/** evaluate(): conditions, combination of live verdicts, shadow verdicts, targets and reasons, as tables. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { DecisionInput, PlannedAction, PlannedReview } from "../../src/domain/decisions.js";
import { evaluate } from "../../src/rules/evaluate.js";
import type { Condition, RuleInput } from "../../src/rules/rule-schema.js";
import {
  accountEvent,
  bankMatch,
  CONFIRMED,
  groupEvent,
  rule,
  ruleSet,
  TEXT,
  textSignal,
} from "./builders.js";

const review = (queue: string, priority: number) => ({ review: { queue, priority } });
const fires = (when: Condition): RuleInput => rule({ when, then: review("q", 50) });

test("conditions: which events satisfy each kind", () => {
  const cases: [string, Condition, DecisionInput, boolean][] = [
    ["any bank match", { kind: "bank_match" }, groupEvent([bankMatch()]), true],
    ["no signals", { kind: "bank_match" }, groupEvent([]), false],
    [
      "ignored entries never satisfy",
      { kind: "bank_match" },
      groupEvent([bankMatch({ ignored: true })]),
      false,
    ],
    [
      "ignored entries never satisfy, even exactly",
      { ...CONFIRMED, signal_types: ["md5"] },
      groupEvent([bankMatch({ signalType: "md5", distance: 0, ignored: true })]),
      false,
    ],
    ["signal type filter", { kind: "bank_match", signal_types: ["md5"] }, groupEvent([bankMatch()]), false],
    [
      "distance at the bound",
      { kind: "bank_match", max_distance: 12 },
      groupEvent([bankMatch({ distance: 12 })]),
      true,
    ],
    [
      "distance past the bound",
      { kind: "bank_match", max_distance: 11 },
      groupEvent([bankMatch({ distance: 12 })]),
      false,
    ],
    [
      "quality below",
      { kind: "bank_match", min_quality: 50 },
      groupEvent([bankMatch({ quality: 49 })]),
      false,
    ],
    [
      "quality at the bound",
      { kind: "bank_match", min_quality: 50 },
      groupEvent([bankMatch({ quality: 50 })]),
      true,
    ],
    [
      "quality unknown passes",
      { kind: "bank_match", min_quality: 50 },
      groupEvent([bankMatch({ quality: null })]),
      true,
    ],
    ["provenance", CONFIRMED, groupEvent([bankMatch({ provenance: "unconfirmed" })]), false],
    ["bank names", { kind: "bank_match", banks: ["other"] }, groupEvent([bankMatch()]), false],
    ["fields", { kind: "bank_match", fields: ["account.photo"] }, groupEvent([bankMatch()]), false],
    [
      "all filters must hold on one signal",
      { kind: "bank_match", fields: ["group.photo"], provenance: "confirmed" },
      groupEvent([bankMatch({ provenance: "unconfirmed" }), bankMatch({ field: "account.photo" })]),
      false,
    ],
    ["text score at the bound", TEXT, groupEvent([textSignal({ score: 0.8 })]), true],
    ["text score below", TEXT, groupEvent([textSignal({ score: 0.79 })]), false],
    ["text field", { ...TEXT, fields: ["account.name"] }, groupEvent([textSignal()]), false],
    ["text category", { ...TEXT, category: "other" }, groupEvent([textSignal()]), false],
    ["event type", { kind: "event_type", in: ["group.created"] }, groupEvent(), false],
    ["subject type", { kind: "subject_type", in: ["account"] }, accountEvent(), true],
    ["platform", { kind: "platform", in: ["telegram"] }, groupEvent(), false],
    ["all", { kind: "all", conditions: [{ kind: "platform", in: ["whatsapp"] }, TEXT] }, groupEvent(), false],
    [
      "any",
      {
        kind: "any",
        conditions: [
          { kind: "platform", in: ["telegram"] },
          { kind: "subject_type", in: ["group"] },
        ],
      },
      groupEvent(),
      true,
    ],
    ["not", { kind: "not", condition: { kind: "bank_match" } }, groupEvent(), true],
    [
      "not not",
      { kind: "not", condition: { kind: "not", condition: { kind: "bank_match" } } },
      groupEvent(),
      false,
    ],
  ];
  for (const [what, when, input, expected] of cases) {
    assert.equal(evaluate(ruleSet(fires(when)), input).kind === "review", expected, what);
  }
});

test("reasons say which conditions matched", () => {
  const cases: [Condition, DecisionInput, string][] = [
    [
      { ...CONFIRMED, max_distance: 31 },
      groupEvent([bankMatch({ distance: 12 })]),
      "pdq distance 12 <= 31 in bank demo (confirmed) on group.photo",
    ],
    [
      { kind: "bank_match", min_quality: 50 },
      groupEvent([
        bankMatch({ distance: 20, bank: "b" }),
        bankMatch({ distance: 3, bank: "a", quality: null }),
      ]),
      "pdq distance 3 in bank a (confirmed) on group.photo, quality unknown (+1 more)",
    ],
    [
      { kind: "bank_match" },
      groupEvent([bankMatch({ signalType: "md5", distance: 0 })]),
      "md5 exact match in bank demo (confirmed) on group.photo",
    ],
    [TEXT, groupEvent([textSignal({ score: 0.85 })]), "text score 0.85 >= 0.8 on group.name (child_safety)"],
    [
      {
        kind: "all",
        conditions: [
          { kind: "event_type", in: ["group.updated"] },
          { kind: "platform", in: ["whatsapp"] },
        ],
      },
      groupEvent(),
      "event type group.updated; platform whatsapp",
    ],
    [
      { kind: "not", condition: { kind: "any", conditions: [CONFIRMED, TEXT] } },
      groupEvent(),
      "none of (bank match (confirmed); text score >= 0.8)",
    ],
    [
      { kind: "not", condition: { kind: "platform", in: ["telegram"] } },
      groupEvent(),
      "not platform telegram",
    ],
  ];
  for (const [when, input, reason] of cases) {
    assert.equal(evaluate(ruleSet(fires(when)), input).verdicts[0]?.reason, reason);
  }
});

const disable: PlannedAction = { action: "disable_group", subject: { type: "group", id: "g-1" } };
const banAdmin = (id: string): PlannedAction => ({ action: "ban_account", subject: { type: "account", id } });

test("live verdicts combine into one decision; shadow verdicts are recorded and change nothing", () => {
  const cases: {
    what: string;
    rules: RuleInput[];
    input: DecisionInput;
    kind: string;
    actions: PlannedAction[];
    reviews: PlannedReview[];
    verdicts: [string, string][];
  }[] = [
    {
      what: "nothing fires",
      rules: [rule({ when: CONFIRMED, then: review("q", 1) })],
      input: groupEvent(),
      kind: "none",
      actions: [],
      reviews: [],
      verdicts: [],
    },
    {
      what: "an acting rule keeps its review",
      rules: [
        rule({
          when: CONFIRMED,
          then: { actions: [{ action: "disable_group", target: "group" }], ...review("ncmec", 100) },
        }),
      ],
      input: groupEvent([bankMatch()]),
      kind: "act",
      actions: [disable],
      reviews: [{ queue: "ncmec", priority: 100 }],
      verdicts: [["r", "live"]],
    },
    {
      what: "actions deduplicated by action and subject; one review per queue at the highest priority",
      rules: [
        rule({
          name: "a",
          when: CONFIRMED,
          then: { actions: [{ action: "disable_group", target: "group" }], ...review("q", 40) },
        }),
        rule({
          name: "b",
          when: { kind: "all", conditions: [CONFIRMED, { kind: "subject_type", in: ["group"] }] },
          then: { actions: [{ action: "disable_group", target: "subject" }], ...review("q", 60) },
        }),
        rule({ name: "c", when: { kind: "bank_match" }, then: review("other", 10) }),
      ],
      input: groupEvent([bankMatch()]),
      kind: "act",
      actions: [disable],
      reviews: [
        { queue: "q", priority: 60 },
        { queue: "other", priority: 10 },
      ],
      verdicts: [
        ["a", "live"],
        ["b", "live"],
        ["c", "live"],
      ],
    },
    {
      what: "group_admins bans every known admin",
      rules: [
        rule({ when: CONFIRMED, then: { actions: [{ action: "ban_account", target: "group_admins" }] } }),
      ],
      input: groupEvent([bankMatch()]),
      kind: "act",
      actions: [banAdmin("a-1"), banAdmin("a-2")],
      reviews: [],
      verdicts: [["r", "live"]],
    },
    {
      what: "a shadow rule that would act leaves the live decision alone",
      rules: [
        rule({ name: "live", when: { kind: "bank_match" }, then: review("child-safety", 70) }),
        rule({
          name: "trial",
          mode: "shadow",
          when: CONFIRMED,
          then: { actions: [{ action: "disable_group", target: "group" }], ...review("ncmec", 100) },
        }),
      ],
      input: groupEvent([bankMatch()]),
      kind: "review",
      actions: [],
      reviews: [{ queue: "child-safety", priority: 70 }],
      verdicts: [
        ["live", "live"],
        ["trial", "shadow"],
      ],
    },
    {
      what: "disabled rules are not evaluated",
      rules: [rule({ enabled: false, when: CONFIRMED, then: review("q", 1) })],
      input: groupEvent([bankMatch()]),
      kind: "none",
      actions: [],
      reviews: [],
      verdicts: [],
    },
    {
      what: "text routes to review, highest priority per queue",
      rules: [
        rule({ name: "text", when: TEXT, then: review("child-safety", 80) }),
        rule({ name: "bank", when: { kind: "bank_match" }, then: review("child-safety", 70) }),
      ],
      input: groupEvent([bankMatch({ provenance: "unconfirmed" }), textSignal()]),
      kind: "review",
      actions: [],
      reviews: [{ queue: "child-safety", priority: 80 }],
      verdicts: [
        ["text", "live"],
        ["bank", "live"],
      ],
    },
  ];
  for (const c of cases) {
    const decision = evaluate(ruleSet(...c.rules), c.input);
    assert.equal(decision.kind, c.kind, c.what);
    assert.deepEqual(decision.actions, c.actions, c.what);
    assert.deepEqual(decision.reviews, c.reviews, c.what);
    assert.deepEqual(
      decision.verdicts.map((v) => [v.rule, v.mode]),
      c.verdicts,
      c.what,
    );
  }
});

test("a shadow verdict shows what it would have done", () => {
  const decision = evaluate(
    ruleSet(
      rule({
        mode: "shadow",
        when: CONFIRMED,
        then: { actions: [{ action: "disable_group", target: "group" }] },
      }),
    ),
    groupEvent([bankMatch()]),
  );
  assert.equal(decision.kind, "none");
  assert.deepEqual(decision.verdicts[0]?.actions, [disable]);
  assert.equal(decision.verdicts[0]?.mode, "shadow");
});

test("a target the event does not name plans nothing, and the reason says so", () => {
  const cases: [RuleInput["then"], DecisionInput, string][] = [
    [
      { actions: [{ action: "disable_group", target: "group" }] },
      accountEvent([bankMatch({ field: "account.photo" })]),
      "disable_group not planned: the event names no group",
    ],
    [
      { actions: [{ action: "ban_account", target: "account" }] },
      groupEvent([bankMatch()]),
      "ban_account not planned: the event names no account",
    ],
    [
      { actions: [{ action: "ban_account", target: "group_admins" }] },
      groupEvent([bankMatch()], { group: { id: "g-1", admins: [] } }),
      "ban_account not planned: no admins known for group g-1",
    ],
  ];
  for (const [then, input, note] of cases) {
    const decision = evaluate(ruleSet(rule({ when: CONFIRMED, then })), input);
    assert.equal(decision.kind, "none");
    assert.ok(decision.verdicts[0]?.reason.endsWith(note), decision.verdicts[0]?.reason);
  }
});

test("evaluate is pure: the same input gives the same decision and is not modified", () => {
  const set = ruleSet(
    rule({ when: CONFIRMED, then: { actions: [{ action: "ban_account", target: "group_admins" }] } }),
  );
  const input = groupEvent([bankMatch()]);
  const copy = structuredClone(input);
  assert.deepEqual(evaluate(set, input), evaluate(set, input));
  assert.deepEqual(input, copy);
});
