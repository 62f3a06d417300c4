/**
 * What each console role may do. Permissions are checked by the console's
 * session routes (issue 6); API keys use scopes instead. Reviewers see media
 * blurred and grayscale by default; revealing it is a separate, audited
 * permission, and only child-safety reviewers and leads may decide the
 * child-safety and NCMEC queues.
 */
import type { UserRole } from "../store/schema.js";

export const PERMISSIONS = [
  "cases.read",
  "cases.claim",
  "cases.decide",
  "cases.decide_child_safety",
  "media.reveal",
  "rules.edit",
  "banks.edit",
  "users.manage",
  "reports.submit_ncmec",
  "evidence.export",
  "metrics.read",
  "audit.read",
  /** Leads: queue SLA and sort order, and confirming bulk decisions above the size limit. */
  "queues.configure",
  /** The lead queue, where escalated cases wait for a lead. */
  "cases.decide_escalated",
  /** Analysts: recording a hotline caller's report. */
  "reports.hotline",
  /** Run network expansions and see their candidates and graph (issue 10). */
  "network.expand",
  // Bulk enforcement (issue 10): request, execute and read batches / confirm another's batch and reverse one.
  "bulk.request",
  "bulk.confirm",
  /** Who reported (a hotline caller's name and contact, a user's details): opened only for these roles. */
  "reports.personal",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<UserRole, readonly Permission[]> = {
  admin: PERMISSIONS,
  lead: [
    "cases.read",
    "cases.claim",
    "cases.decide",
    "cases.decide_child_safety",
    "media.reveal",
    "rules.edit",
    "banks.edit",
    "reports.submit_ncmec",
    "metrics.read",
    "audit.read",
    "queues.configure",
    "cases.decide_escalated",
    "reports.hotline",
    "network.expand",
    "bulk.request",
    "bulk.confirm",
    "reports.personal",
  ],
  child_safety_reviewer: [
    "cases.read",
    "cases.claim",
    "cases.decide",
    "cases.decide_child_safety",
    "media.reveal",
    "reports.submit_ncmec",
    "bulk.request",
    "reports.personal",
  ],
  reviewer: ["cases.read", "cases.claim", "cases.decide"],
  analyst: ["cases.read", "metrics.read", "reports.hotline", "network.expand", "reports.personal"],
  law_enforcement_liaison: ["cases.read", "evidence.export", "reports.submit_ncmec", "reports.personal"],
};

export function can(role: UserRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
