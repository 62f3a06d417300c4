/**
 * A condition in words, for reasons ("not …" says what was absent) and for
 * the CLI's listing of a rule set. Pure, and short enough for a log line.
 */
import type { Condition } from "./rule-schema.js";

const alternatives = (values: readonly string[]) => values.join("|");

export function describeCondition(condition: Condition): string {
  switch (condition.kind) {
    case "bank_match": {
      const filters = [
        condition.signal_types && alternatives(condition.signal_types),
        condition.max_distance !== undefined && `distance <= ${condition.max_distance}`,
        condition.min_quality !== undefined && `quality >= ${condition.min_quality}`,
        condition.provenance,
        condition.banks && `bank ${alternatives(condition.banks)}`,
        condition.fields && `on ${alternatives(condition.fields)}`,
      ].filter((f): f is string => typeof f === "string");
      return filters.length > 0 ? `bank match (${filters.join(", ")})` : "bank match";
    }
    case "text_score": {
      const filters = [condition.category, condition.fields && `on ${alternatives(condition.fields)}`].filter(
        (f): f is string => typeof f === "string",
      );
      const rest = filters.length > 0 ? ` (${filters.join(", ")})` : "";
      return `text score >= ${condition.min_score}${rest}`;
    }
    case "event_type":
      return `event type ${alternatives(condition.in)}`;
    case "subject_type":
      return `subject type ${alternatives(condition.in)}`;
    case "platform":
      return `platform ${alternatives(condition.in)}`;
    case "all":
      return `all of (${condition.conditions.map(describeCondition).join("; ")})`;
    case "any":
      return `any of (${condition.conditions.map(describeCondition).join("; ")})`;
    case "not":
      return `not ${describeCondition(condition.condition)}`;
  }
}
