/** The vocabulary of hash banks: kinds of hash an entry holds, and how sure its origin is. */
/** Kinds of hash a bank entry holds. */
export const SIGNAL_TYPES = ["pdq", "vpdq", "md5", "sha256"] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];

/** Whether a hash's origin has been confirmed (e.g. a reviewed case or NCMEC's list) or not. */
export const PROVENANCES = ["confirmed", "unconfirmed"] as const;
export type Provenance = (typeof PROVENANCES)[number];
