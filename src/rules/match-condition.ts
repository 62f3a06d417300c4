/**
 * Whether an event satisfies a condition, and the facts that made it so: the
 * reasons a verdict carries into the moderation log ("pdq distance 12 <= 31
 * in bank demo (confirmed)"), so a reviewer or an auditor sees why a rule
 * fired without re-running it.
 */
import type { DecisionInput } from "../domain/decisions.js";
import type { BankMatchSignal, TextSignal } from "../domain/signals.js";
import { describeCondition } from "./describe-condition.js";
import type { Condition } from "./rule-schema.js";

export interface ConditionResult {
  matched: boolean;
  /** Why it matched; empty when it did not. */
  reasons: string[];
}

const NO: ConditionResult = { matched: false, reasons: [] };
const yes = (...reasons: string[]): ConditionResult => ({ matched: true, reasons });

type BankMatchFilter = Extract<Condition, { kind: "bank_match" }>;
type TextScoreFilter = Extract<Condition, { kind: "text_score" }>;

function bankMatchPasses(c: BankMatchFilter, s: BankMatchSignal): boolean {
  // A banked false positive is reported elsewhere but must never move a decision.
  if (s.ignored) return false;
  if (c.signal_types && !c.signal_types.includes(s.signalType)) return false;
  if (c.max_distance !== undefined && s.distance > c.max_distance) return false;
  // Unknown quality (hashes sent without it) passes: the distance and the bank's provenance still hold.
  if (c.min_quality !== undefined && s.quality !== null && s.quality < c.min_quality) return false;
  if (c.provenance && s.provenance !== c.provenance) return false;
  if (c.banks && !c.banks.includes(s.bank)) return false;
  if (c.fields && !c.fields.includes(s.field)) return false;
  return true;
}

function describeBankMatch(c: BankMatchFilter, s: BankMatchSignal): string {
  const distance =
    c.max_distance !== undefined ? `distance ${s.distance} <= ${c.max_distance}` : `distance ${s.distance}`;
  const what = s.signalType === "md5" || s.signalType === "sha256" ? "exact match" : distance;
  let quality = "";
  if (c.min_quality !== undefined)
    quality = s.quality === null ? ", quality unknown" : `, quality ${s.quality} >= ${c.min_quality}`;
  return `${s.signalType} ${what} in bank ${s.bank} (${s.provenance}) on ${s.field}${quality}`;
}

function matchBank(c: BankMatchFilter, input: DecisionInput): ConditionResult {
  const hits = input.signals.filter(
    (s): s is BankMatchSignal => s.kind === "bank_match" && bankMatchPasses(c, s),
  );
  if (hits.length === 0) return NO;
  // The closest match explains the verdict best; ties go to the bank name for a stable reason.
  const best = [...hits].sort((a, b) => a.distance - b.distance || a.bank.localeCompare(b.bank))[0];
  const more = hits.length > 1 ? ` (+${hits.length - 1} more)` : "";
  return yes(`${describeBankMatch(c, best)}${more}`);
}

function textPasses(c: TextScoreFilter, s: TextSignal): boolean {
  if (s.score < c.min_score) return false;
  if (c.fields && !c.fields.includes(s.field)) return false;
  if (c.category !== undefined && s.category !== c.category) return false;
  return true;
}

function matchText(c: TextScoreFilter, input: DecisionInput): ConditionResult {
  const hits = input.signals.filter((s): s is TextSignal => s.kind === "text" && textPasses(c, s));
  if (hits.length === 0) return NO;
  const best = [...hits].sort((a, b) => b.score - a.score)[0];
  const more = hits.length > 1 ? ` (+${hits.length - 1} more)` : "";
  return yes(`text score ${best.score} >= ${c.min_score} on ${best.field} (${best.category})${more}`);
}

/** What a satisfied `not` found absent, in words. */
function describeAbsence(inner: Condition): string {
  if (inner.kind === "any") return `none of (${inner.conditions.map(describeCondition).join("; ")})`;
  if (inner.kind === "bank_match" || inner.kind === "text_score") return `no ${describeCondition(inner)}`;
  return `not ${describeCondition(inner)}`;
}

export function matchCondition(condition: Condition, input: DecisionInput): ConditionResult {
  switch (condition.kind) {
    case "bank_match":
      return matchBank(condition, input);
    case "text_score":
      return matchText(condition, input);
    case "event_type":
      return condition.in.includes(input.eventType) ? yes(`event type ${input.eventType}`) : NO;
    case "subject_type":
      return condition.in.includes(input.subject.type) ? yes(`subject type ${input.subject.type}`) : NO;
    case "platform":
      return condition.in.includes(input.platform) ? yes(`platform ${input.platform}`) : NO;
    case "all": {
      const reasons: string[] = [];
      for (const c of condition.conditions) {
        const r = matchCondition(c, input);
        if (!r.matched) return NO;
        reasons.push(...r.reasons);
      }
      return yes(...reasons);
    }
    case "any": {
      // Every branch is checked so the reason lists all that held, not just the first.
      const held = condition.conditions.map((c) => matchCondition(c, input)).filter((r) => r.matched);
      return held.length > 0 ? yes(...held.flatMap((r) => r.reasons)) : NO;
    }
    case "not": {
      const inner = condition.condition;
      // not(not c) holds exactly when c does, and c's own facts explain it best.
      if (inner.kind === "not") return matchCondition(inner.condition, input);
      return matchCondition(inner, input).matched ? NO : yes(describeAbsence(inner));
    }
  }
}
