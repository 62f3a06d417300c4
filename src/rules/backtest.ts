/**
 * Backtest: a rule set run over stored history, compared with what was
 * decided at the time, so an operator sees what a change would do before it
 * goes live (`vigil rules test FILE`). Reads the history once, as a stream,
 * keeping only counts and a few examples per kind of change.
 */
import type {
  Decision,
  DecisionInput,
  DecisionKind,
  PlannedAction,
  PlannedReview,
} from "../domain/decisions.js";
import { DECISION_KINDS } from "../domain/decisions.js";
import { subjectKey } from "../domain/subjects.js";
import { evaluate } from "./evaluate.js";
import type { RuleSet } from "./rule-set.js";

export interface BacktestEvent {
  eventId: string;
  input: DecisionInput;
  /** What was decided when the event was processed; null when nothing was recorded. */
  decided: Decision | null;
}

/** The parts of a decision a backtest compares. */
export type DecisionOutcome = Pick<Decision, "kind" | "actions" | "reviews">;

export interface BacktestExample {
  eventId: string;
  before: DecisionOutcome;
  /** With the rule set under test, verdicts included so the example says which rule caused it. */
  after: Decision;
}

export interface ChangeTally {
  total: number;
  /** By action kind (for actions) or queue (for reviews). */
  by: Record<string, number>;
  examples: BacktestExample[];
}

export interface KindChange {
  from: DecisionKind;
  to: DecisionKind;
  count: number;
  examples: BacktestExample[];
}

export interface BacktestSummary {
  events: number;
  /** Events with no recorded decision, compared as if "none" had been decided. */
  unrecorded: number;
  /** kinds[before][after]: every event counted once, unchanged ones on the diagonal. */
  kinds: Record<DecisionKind, Record<DecisionKind, number>>;
  /** The off-diagonal cells that are not zero, most frequent first. */
  kindChanges: KindChange[];
  actionsAdded: ChangeTally;
  actionsRemoved: ChangeTally;
  /** A queue newly asked for, or no longer asked for (priority changes are not counted). */
  reviewsAdded: ChangeTally;
  reviewsRemoved: ChangeTally;
}

export interface BacktestOptions {
  /** Examples kept per kind change and per tally (default 5). */
  examples?: number;
}

const NOTHING: DecisionOutcome = { kind: "none", actions: [], reviews: [] };

const actionKey = (a: PlannedAction) => `${a.action}\n${subjectKey(a.subject)}`;

function tally(): ChangeTally {
  return { total: 0, by: {}, examples: [] };
}

/** Items of `a` whose key is not among `b`'s. */
function missingFrom<T>(a: readonly T[], b: readonly T[], key: (x: T) => string): T[] {
  const keys = new Set(b.map(key));
  return a.filter((x) => !keys.has(key(x)));
}

function record<T>(
  into: ChangeTally,
  items: T[],
  label: (x: T) => string,
  example: BacktestExample,
  limit: number,
): void {
  if (items.length === 0) return;
  into.total += items.length;
  for (const item of items) into.by[label(item)] = (into.by[label(item)] ?? 0) + 1;
  if (into.examples.length < limit) into.examples.push(example);
}

export async function backtest(
  ruleSet: RuleSet,
  history: AsyncIterable<BacktestEvent>,
  options: BacktestOptions = {},
): Promise<BacktestSummary> {
  const limit = options.examples ?? 5;
  const kinds = Object.fromEntries(
    DECISION_KINDS.map((from) => [from, Object.fromEntries(DECISION_KINDS.map((to) => [to, 0]))]),
  ) as BacktestSummary["kinds"];
  const changes = new Map<string, KindChange>();
  const summary: BacktestSummary = {
    events: 0,
    unrecorded: 0,
    kinds,
    kindChanges: [],
    actionsAdded: tally(),
    actionsRemoved: tally(),
    reviewsAdded: tally(),
    reviewsRemoved: tally(),
  };
  const queueKey = (r: PlannedReview) => r.queue;

  for await (const { eventId, input, decided } of history) {
    summary.events++;
    if (decided === null) summary.unrecorded++;
    const before: DecisionOutcome = decided ?? NOTHING;
    const after = evaluate(ruleSet, input);
    const example: BacktestExample = {
      eventId,
      before: { kind: before.kind, actions: before.actions, reviews: before.reviews },
      after,
    };
    kinds[before.kind][after.kind]++;
    if (before.kind !== after.kind) {
      const key = `${before.kind}->${after.kind}`;
      const change = changes.get(key) ?? { from: before.kind, to: after.kind, count: 0, examples: [] };
      change.count++;
      if (change.examples.length < limit) change.examples.push(example);
      changes.set(key, change);
    }
    const byAction = (a: PlannedAction) => a.action;
    record(
      summary.actionsAdded,
      missingFrom(after.actions, before.actions, actionKey),
      byAction,
      example,
      limit,
    );
    record(
      summary.actionsRemoved,
      missingFrom(before.actions, after.actions, actionKey),
      byAction,
      example,
      limit,
    );
    record(
      summary.reviewsAdded,
      missingFrom(after.reviews, before.reviews, queueKey),
      queueKey,
      example,
      limit,
    );
    record(
      summary.reviewsRemoved,
      missingFrom(before.reviews, after.reviews, queueKey),
      queueKey,
      example,
      limit,
    );
  }
  summary.kindChanges = [...changes.values()].sort(
    (a, b) => b.count - a.count || `${a.from}${a.to}`.localeCompare(`${b.from}${b.to}`),
  );
  return summary;
}
