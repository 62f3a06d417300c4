/**
 * Report reasons and where they go. Reasons are free text from platforms
 * (at most 200 characters); these are the ones Vigil knows. Child-safety
 * reasons go to the `child-safety` queue, everything else to `reports`, so no
 * report is ever left without a person to read it.
 */
export const CHILD_SAFETY_REASONS = [
  "child_safety",
  "csam",
  "child_sexual_abuse",
  "child_exploitation",
  "cse",
  "grooming",
  "sextortion",
  "minor_sexualisation",
] as const;

/** Reasons the console offers; a platform may send any other text (it then routes to `reports`). */
export const REPORT_REASONS = [
  "child_safety",
  "csam",
  "grooming",
  "sextortion",
  "spam",
  "scam",
  "harassment",
  "hate",
  "violence",
  "impersonation",
  "other",
] as const;

export const REPORTS_QUEUE = "reports";
export const CHILD_SAFETY_QUEUE = "child-safety";

/** `Child Safety`, `child-safety` and `CHILD_SAFETY` are one reason. */
export function normaliseReason(reason: string): string {
  return reason
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

export function isChildSafetyReason(reason: string): boolean {
  return (CHILD_SAFETY_REASONS as readonly string[]).includes(normaliseReason(reason));
}
