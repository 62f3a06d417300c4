/**
 * No report is lost (issue 16): every `report.created` opens a case or joins
 * the subject's open case, whatever the rules and signals say. Rules may route
 * a report (their reviews stand) or prioritise it; when none asked for a
 * review, the report is routed by its reason (domain/report-reasons.ts), and
 * the decision becomes `review` instead of `none`.
 */
import type { Decision } from "../domain/decisions.js";
import { routeReport } from "../domain/report-reasons.js";
import type { PlatformEvent } from "../intake/event-schema.js";

export function withReportFloor(event: PlatformEvent, decision: Decision): Decision {
  if (event.type !== "report.created" || decision.reviews.length > 0) return decision;
  const routed = routeReport(event.report);
  return {
    ...decision,
    kind: decision.kind === "act" ? "act" : "review",
    reviews: [{ ...routed, reportFloor: { reason: event.report.reason } }],
  };
}
