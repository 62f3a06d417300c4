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

export function mayOpenQueue(role: UserRole, queue: string): boolean {
  if (!can(role, "cases.read")) return false;
  if (!isChildSafetyQueue(queue)) return true;
  return can(role, "cases.decide_child_safety") || can(role, "reports.submit_ncmec");
}

export function mayDecideQueue(role: UserRole, queue: string): boolean {
  if (!can(role, "cases.decide")) return false;
  return !isChildSafetyQueue(queue) || can(role, "cases.decide_child_safety");
}
