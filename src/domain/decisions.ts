/** What processing an event, or a reviewer, decides. */
import type { ActionKind } from "./actions.js";
import type { SubjectRef } from "./subjects.js";

export const DECISION_KINDS = ["act", "review", "none"] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const RULE_MODES = ["live", "shadow"] as const;
export type RuleMode = (typeof RULE_MODES)[number];

export interface PlannedAction {
  action: ActionKind;
  subject: SubjectRef;
}

export interface PlannedReview {
  queue: string;
  /** 0..100, higher first. */
  priority: number;
  /**
   * Set on the review every report gets when no rule asked for one (issue 16:
   * no report is lost): the writer joins the subject's open case instead when
   * it has one (domain/report-reasons.ts joinableQueue).
   */
  reportFloor?: { reason: string };
  /** The report's case is opened and closed at once by an operator's rule (counted and listed, never silent). */
  autoClose?: { rule: string; reason: string };
}

/** One rule's verdict on one event. */
export interface RuleVerdict {
  rule: string;
  version: number;
  mode: RuleMode;
  actions: PlannedAction[];
  reviews: PlannedReview[];
  reason: string;
  /** The rule closes reports automatically (its `then.close_reports.reason`). */
  closeReports?: string;
}

/** All live rules combined: what Vigil does with the event. */
export interface Decision {
  kind: DecisionKind;
  actions: PlannedAction[];
  reviews: PlannedReview[];
  /** Rules that fired, live and shadow, for the moderation log. */
  verdicts: RuleVerdict[];
  /** A live rule closes this report automatically (only when no live rule acts or asks for a review). */
  closeReport?: { rule: string; version: number; reason: string };
}

/**
 * What rules see of one event: its type and subject, the subject fields the
 * platform sent (and, for groups, the admins Vigil knows from memberships), and
 * every signal computed for it.
 */
export interface DecisionInput {
  eventType: import("./events.js").EventType;
  platform: string;
  subject: SubjectRef;
  group?: { id: string; name?: string; description?: string; admins: string[] };
  account?: { id: string; name?: string };
  inviteLink?: { id: string; url?: string };
  signals: import("./signals.js").Signal[];
}
