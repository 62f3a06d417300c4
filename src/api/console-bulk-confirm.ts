/**
 * Large bulk decisions need a lead (issue 6, point 6). A batch of more cases
 * than the organisation's `bulk_lead_confirm_above` is applied only by a lead
 * (or admin) or with a lead's confirmation: a one-use id the lead made for
 * exactly this batch, named by a fingerprint of its cases, actions and policy
 * so it cannot be stretched to another. Enforced here on the server, and both
 * the confirmation and its use land in the audit log.
 */
import { createHash } from "node:crypto";
import { can } from "../access/roles.js";
import type { AppContext } from "../app/context.js";
import { ApiError } from "./errors.js";
import type { Caller } from "./route.js";

/** A confirmation is for the batch on the screen now, not for later. */
export const CONFIRMATION_TTL_SECONDS = 30 * 60;

export interface BatchShape {
  case_ids: readonly number[];
  actions: readonly string[];
  policy: string;
}

export function batchFingerprint(batch: BatchShape): string {
  const canonical = JSON.stringify({
    cases: [...new Set(batch.case_ids)].sort((a, b) => a - b),
    actions: [...new Set(batch.actions)].sort(),
    policy: batch.policy,
  });
  return createHash("sha256").update(canonical).digest("hex");
}

/** Who confirmed a batch about to be applied: null when it is small enough to need no one. */
export async function requireLeadConfirmation(
  ctx: AppContext,
  caller: Caller,
  batch: BatchShape,
  confirmationId: string | undefined,
): Promise<string | null> {
  const size = new Set(batch.case_ids).size;
  const limit = (await ctx.repos.consoleSettings.org()).bulkLeadConfirmAbove;
  if (size <= limit) return null;
  if (can(caller.user!.role, "queues.configure")) return caller.actor;
  if (!confirmationId) {
    throw new ApiError(
      "LeadConfirmationRequired",
      `a batch of ${size} cases is above ${limit}: a lead must confirm it first`,
      [{ size, limit }],
    );
  }
  const spent = await ctx.repos.bulkConfirmations.spend(
    confirmationId,
    batchFingerprint(batch),
    caller.actor,
  );
  if (!spent.ok) {
    throw new ApiError(
      "LeadConfirmationRequired",
      `the lead's confirmation cannot be used: ${spent.problem}`,
      [{ size, limit, problem: spent.problem }],
    );
  }
  return spent.confirmedBy;
}
