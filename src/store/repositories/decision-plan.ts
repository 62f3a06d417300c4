/**
 * What the decision writer executes: a batch of decided events, and the plan of rows a pure
 * function (pipeline/plan-decisions.ts) makes of them. The store owns these types because it
 * is the code that consumes them; the plan says what to write, the writer only how.
 */
import type { Decision } from "../../domain/decisions.js";
import type { EvasionProbe } from "../../domain/evasion-patterns.js";
import type { EventNote } from "../../domain/events.js";
import type { Signal } from "../../domain/signals.js";
import type { SubjectType } from "../../domain/subjects.js";
import type { actions, moderationEvents, reports, signals } from "../schema.js";
import type { StoredEvent } from "./event-repository.js";
import type { SubjectUpdates } from "./subject-update-types.js";

export interface DecidedEvent {
  event: StoredEvent;
  signals: Signal[];
  decision: Decision;
  subjects: SubjectUpdates;
  /** What processing could not do (a refused photo URL), kept on the event. */
  notes?: EventNote[];
}

/** One open case per (platform, subject, queue); `key` names it for the rows that refer to it. */
export interface PlannedCase {
  key: string;
  platform: string;
  subjectType: SubjectType;
  subjectId: string;
  queue: string;
  priority: number;
  /** A report touched it: its priority rises with the subject's report count (counted in SQL). */
  raisedByReports: boolean;
}

/** A case for a report an operator's rule closes automatically, inserted closed, one per event. */
export interface PlannedClosedCase {
  eventSeq: number;
  platform: string;
  subjectType: SubjectType;
  subjectId: string;
  queue: string;
  priority: number;
}

/** Which case a moderation event belongs to, known only once the cases are written. */
export type CaseRef = { openCase: string } | { closedFor: number };

export type PlannedModerationEvent = Omit<typeof moderationEvents.$inferInsert, "caseId"> & {
  caseRef?: CaseRef;
};

/** An outbox row; its public id is drawn by the writer. */
export type PlannedAction = Omit<typeof actions.$inferInsert, "publicId">;

export interface DecisionPlan {
  /** Events whose processing left notes, with the error line kept beside them. */
  notes: { eventSeq: number; notes: EventNote[]; error: string }[];
  /** Subject updates per platform, and the accounts to probe for ban evasion after writing them. */
  subjects: { platform: string; updates: SubjectUpdates[]; evasionProbe: EvasionProbe }[];
  reports: (typeof reports.$inferInsert)[];
  signals: (typeof signals.$inferInsert)[];
  cases: PlannedCase[];
  closedCases: PlannedClosedCase[];
  /** In order: the "decide" row of each event first, so a refused second decision writes nothing. */
  moderation: PlannedModerationEvent[];
  actions: PlannedAction[];
}

/** Turns the events this writer claimed (reports already joined to open cases) into rows. */
export type PlanDecisions = (claimed: DecidedEvent[]) => DecisionPlan;
