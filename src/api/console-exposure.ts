/**
 * The exposure counter: how many images a reviewer has revealed this shift
 * (the last 12 hours, the session's length), read from the audit log so it
 * cannot be reset from the browser, and the soft limit past which the console
 * suggests a break. The limit advises; it never blocks a reveal.
 */
import type { AppContext } from "../app/context.js";
import { SESSION_TTL_MS } from "./console-session.js";

export const DEFAULT_EXPOSURE_SOFT_LIMIT = 40;

export async function exposure(
  ctx: AppContext,
  actor: string,
): Promise<{ reveals: number; soft_limit: number }> {
  const since = new Date(Date.now() - SESSION_TTL_MS);
  return {
    reveals: await ctx.repos.audit.countSince(actor, "media.reveal", since),
    soft_limit: ctx.config.exposureSoftLimit ?? DEFAULT_EXPOSURE_SOFT_LIMIT,
  };
}
