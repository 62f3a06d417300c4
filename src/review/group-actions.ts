/**
 * A group case can also revoke the group's invite links and ban its admins
 * (issue 16). The list is shown first (preview, with a fingerprint of exactly
 * those targets); applying names the fingerprint, so what is queued is what
 * the reviewer saw, and a list that changed meanwhile is refused. Targets
 * already in that state are not queued again.
 */
import { createHash } from "node:crypto";
import type { GroupActionsBody, GroupActionTargetView, SkippedActionView } from "../api/review-views.js";
import type { PlannedAction } from "../domain/decisions.js";
import type { CaseRow } from "../store/repositories/case-repository.js";
import type { EnforcementRepository } from "../store/repositories/enforcement-repository.js";
import { subjectKey } from "../store/repositories/enforcement-repository.js";
import type { SubjectHistoryRepository } from "../store/repositories/subject-history-repository.js";
import { actionOptions, enforcementBySubject, withoutRepeats } from "./enforcement-state.js";

export interface GroupTargets {
  targets: GroupActionTargetView[];
  fingerprint: string;
  planned: PlannedAction[];
}

export async function groupTargets(
  deps: { subjectHistory: SubjectHistoryRepository; enforcement: EnforcementRepository },
  c: CaseRow,
  wanted: GroupActionsBody,
): Promise<GroupTargets> {
  const history = c.subjectType === "group" ? await deps.subjectHistory.group(c.platform, c.subjectId) : null;
  const planned: (PlannedAction & { label: string | null })[] = [];
  if (history && wanted.revoke_invite_links) {
    for (const l of history.inviteLinks.filter((x) => x.status === "active")) {
      planned.push({
        action: "revoke_invite_link",
        subject: { type: "invite_link", id: l.code },
        label: l.url,
      });
    }
  }
  if (history && wanted.ban_admins) {
    for (const a of history.admins) {
      planned.push({ action: "ban_account", subject: { type: "account", id: a.id }, label: a.name });
    }
  }
  const facts = await deps.enforcement.forSubjects(
    planned.map((p) => subjectKey(c.platform, p.subject.type, p.subject.id)),
  );
  const states = enforcementBySubject(facts);
  const targets = planned.map((p) => {
    const [option] = actionOptions(
      [p.action],
      states.get(subjectKey(c.platform, p.subject.type, p.subject.id)),
    );
    return {
      action: p.action,
      subject: { platform: c.platform, type: p.subject.type, id: p.subject.id },
      label: p.label,
      already: option.already,
      note: option.note,
    };
  });
  const fingerprint = createHash("sha256")
    .update(JSON.stringify(targets.map((t) => [t.action, t.subject.type, t.subject.id]).sort()))
    .digest("base64url");
  return { targets, fingerprint, planned: planned.map(({ action, subject }) => ({ action, subject })) };
}

/** What applying would queue and skip, from fresh state. */
export async function planGroupActions(
  deps: { enforcement: EnforcementRepository },
  c: CaseRow,
  planned: PlannedAction[],
): Promise<{ queue: PlannedAction[]; skipped: SkippedActionView[] }> {
  const facts = await deps.enforcement.forSubjects(
    planned.map((p) => subjectKey(c.platform, p.subject.type, p.subject.id)),
  );
  return withoutRepeats(c.platform, planned, enforcementBySubject(facts));
}
