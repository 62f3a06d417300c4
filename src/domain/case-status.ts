/**
 * A case's status is derived from its moderation events (the log is the
 * truth; cases.status is a projection kept in the same transaction). The
 * transitions as data, so the rules are read in one place:
 *
 *   open    --claim-->   claimed     claimed --release--> open
 *   open|claimed --decide|close--> closed
 *   enqueue and comment change nothing; nothing leaves closed (new evidence opens a new case).
 *
 * Invariant (tested): folding any sequence yields one of the three statuses, and
 * a closed case stays closed.
 */
export const CASE_STATUSES = ["open", "claimed", "closed"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const MODERATION_EVENT_KINDS = [
  "decide",
  "shadow",
  "enqueue",
  "claim",
  "release",
  "close",
  "act",
  "comment",
  "report_sent",
] as const;
export type ModerationEventKind = (typeof MODERATION_EVENT_KINDS)[number];

const TRANSITIONS: Partial<Record<CaseStatus, Partial<Record<ModerationEventKind, CaseStatus>>>> = {
  open: { claim: "claimed", decide: "closed", close: "closed" },
  claimed: { release: "open", decide: "closed", close: "closed", claim: "claimed" },
};

export function nextCaseStatus(status: CaseStatus, kind: ModerationEventKind): CaseStatus {
  return TRANSITIONS[status]?.[kind] ?? status;
}

export function foldCaseStatus(kinds: Iterable<ModerationEventKind>): CaseStatus {
  let status: CaseStatus = "open";
  for (const kind of kinds) status = nextCaseStatus(status, kind);
  return status;
}

/** Whether the event is a legal move from this status (illegal ones are refused, not recorded). */
export function isAllowed(status: CaseStatus, kind: ModerationEventKind): boolean {
  return kind === "comment" || TRANSITIONS[status]?.[kind] !== undefined;
}
