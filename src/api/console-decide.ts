/**
 * What one console decision will do to one case, checked before anything is
 * written: the user may decide the case's queue, the case is still open (or
 * theirs), and every action fits the subject. Used by the single decision and
 * by bulk decisions, whose preview is exactly these checks without the write.
 */
import { z } from "zod";
import { mayDecideQueue } from "../access/queues.js";
import { ACTION_KINDS, ACTION_SUBJECT, type ActionKind } from "../domain/actions.js";
import type { PlannedAction } from "../domain/decisions.js";
import type { CaseRow } from "../store/repositories/case-repository.js";
import type { UserRole } from "../store/schema.js";

export const ConsoleDecisionFields = {
  /** Empty: dismiss. Each applies to the case's own subject. */
  actions: z.array(z.enum(ACTION_KINDS)).max(20),
  reason: z.string().min(1).max(5000),
  policy: z.string().min(1).max(200),
};

export type DecisionCheck = { ok: true; planned: PlannedAction[] } | { ok: false; problem: string };

export function checkDecision(
  row: CaseRow,
  actions: readonly ActionKind[],
  role: UserRole,
  actor: string,
): DecisionCheck {
  if (!mayDecideQueue(role, row.queue)) return { ok: false, problem: `${role} may not decide ${row.queue}` };
  if (row.status === "closed") return { ok: false, problem: "already decided" };
  const lapsed = row.claimExpiresAt !== null && row.claimExpiresAt.getTime() < Date.now();
  if (row.status === "claimed" && row.claimedBy !== actor && !lapsed) {
    return { ok: false, problem: `claimed by ${row.claimedBy}` };
  }
  const misfit = actions.find((a) => ACTION_SUBJECT[a] !== row.subjectType);
  if (misfit) {
    const noun = row.subjectType.replace("_", " ");
    return {
      ok: false,
      problem: `${misfit} does not apply to ${/^[aeiou]/.test(noun) ? "an" : "a"} ${noun}`,
    };
  }
  const subject = { type: row.subjectType, id: row.subjectId };
  return { ok: true, planned: actions.map((action) => ({ action, subject })) };
}
