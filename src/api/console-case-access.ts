/** The case a console route works on, refused when the user's role may not open (or decide) its queue. */
import { mayDecideQueue, mayOpenQueue } from "../access/queues.js";
import type { AppContext } from "../app/context.js";
import type { Viewer } from "../review/case-list-view.js";
import type { CaseRow, ModerationEventRow } from "../store/repositories/case-repository.js";
import { ApiError } from "./errors.js";
import type { Caller } from "./route.js";

export async function openableCase(
  ctx: AppContext,
  id: number,
  caller: Caller,
  need: "open" | "decide" = "open",
): Promise<{ case: CaseRow; events: ModerationEventRow[] }> {
  const found = await ctx.repos.cases.get(id);
  const role = caller.user?.role;
  if (role && !mayOpenQueue(role, found.case.queue)) {
    throw new ApiError("ForbiddenRole", `the role ${role} may not open cases in ${found.case.queue}`);
  }
  if (role && need === "decide" && !mayDecideQueue(role, found.case.queue)) {
    throw new ApiError("ForbiddenRole", `the role ${role} may not decide cases in ${found.case.queue}`);
  }
  return found;
}

export function viewerOf(caller: Caller): Viewer {
  return { actor: caller.actor, role: caller.user?.role ?? null };
}
