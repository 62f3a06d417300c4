/** Refusals of the evidence store, with machine-readable codes for the API, the CLI and the audit log. */
export type EvidenceErrorCode =
  /** Deletion of media or a case record refused while a legal hold is active. */
  | "EvidenceUnderLegalHold"
  | "EvidenceNotFound"
  | "HoldNotFound"
  | "HoldAlreadyReleased"
  /** Only an admin may move a hold's end earlier. */
  | "HoldShorteningForbidden"
  /** Only an admin may release a hold. */
  | "HoldReleaseForbidden"
  /** A release, and every hold, needs a reason a court could read. */
  | "HoldReasonRequired"
  | "InvalidHoldUntil";

export class EvidenceError extends Error {
  override readonly name = "EvidenceError";
  constructor(
    readonly code: EvidenceErrorCode,
    message: string,
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
