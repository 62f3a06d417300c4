/**
 * What a condition guarantees about every event that satisfies it, worked out
 * from the condition alone, so the safety checks run once at load instead of
 * trusting each event. Both analyses over-approximate in the safe direction:
 * when in doubt they say "not guaranteed".
 */
import { SUBJECT_TYPES, type SubjectType } from "../domain/subjects.js";
import { EVENT_SUBJECT_TYPES } from "./event-subjects.js";
import type { Condition } from "./rule-schema.js";

/**
 * True when every event satisfying `condition` has a non-ignored bank match
 * with confirmed provenance: the project's bar for acting without a human.
 * `positive` tracks negation, so `not(any[not A, not B])` is seen as all[A, B].
 */
export function requiresConfirmedBankMatch(condition: Condition, positive = true): boolean {
  switch (condition.kind) {
    case "bank_match":
      // "not bank_match" is satisfied by events with no match at all.
      return positive && condition.provenance === "confirmed";
    case "all":
      return positive
        ? condition.conditions.some((c) => requiresConfirmedBankMatch(c, true))
        : condition.conditions.every((c) => requiresConfirmedBankMatch(c, false));
    case "any":
      return positive
        ? condition.conditions.every((c) => requiresConfirmedBankMatch(c, true))
        : condition.conditions.some((c) => requiresConfirmedBankMatch(c, false));
    case "not":
      return requiresConfirmedBankMatch(condition.condition, !positive);
    case "text_score":
    case "event_type":
    case "subject_type":
    case "platform":
      return false;
  }
}

/**
 * The subject types an event satisfying `condition` can have, from its
 * subject_type and event_type conditions; everything when it does not say.
 * A negated condition narrows nothing (the analysis stays sound, not exact).
 */
export function possibleSubjectTypes(condition: Condition): Set<SubjectType> {
  switch (condition.kind) {
    case "subject_type":
      return new Set(condition.in);
    case "event_type":
      return new Set(condition.in.flatMap((t) => EVENT_SUBJECT_TYPES[t]));
    case "all": {
      const possible = new Set<SubjectType>(SUBJECT_TYPES);
      for (const c of condition.conditions) {
        const allowed = possibleSubjectTypes(c);
        for (const t of possible) if (!allowed.has(t)) possible.delete(t);
      }
      return possible;
    }
    case "any":
      return new Set(condition.conditions.flatMap((c) => [...possibleSubjectTypes(c)]));
    case "not":
    case "bank_match":
    case "text_score":
    case "platform":
      return new Set(SUBJECT_TYPES);
  }
}
