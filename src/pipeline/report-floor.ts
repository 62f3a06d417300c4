/**
 * No report is lost (issue 16): every `report.created` opens a case or joins
 * the subject's open case, whatever the rules and signals say. Rules may route
 * a report (their reviews stand) or prioritise it; when none asked for a
 * review, the report is routed by its reason (domain/report-reasons.ts), and
 * the decision becomes `review` instead of `none`.
 */
import type { Decision } from "../domain/decisions.js";
import type { PlatformEvent } from "../domain/event-schema.js";
import { isChildSafetyReason, routeReport } from "../domain/report-reasons.js";

export function withReportFloor(event: PlatformEvent, decision: Decision): Decision {
  if (event.type !== "report.created" || decision.reviews.length > 0) return decision;
  const routed = routeReport(event.report);
  // An operator's rule may close a report automatically: it still gets a case (closed at once, listed);
  // a child-safety report is never closed without a person.
  const close =
    decision.closeReport && !isChildSafetyReason(event.report.reason) ? decision.closeReport : undefined;
  return {
    ...decision,
    kind: decision.kind === "act" ? "act" : "review",
    reviews: [
      {
        ...routed,
        reportFloor: { reason: event.report.reason },
        ...(close ? { autoClose: { rule: close.rule, reason: close.reason } } : {}),
      },
    ],
  };
}
