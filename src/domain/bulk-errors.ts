/**
 * Why a bulk operation was refused, by name; the API answers with the same names
 * (api/errors.ts), so the console and the CLI branch on them rather than on message text.
 */
export const BULK_REFUSALS = [
  "BatchNotFound",
  /** Above VIGIL_BULK_CONFIRM_ABOVE and nobody but the requester has confirmed. */
  "ConfirmationRequired",
  /** Above VIGIL_BULK_TWO_PERSON_ABOVE and only one other person has confirmed. */
  "SecondConfirmationRequired",
  /** The requester tried to confirm their own batch. */
  "OwnBatch",
  "AlreadyConfirmed",
  /** The confirmer's role may not confirm (leads and admins only). */
  "ForbiddenRole",
  /** The batch is not in a status that allows this (e.g. adding targets after sealing). */
  "BatchStateConflict",
] as const;
export type BulkRefusalName = (typeof BULK_REFUSALS)[number];

export class BulkRefused extends Error {
  constructor(
    readonly code: BulkRefusalName,
    message: string,
  ) {
    super(message);
    this.name = "BulkRefused";
  }
}
