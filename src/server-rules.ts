/** The decision function the pipeline calls: the rule set from the configured file, or the shipped default. */
import type { Decision, DecisionInput, PlannedAction, PlannedReview } from "./domain/decisions.js";
import type { ServerConfig } from "./server-context.js";

/**
 * The shipped default rules (README "Public contract"), until the rule engine
 * reads them from rules/default.json.
 */
function defaultDecide(input: DecisionInput): Decision {
  const matches = input.signals.filter((s) => s.kind === "bank_match" && !s.ignored);
  const actions: PlannedAction[] = [];
  const reviews: PlannedReview[] = [];
  for (const m of matches) {
    if (m.kind !== "bank_match") continue;
    const strong =
      m.provenance === "confirmed" &&
      ((m.signalType === "pdq" && m.distance <= 31 && (m.quality ?? 100) >= 50) || m.signalType === "md5");
    if (strong && m.field === "group.photo" && input.group)
      actions.push({ action: "disable_group", subject: { type: "group", id: input.group.id } });
    if (strong && m.field === "account.photo" && input.account)
      actions.push({ action: "ban_account", subject: { type: "account", id: input.account.id } });
    reviews.push(strong ? { queue: "ncmec", priority: 100 } : { queue: "child-safety", priority: 70 });
  }
  for (const t of input.signals) {
    if (t.kind === "text" && t.category === "child_safety" && t.score >= 0.8)
      reviews.push({ queue: "child-safety", priority: 80 });
  }
  const kind = actions.length > 0 ? "act" : reviews.length > 0 ? "review" : "none";
  const verdicts =
    kind === "none"
      ? []
      : [{ rule: "default", version: 1, mode: "live" as const, actions, reviews, reason: "default rules" }];
  return { kind, actions, reviews, verdicts };
}

export async function loadDecide(_config: ServerConfig): Promise<(input: DecisionInput) => Decision> {
  return defaultDecide;
}
