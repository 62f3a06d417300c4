/** Small builders for rule tests: events, signals and rule sets with neutral placeholder values. */
import type { DecisionInput } from "../../src/domain/decisions.js";
import type { BankMatchSignal, TextSignal } from "../../src/domain/signals.js";
import type { RuleInput } from "../../src/rules/rule-schema.js";
import { parseRuleSet, type RuleSet } from "../../src/rules/rule-set.js";

export function bankMatch(overrides: Partial<BankMatchSignal> = {}): BankMatchSignal {
  return {
    kind: "bank_match",
    field: "group.photo",
    signalType: "pdq",
    bank: "demo",
    entryId: 1,
    distance: 12,
    quality: 90,
    provenance: "confirmed",
    ignored: false,
    ...overrides,
  };
}

export function textSignal(overrides: Partial<TextSignal> = {}): TextSignal {
  return {
    kind: "text",
    field: "group.name",
    category: "child_safety",
    score: 0.9,
    terms: ["placeholder-term"],
    ...overrides,
  };
}

/** A group.updated event for group g-1 with admins a-1 and a-2, carrying the given signals. */
export function groupEvent(
  signals: DecisionInput["signals"] = [],
  overrides: Partial<DecisionInput> = {},
): DecisionInput {
  return {
    eventType: "group.updated",
    platform: "whatsapp",
    subject: { type: "group", id: "g-1" },
    group: { id: "g-1", name: "placeholder group", admins: ["a-1", "a-2"] },
    signals,
    ...overrides,
  };
}

/** An account.updated event for account u-1. */
export function accountEvent(
  signals: DecisionInput["signals"] = [],
  overrides: Partial<DecisionInput> = {},
): DecisionInput {
  return {
    eventType: "account.updated",
    platform: "whatsapp",
    subject: { type: "account", id: "u-1" },
    account: { id: "u-1", name: "placeholder name" },
    signals,
    ...overrides,
  };
}

/** A rule with defaults filled in, so a test names only what it is about. */
export function rule(overrides: Partial<RuleInput> & Pick<RuleInput, "when" | "then">): RuleInput {
  return { name: "r", version: 1, mode: "live", ...overrides };
}

export function ruleSet(...rules: RuleInput[]): RuleSet {
  return parseRuleSet({ rules });
}

export const CONFIRMED = { kind: "bank_match", provenance: "confirmed" } as const;
export const TEXT = { kind: "text_score", min_score: 0.8 } as const;
