/**
 * The lifecycle of one submission attempt, as data (ispws: submit -> upload
 * each file -> fileinfo -> finish, or retract):
 *
 *   pending --submitted--> opened --files_uploaded--> files_uploaded
 *     --fileinfo_sent--> fileinfo_sent --finished--> finished
 *   opened | files_uploaded | fileinfo_sent --retracted--> retracted
 *   any active state --failed--> failed   (nothing open at NCMEC, or the retract failed too)
 *
 * finished, retracted and failed are terminal. A retracted or failed attempt
 * is followed by a new attempt from scratch (a new `pending` row), so a report
 * is never resumed halfway with files NCMEC may not hold.
 */
export const CYBERTIP_STATES = [
  "pending",
  "opened",
  "files_uploaded",
  "fileinfo_sent",
  "finished",
  "retracted",
  "failed",
] as const;
export type CyberTipState = (typeof CYBERTIP_STATES)[number];

export type CyberTipStep =
  | "submitted"
  | "files_uploaded"
  | "fileinfo_sent"
  | "finished"
  | "retracted"
  | "failed";

const TRANSITIONS: Partial<Record<CyberTipState, Partial<Record<CyberTipStep, CyberTipState>>>> = {
  pending: { submitted: "opened", failed: "failed" },
  opened: { files_uploaded: "files_uploaded", retracted: "retracted", failed: "failed" },
  files_uploaded: { fileinfo_sent: "fileinfo_sent", retracted: "retracted", failed: "failed" },
  fileinfo_sent: { finished: "finished", retracted: "retracted", failed: "failed" },
};

export const ACTIVE_STATES: readonly CyberTipState[] = [
  "pending",
  "opened",
  "files_uploaded",
  "fileinfo_sent",
];

export class IllegalCyberTipTransitionError extends Error {
  override readonly name = "IllegalCyberTipTransition";
}

export function nextCyberTipState(state: CyberTipState, step: CyberTipStep): CyberTipState {
  const next = TRANSITIONS[state]?.[step];
  if (!next) throw new IllegalCyberTipTransitionError(`${step} is not allowed from ${state}`);
  return next;
}

/** Whether NCMEC may hold an open report for an attempt in this state (so a failure must retract it). */
export function holdsOpenReport(state: CyberTipState): boolean {
  return state === "opened" || state === "files_uploaded" || state === "fileinfo_sent";
}

export function isActive(state: CyberTipState): boolean {
  return ACTIVE_STATES.includes(state);
}
