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

/** Where a report with no rule's review goes, and how urgent it starts. */
export const REPORT_PRIORITY = { childSafety: 75, other: 30, hotlineBonus: 10 } as const;
/** Each further report about the subject raises its case by this much, up to `maxBonus`. */
export const REPORT_COUNT_PRIORITY = { step: 5, maxBonus: 20 } as const;

/** Queues that hold child-safety work: a child-safety report joins an open case there, never one in `reports`. */
const CHILD_SAFETY_WORK_QUEUES: readonly string[] = ["ncmec", "child-safety", "lead"];

export interface RoutedReport {
  queue: string;
  priority: number;
}

export function routeReport(report: { reason: string; source: string }): RoutedReport {
  const childSafety = isChildSafetyReason(report.reason);
  const base = childSafety ? REPORT_PRIORITY.childSafety : REPORT_PRIORITY.other;
  return {
    queue: childSafety ? CHILD_SAFETY_QUEUE : REPORTS_QUEUE,
    priority: base + (report.source === "hotline" ? REPORT_PRIORITY.hotlineBonus : 0),
  };
}

/**
 * The subject's open case a report no rule routed should join instead of
 * opening one in its reason's queue: the most urgent open case, but for a
 * child-safety report only one where child-safety reviewers work.
 */
export function joinableQueue(
  reason: string,
  open: readonly { queue: string; priority: number }[],
): string | undefined {
  const fits = isChildSafetyReason(reason)
    ? open.filter((c) => CHILD_SAFETY_WORK_QUEUES.includes(c.queue))
    : open;
  return [...fits].sort((a, b) => b.priority - a.priority || a.queue.localeCompare(b.queue))[0]?.queue;
}

/** Where a report came from. */
export const REPORT_SOURCES = ["user", "hotline", "crawler", "proactive", "partner"] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];
