/** A backtest summary as text for a terminal (`vigil rules test FILE`). */
import { DECISION_KINDS } from "../domain/decisions.js";
import { subjectKey } from "../domain/subjects.js";
import type { BacktestExample, BacktestSummary, ChangeTally, DecisionOutcome } from "./backtest.js";

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

function outcome(o: DecisionOutcome): string {
  const parts = [
    ...o.actions.map((a) => `${a.action} ${subjectKey(a.subject)}`),
    ...o.reviews.map((r) => `review ${r.queue} (${r.priority})`),
  ];
  return parts.length > 0 ? `${o.kind} [${parts.join(", ")}]` : o.kind;
}

function exampleLine(e: BacktestExample): string {
  const why = e.after.verdicts
    .filter((v) => v.mode === "live")
    .map((v) => `${v.rule}@${v.version}: ${v.reason}`)
    .join(" | ");
  return `    ${e.eventId}: ${outcome(e.before)} -> ${outcome(e.after)}${why ? `  because ${why}` : ""}`;
}

function matrix(summary: BacktestSummary): string[] {
  const width = Math.max(
    8,
    ...DECISION_KINDS.flatMap((f) => DECISION_KINDS.map((t) => String(summary.kinds[f][t]).length + 2)),
  );
  const cell = (s: string) => s.padStart(width);
  return [
    "decision kind: rows as recorded, columns with these rules",
    `  ${"".padEnd(8)}${DECISION_KINDS.map(cell).join("")}`,
    ...DECISION_KINDS.map(
      (from) =>
        `  ${from.padEnd(8)}${DECISION_KINDS.map((to) => cell(String(summary.kinds[from][to]))).join("")}`,
    ),
  ];
}

function tallyLines(title: string, t: ChangeTally): string[] {
  if (t.total === 0) return [`${title}: none`];
  const by = Object.entries(t.by)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
  return [`${title}: ${t.total} (${by})`, ...t.examples.map(exampleLine)];
}

export function formatBacktest(summary: BacktestSummary): string {
  const unrecorded =
    summary.unrecorded > 0 ? ` (${summary.unrecorded} with no recorded decision, compared as none)` : "";
  const changed = summary.kindChanges.reduce((n, c) => n + c.count, 0);
  const lines = [
    `backtest over ${plural(summary.events, "event")}${unrecorded}`,
    "",
    ...matrix(summary),
    "",
    changed === 0
      ? "no event would change decision kind"
      : `${plural(changed, "event")} would change decision kind:`,
  ];
  for (const c of summary.kindChanges) {
    lines.push(`  ${c.from} -> ${c.to}: ${c.count}`, ...c.examples.map(exampleLine));
  }
  lines.push(
    "",
    ...tallyLines("actions added", summary.actionsAdded),
    ...tallyLines("actions removed", summary.actionsRemoved),
    ...tallyLines("review queues added", summary.reviewsAdded),
    ...tallyLines("review queues removed", summary.reviewsRemoved),
  );
  return lines.join("\n");
}
