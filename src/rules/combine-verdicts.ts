/**
 * Live verdicts folded into what Vigil does with an event. Shadow verdicts are
 * carried along for the log but never read here, which is what makes shadow
 * mode safe to deploy.
 */
import type { Decision, PlannedAction, PlannedReview, RuleVerdict } from "../domain/decisions.js";
import { addPlannedAction } from "./resolve-targets.js";

export function combineVerdicts(verdicts: RuleVerdict[]): Decision {
  const actions: PlannedAction[] = [];
  const seen = new Set<string>();
  // One case per queue: the highest priority any live rule asked for.
  const reviewByQueue = new Map<string, number>();
  for (const verdict of verdicts) {
    if (verdict.mode !== "live") continue;
    for (const action of verdict.actions) addPlannedAction(actions, seen, action);
    for (const review of verdict.reviews) {
      const priority = reviewByQueue.get(review.queue);
      if (priority === undefined || review.priority > priority)
        reviewByQueue.set(review.queue, review.priority);
    }
  }
  const reviews: PlannedReview[] = [...reviewByQueue]
    .map(([queue, priority]) => ({ queue, priority }))
    .sort((a, b) => b.priority - a.priority || (a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : 0));
  const kind = actions.length > 0 ? "act" : reviews.length > 0 ? "review" : "none";
  // Closing a report automatically yields to any live rule that acts or wants a person to look.
  const closing = verdicts.find((v) => v.mode === "live" && v.closeReports !== undefined);
  const closeReport =
    closing && kind === "none"
      ? {
          rule: `${closing.rule}@${closing.version}`,
          version: closing.version,
          reason: closing.closeReports ?? "",
        }
      : undefined;
  return closeReport
    ? { kind, actions, reviews, verdicts, closeReport }
    : { kind, actions, reviews, verdicts };
}
