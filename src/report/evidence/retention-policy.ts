/**
 * Whether stored evidence may be purged: a pure function of what is known
 * about it. Evidence is kept while any rule below holds, checked in order so
 * the reason given is the strongest one; otherwise it is purged.
 *
 * - legal_hold: a hold is active (a report was filed, or someone placed one).
 * - open_case: an open case references it (reviewers still need it).
 * - within_retention: younger than the configured retention period.
 */
export interface RetentionFacts {
  held: boolean;
  neededByOpenCase: boolean;
  ageMs: number;
  retentionMs: number;
}

export const KEEP_REASONS = ["legal_hold", "open_case", "within_retention"] as const;
export type KeepReason = (typeof KEEP_REASONS)[number];

export type RetentionVerdict = { kind: "keep"; because: KeepReason } | { kind: "purge" };

const KEEP_RULES: readonly { because: KeepReason; applies(facts: RetentionFacts): boolean }[] = [
  { because: "legal_hold", applies: (f) => f.held },
  { because: "open_case", applies: (f) => f.neededByOpenCase },
  { because: "within_retention", applies: (f) => f.ageMs < f.retentionMs },
];

export function retentionVerdict(facts: RetentionFacts): RetentionVerdict {
  const rule = KEEP_RULES.find((r) => r.applies(facts));
  return rule ? { kind: "keep", because: rule.because } : { kind: "purge" };
}
