/**
 * Who touches evidence: a console user with a role, the operator at the CLI
 * (who holds the data folder and its keys, so acts with admin authority), or
 * the system itself (automatic holds, the retention job). Every audit entry the
 * evidence store writes names both.
 */
import type { UserRole } from "../../store/schema.js";

export interface EvidenceActor {
  /** `user:<email>`, `key:<name>`, `cli:<os user>` or `system:<job>`. */
  actor: string;
  role: UserRole | "operator" | "system";
}

export const SYSTEM_ACTOR: EvidenceActor = { actor: "system:evidence", role: "system" };

/** Admin authority: releasing holds, shortening them. */
export function hasAdminAuthority(by: EvidenceActor): boolean {
  return by.role === "admin" || by.role === "operator";
}

/** Injected so holds, expiry and retention can be tested at any moment. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
