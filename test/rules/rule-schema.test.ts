/** The rule language's schema: what it accepts, and that refusals name the rule, the path and the reason. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { RuleSetError } from "../../src/rules/rule-problems.js";
import { parseRuleSet } from "../../src/rules/rule-set.js";
import { CONFIRMED, rule } from "./builders.js";

function problemsOf(value: unknown): string[] {
  try {
    parseRuleSet(value);
  } catch (error) {
    assert.ok(error instanceof RuleSetError, String(error));
    return error.message
      .split("\n")
      .slice(1)
      .map((l) => l.trim());
  }
  assert.fail("expected the rule set to be refused");
}

const review = { review: { queue: "child-safety", priority: 50 } };

test("accepts every condition kind, fills enabled, keeps the rules in order", () => {
  const set = parseRuleSet({
    $schema: "./schema.json",
    rules: [
      rule({
        name: "a",
        when: {
          kind: "all",
          conditions: [
            {
              kind: "bank_match",
              signal_types: ["pdq", "md5"],
              max_distance: 31,
              min_quality: 50,
              provenance: "unconfirmed",
              banks: ["demo"],
              fields: ["group.photo"],
            },
            { kind: "text_score", min_score: 0.5, fields: ["group.name"], category: "placeholder" },
            { kind: "event_type", in: ["group.created", "group.updated"] },
            { kind: "subject_type", in: ["group"] },
            { kind: "platform", in: ["whatsapp"] },
            { kind: "any", conditions: [{ kind: "not", condition: { kind: "platform", in: ["signal"] } }] },
          ],
        },
        then: review,
      }),
      rule({ name: "b", enabled: false, mode: "shadow", when: CONFIRMED, then: review }),
    ],
  });
  assert.deepEqual(
    set.rules.map((r) => [r.name, r.enabled, r.mode]),
    [
      ["a", true, "live"],
      ["b", false, "shadow"],
    ],
  );
});

test("refusals name the rule, the JSON path and the reason", () => {
  const cases: [string, unknown, string][] = [
    ["top level must have rules", {}, "rules: Invalid input: expected array, received undefined"],
    ["unknown top-level field", { rules: [], extra: 1 }, 'extra: unknown field "extra"'],
    [
      "unknown rule field",
      { rules: [{ ...rule({ name: "x", when: CONFIRMED, then: review }), priority: 3 }] },
      'rule x: rules[0].priority: unknown field "priority"',
    ],
    [
      "unknown condition filter",
      { rules: [rule({ name: "x", when: { ...CONFIRMED, max_distanse: 3 } as never, then: review })] },
      'rule x: rules[0].when.max_distanse: unknown field "max_distanse"',
    ],
    [
      "unknown condition kind, nested",
      {
        rules: [
          rule({ name: "x", when: { kind: "all", conditions: [{ kind: "nearby" }] } as never, then: review }),
        ],
      },
      "rule x: rules[0].when.conditions[0].kind: kind must be one of bank_match, text_score",
    ],
    [
      "field outside MEDIA_FIELDS",
      {
        rules: [
          rule({ name: "x", when: { kind: "bank_match", fields: ["group.name"] } as never, then: review }),
        ],
      },
      "rule x: rules[0].when.fields[0]: Invalid option",
    ],
    [
      "text field outside TEXT_FIELDS",
      {
        rules: [
          rule({
            name: "x",
            when: { kind: "text_score", min_score: 0.5, fields: ["group.photo"] } as never,
            then: review,
          }),
        ],
      },
      "rule x: rules[0].when.fields[0]: Invalid option",
    ],
    [
      "score above 1",
      { rules: [rule({ name: "x", when: { kind: "text_score", min_score: 80 }, then: review })] },
      "rule x: rules[0].when.min_score: Too big",
    ],
    [
      "priority above 100",
      { rules: [rule({ name: "x", when: CONFIRMED, then: { review: { queue: "q", priority: 101 } } })] },
      "rule x: rules[0].then.review.priority: Too big",
    ],
    [
      "empty outcome",
      { rules: [rule({ name: "x", when: CONFIRMED, then: {} })] },
      "rule x: rules[0].then: then needs actions, a review, close_reports, or a combination",
    ],
    [
      "unknown action",
      {
        rules: [
          rule({
            name: "x",
            when: CONFIRMED,
            then: { actions: [{ action: "mute_group", target: "group" }] } as never,
          }),
        ],
      },
      "rule x: rules[0].then.actions[0].action: Invalid option",
    ],
    [
      "fractional version",
      { rules: [rule({ name: "x", version: 1.5, when: CONFIRMED, then: review })] },
      "rule x: rules[0].version: Invalid input: expected int",
    ],
    [
      "empty all",
      { rules: [rule({ name: "x", when: { kind: "all", conditions: [] }, then: review })] },
      "rule x: rules[0].when.conditions: Too small",
    ],
    [
      "missing mode",
      { rules: [{ name: "x", version: 1, when: CONFIRMED, then: review }] },
      "rule x: rules[0].mode: Invalid option",
    ],
    [
      "nameless rule is named by its index",
      { rules: [{ version: 1, mode: "live", when: CONFIRMED, then: review }] },
      "rules[0].name: Invalid input: expected string",
    ],
    [
      "duplicate names",
      {
        rules: [
          rule({ name: "x", when: CONFIRMED, then: review }),
          rule({ name: "x", when: CONFIRMED, then: review }),
        ],
      },
      "rule x: rules[1].name: a rule named x appears earlier in this set",
    ],
  ];
  for (const [what, value, expected] of cases) {
    const problems = problemsOf(value);
    assert.ok(
      problems.some((p) => p.startsWith(expected)),
      `${what}: expected a problem starting "${expected}", got:\n${problems.join("\n")}`,
    );
  }
});

test("every problem is reported at once, each on its own line", () => {
  const problems = problemsOf({
    rules: [
      rule({ name: "one", when: { kind: "text_score", min_score: 2 }, then: review }),
      rule({ name: "two", version: 0, when: CONFIRMED, then: review }),
    ],
  });
  assert.equal(problems.length, 2);
  assert.match(problems[0], /^rule one: rules\[0\]\.when\.min_score/);
  assert.match(problems[1], /^rule two: rules\[1\]\.version/);
});
