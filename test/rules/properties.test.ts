/**
 * Properties over random rule sets and events: shadow rules never change the
 * live decision, and text signals alone never lead to an action unless an
 * operator marked the rule automatic.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { DecisionInput } from "../../src/domain/decisions.js";
import { EVENT_TYPES, MEDIA_FIELDS, TEXT_FIELDS } from "../../src/domain/events.js";
import type { BankMatchSignal, Signal, TextSignal } from "../../src/domain/signals.js";
import { SUBJECT_TYPES } from "../../src/domain/subjects.js";
import { evaluate } from "../../src/rules/evaluate.js";
import { EVENT_SUBJECT_TYPES } from "../../src/rules/event-subjects.js";
import {
  type Condition,
  HASH_SIGNAL_TYPES,
  PROVENANCES,
  type RuleInput,
  type RuleOutcome,
} from "../../src/rules/rule-schema.js";
import { parseRuleSet, type RuleSet } from "../../src/rules/rule-set.js";

const RUNS = { numRuns: 300 };
const banks = ["bank-a", "bank-b"];
const platforms = ["whatsapp", "signal"];

const bankSignal: fc.Arbitrary<BankMatchSignal> = fc.record({
  kind: fc.constant("bank_match" as const),
  field: fc.constantFrom(...MEDIA_FIELDS),
  signalType: fc.constantFrom(...HASH_SIGNAL_TYPES),
  bank: fc.constantFrom(...banks),
  entryId: fc.nat(100),
  distance: fc.integer({ min: 0, max: 64 }),
  quality: fc.option(fc.integer({ min: 0, max: 100 })),
  provenance: fc.constantFrom(...PROVENANCES),
  ignored: fc.boolean(),
});

const textSignal: fc.Arbitrary<TextSignal> = fc.record({
  kind: fc.constant("text" as const),
  field: fc.constantFrom(...TEXT_FIELDS),
  category: fc.constantFrom("child_safety", "placeholder-category"),
  score: fc.double({ min: 0, max: 1, noNaN: true }),
  terms: fc.constant(["placeholder-term"]),
});

function event(signals: fc.Arbitrary<Signal[]>): fc.Arbitrary<DecisionInput> {
  return fc
    .record({
      eventType: fc.constantFrom(...EVENT_TYPES),
      platform: fc.constantFrom(...platforms),
      subjectPick: fc.nat(),
      withGroup: fc.boolean(),
      withAccount: fc.boolean(),
      admins: fc.array(fc.constantFrom("a-1", "a-2", "a-3"), { maxLength: 3 }),
      signals,
    })
    .map(({ eventType, platform, subjectPick, withGroup, withAccount, admins, signals }) => {
      const types = EVENT_SUBJECT_TYPES[eventType];
      const input: DecisionInput = {
        eventType,
        platform,
        subject: { type: types[subjectPick % types.length], id: "s-1" },
        signals,
      };
      if (withGroup) input.group = { id: "g-1", admins };
      if (withAccount) input.account = { id: "u-1" };
      return input;
    });
}

/** Conditions built from the given leaves, nested up to a few levels with all/any/not. */
function conditions(leaf: fc.Arbitrary<Condition>): fc.Arbitrary<Condition> {
  const { condition } = fc.letrec((tie) => ({
    condition: fc.oneof({ maxDepth: 3, depthSize: "small" }, leaf, tie("all"), tie("any"), tie("not")),
    all: fc.record({
      kind: fc.constant("all"),
      conditions: fc.array(tie("condition"), { minLength: 1, maxLength: 3 }),
    }),
    any: fc.record({
      kind: fc.constant("any"),
      conditions: fc.array(tie("condition"), { minLength: 1, maxLength: 3 }),
    }),
    not: fc.record({ kind: fc.constant("not"), condition: tie("condition") }),
  }));
  return condition as fc.Arbitrary<Condition>;
}

const nonSignalLeaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({
    kind: fc.constant("event_type" as const),
    in: fc.subarray([...EVENT_TYPES], { minLength: 1 }),
  }),
  fc.record({
    kind: fc.constant("subject_type" as const),
    in: fc.subarray([...SUBJECT_TYPES], { minLength: 1 }),
  }),
  fc.record({ kind: fc.constant("platform" as const), in: fc.subarray(platforms, { minLength: 1 }) }),
);

const textLeaf: fc.Arbitrary<Condition> = fc.record(
  {
    kind: fc.constant("text_score" as const),
    min_score: fc.double({ min: 0, max: 1, noNaN: true }),
    fields: fc.subarray([...TEXT_FIELDS], { minLength: 1 }),
    category: fc.constantFrom("child_safety", "placeholder-category"),
  },
  { requiredKeys: ["kind", "min_score"] },
);

const bankLeaf: fc.Arbitrary<Extract<Condition, { kind: "bank_match" }>> = fc.record(
  {
    kind: fc.constant("bank_match" as const),
    signal_types: fc.subarray([...HASH_SIGNAL_TYPES], { minLength: 1 }),
    max_distance: fc.integer({ min: 0, max: 64 }),
    min_quality: fc.integer({ min: 0, max: 100 }),
    provenance: fc.constantFrom(...PROVENANCES),
    banks: fc.subarray(banks, { minLength: 1 }),
    fields: fc.subarray([...MEDIA_FIELDS], { minLength: 1 }),
  },
  { requiredKeys: ["kind"] },
);

/** Outcomes whose targets always fit their actions, so only the safety rule decides whether they load. */
const outcome: fc.Arbitrary<RuleOutcome> = fc
  .record({
    actions: fc.option(
      fc.array(
        fc.constantFrom(
          { action: "disable_group" as const, target: "group" as const },
          { action: "ban_account" as const, target: "account" as const },
          { action: "ban_account" as const, target: "group_admins" as const },
          { action: "warn_account" as const, target: "account" as const },
        ),
        { minLength: 1, maxLength: 3 },
      ),
      { nil: undefined },
    ),
    review: fc.option(
      fc.record({ queue: fc.constantFrom("q-1", "q-2", "q-3"), priority: fc.integer({ min: 0, max: 100 }) }),
      { nil: undefined },
    ),
  })
  .map((o) => (o.actions || o.review ? o : { review: { queue: "q-1", priority: 1 } }))
  .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as RuleOutcome);

type RuleSpec = Pick<RuleInput, "mode" | "enabled" | "when" | "then" | "automatic">;

function ruleSpecs(
  when: fc.Arbitrary<Condition>,
  automatic: fc.Arbitrary<boolean | undefined>,
): fc.Arbitrary<RuleSpec[]> {
  return fc.array(
    fc.record({
      mode: fc.constantFrom("live" as const, "shadow" as const),
      enabled: fc.boolean(),
      when,
      then: outcome,
      automatic,
    }),
    { maxLength: 6 },
  );
}

const named = (specs: RuleSpec[]): RuleInput[] =>
  specs.map((s, i) => ({ name: `rule-${i}`, version: 1, ...s }));

const liveOutcome = (set: RuleSet, input: DecisionInput) => {
  const { kind, actions, reviews } = evaluate(set, input);
  return { kind, actions, reviews };
};

const anySignals = fc.array(fc.oneof(bankSignal, textSignal), { maxLength: 5 });
const anyCondition = conditions(fc.oneof(bankLeaf, textLeaf, nonSignalLeaf));

test("property: shadow rules never change the live decision", () => {
  let shadowFired = 0;
  fc.assert(
    fc.property(ruleSpecs(anyCondition, fc.constant(true)), event(anySignals), (specs, input) => {
      const all = parseRuleSet({ rules: named(specs) });
      const liveOnly = parseRuleSet({ rules: named(specs).filter((r) => r.mode === "live") });
      assert.deepEqual(liveOutcome(all, input), liveOutcome(liveOnly, input));
      const liveVerdicts = evaluate(all, input).verdicts.filter((v) => v.mode === "live");
      assert.deepEqual(liveVerdicts, evaluate(liveOnly, input).verdicts);
      if (evaluate(all, input).verdicts.some((v) => v.mode === "shadow" && v.actions.length > 0))
        shadowFired++;
    }),
    RUNS,
  );
  // Not vacuous: shadow rules that would act did fire in a fair share of runs.
  assert.ok(shadowFired > RUNS.numRuns / 20, `only ${shadowFired} runs had an acting shadow verdict`);
});

const textOnlyCondition = conditions(fc.oneof(textLeaf, nonSignalLeaf));

test("property: text-only rules without automatic never produce actions (refused at load, and withheld if forced)", () => {
  fc.assert(
    fc.property(
      ruleSpecs(textOnlyCondition, fc.constantFrom(undefined, false)),
      event(anySignals),
      (specs, input) => {
        const rules = named(specs);
        const hasActions = rules.some((r) => r.then.actions !== undefined);
        let set: RuleSet | undefined;
        try {
          set = parseRuleSet({ rules });
        } catch (error) {
          assert.ok(hasActions, `refused without actions: ${String(error)}`);
          assert.match(String(error), /actions need a bank_match with provenance confirmed/);
        }
        if (set) {
          assert.equal(hasActions, false, "a text-only rule with actions was accepted");
          assert.deepEqual(evaluate(set, input).actions, []);
        }
        // A RuleSet built by a cast skips the load checks; evaluate still withholds the actions.
        const forced = { rules: rules.map((r) => ({ enabled: true, ...r })) } as unknown as RuleSet;
        const decision = evaluate(forced, input);
        assert.deepEqual(decision.actions, []);
        for (const v of decision.verdicts) assert.deepEqual(v.actions, []);
      },
    ),
    RUNS,
  );
});

/** Half the time wrapped so a confirmed match is required, so that many generated sets load and have actions. */
const mayRequireConfirmed: fc.Arbitrary<Condition> = fc.oneof(
  anyCondition,
  fc.tuple(bankLeaf, anyCondition).map(
    ([bank, rest]): Condition => ({
      kind: "all",
      conditions: [{ ...bank, provenance: "confirmed" }, rest],
    }),
  ),
);

test("property: without automatic, no event lacking a confirmed, non-ignored bank match is ever acted on", () => {
  const unconfirmedSignals = fc.array(
    fc.oneof(
      textSignal,
      bankSignal.filter((s) => s.provenance === "unconfirmed" || s.ignored),
    ),
    { maxLength: 5 },
  );
  let loadedWithActions = 0;
  fc.assert(
    fc.property(
      ruleSpecs(mayRequireConfirmed, fc.constant(undefined)),
      event(unconfirmedSignals),
      (specs, input) => {
        let set: RuleSet;
        try {
          set = parseRuleSet({ rules: named(specs) });
        } catch {
          return; // refused at load: nothing to evaluate
        }
        if (set.rules.some((r) => r.then.actions)) loadedWithActions++;
        assert.deepEqual(evaluate(set, input).actions, []);
      },
    ),
    RUNS,
  );
  assert.ok(loadedWithActions > RUNS.numRuns / 20, `only ${loadedWithActions} loaded sets had actions`);
});
