/**
 * Which review queues a role may open. The child-safety queues hold the
 * material people should see least: only roles trained and cleared for it
 * (child-safety reviewers, leads, admins, and the law-enforcement liaison who
 * files NCMEC reports) may list, open or decide their cases. Checked by the
 * server on every console route, not only hidden in the page.
 */
import type { UserRole } from "../store/schema.js";
import { can } from "./roles.js";

export const CHILD_SAFETY_QUEUES: readonly string[] = ["ncmec", "child-safety"];

export function isChildSafetyQueue(queue: string): boolean {
  return CHILD_SAFETY_QUEUES.includes(queue);
}

/** Where escalated cases wait for a lead (or for child-safety reviewers, see ESCALATION_TARGETS). */
export const LEAD_QUEUE = "lead";
/** Where a reviewer may escalate a case: to a lead, or to the child-safety reviewers. */
export const ESCALATION_TARGETS = [LEAD_QUEUE, "child-safety"] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];

export function mayOpenQueue(role: UserRole, queue: string): boolean {
  if (!can(role, "cases.read")) return false;
  if (queue === LEAD_QUEUE) return can(role, "cases.decide_escalated");
  if (!isChildSafetyQueue(queue)) return true;
  return can(role, "cases.decide_child_safety") || can(role, "reports.submit_ncmec");
}

export function mayDecideQueue(role: UserRole, queue: string): boolean {
  if (!can(role, "cases.decide")) return false;
  if (queue === LEAD_QUEUE) return can(role, "cases.decide_escalated");
  return !isChildSafetyQueue(queue) || can(role, "cases.decide_child_safety");
}
