/**
 * POST /v1/console/queues/:queue/next: "Start reviewing". Hands this user the
 * next case of the queue under an exclusive claim that lapses after
 * CLAIM_TTL_SECONDS (the one they already hold, if any); `case: null` when
 * the queue is empty.
 */
import { z } from "zod";
import { mayDecideQueue } from "../../access/queues.js";
import { consoleCaseView } from "../console-case-detail.js";
import { ConsoleCaseView } from "../console-views.js";
import { ApiError } from "../errors.js";
import { defineRoute } from "../route.js";

/** Long enough to read a case and decide; short enough that an abandoned case soon returns. */
export const CLAIM_TTL_SECONDS = 15 * 60;

export const nextConsoleCase = defineRoute({
  method: "POST",
  url: "/v1/console/queues/:queue/next",
  summary:
    "Claim the next case of a queue in its order (priority then age, or report count) for the signed-in reviewer",
  scope: null,
  permission: "cases.claim",
  params: z.object({ queue: z.string().min(1).max(100) }),
  responses: { 200: z.object({ case: ConsoleCaseView.nullable() }) },
  async handler(ctx, { params, caller }) {
    if (!mayDecideQueue(caller.user!.role, params.queue)) {
      throw new ApiError("ForbiddenRole", `the role ${caller.user!.role} may not review ${params.queue}`);
    }
    // The queue's sort order is a server setting (a lead's choice), so every reviewer gets the same next case.
    const { sort } = await ctx.repos.consoleSettings.queue(params.queue);
    const row = await ctx.repos.claims.claimNext(params.queue, caller.actor, CLAIM_TTL_SECONDS, sort);
    return { case: row ? consoleCaseView(row) : null };
  },
});
