/**
 * Stored decisions as backtest input: each decided event rebuilt into what
 * rules saw (its payload, its stored signals, the group's current admins) and
 * what was done (act when actions were queued, else review when cases were
 * opened, else none).
 */
import type { Decision } from "../domain/decisions.js";
import type { PlatformEvent } from "../domain/event-schema.js";
import type { Signal } from "../domain/signals.js";
import type { SubjectRef } from "../domain/subjects.js";
import type { BacktestEvent } from "../rules/backtest.js";
import type { HistoryRepository } from "../store/repositories/history-repository.js";
import type { SubjectRepository } from "../store/repositories/subject-repository.js";
import { decisionInput } from "./decision-input.js";

export async function* storedHistory(
  history: HistoryRepository,
  subjects: SubjectRepository,
): AsyncGenerator<BacktestEvent> {
  for await (const h of history.decided()) {
    const payload = h.event.payload as unknown as PlatformEvent;
    const groupId = "group" in payload && payload.group ? payload.group.id : undefined;
    const admins = groupId
      ? ((await subjects.groupAdmins(payload.platform, [groupId])).get(groupId) ?? [])
      : [];
    const actions = h.actions.map((a) => ({
      action: a.action as Decision["actions"][number]["action"],
      subject: { type: a.subjectType, id: a.subjectId } as SubjectRef,
    }));
    const decided: Decision = {
      kind: actions.length > 0 ? "act" : h.reviews.length > 0 ? "review" : "none",
      actions,
      reviews: h.reviews,
      verdicts: [],
    };
    yield {
      eventId: `${h.event.platform}/${h.event.clientId}`,
      input: decisionInput(payload, h.signals as unknown as Signal[], admins),
      decided,
    };
  }
}
