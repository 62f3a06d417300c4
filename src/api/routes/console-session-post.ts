/**
 * POST /v1/console/session: sign in with email and password; sets the
 * session cookie. A wrong email and a wrong password answer alike (and take
 * as long), so the form does not tell which emails exist. Failed sign-ins
 * are limited per account and per address, a slot reserved in the database
 * before the password is checked (access/sign-in-budget.ts): past the limit,
 * TooManySignIns (429) with Retry-After.
 */
import { z } from "zod";
import { PERMISSIONS, ROLE_PERMISSIONS } from "../../access/roles.js";
import { SignInBudget } from "../../access/sign-in-budget.js";
import { hashPassword, verifyPassword } from "../../store/repositories/user-repository.js";
import { exposure } from "../console-exposure.js";
import { requireConsoleHeader, SESSION_TTL_MS, setSessionCookie } from "../console-session.js";
import { ConsoleUserView } from "../console-views.js";
import { ApiError } from "../errors.js";
import { defineRoute } from "../route.js";

let decoy: Promise<string> | null = null;
/** One budget per running server (tests start several in one process). */
const budgets = new WeakMap<object, SignInBudget>();

export const postConsoleSession = defineRoute({
  method: "POST",
  url: "/v1/console/session",
  summary: "Console sign-in (email, password); sets the httpOnly session cookie",
  scope: null,
  body: z.strictObject({ email: z.string().min(3).max(320), password: z.string().min(1).max(1000) }),
  responses: { 200: z.object({ user: ConsoleUserView }) },
  async handler(ctx, { body, request, reply }) {
    requireConsoleHeader(request);
    const account = body.email.toLowerCase();
    const budget = budgets.get(ctx) ?? new SignInBudget(ctx.repos.signInAttempts);
    budgets.set(ctx, budget);
    const verdict = await budget.reserve(account, request.ip);
    if (!verdict.allowed) {
      void reply.header("retry-after", String(verdict.retryAfterSeconds));
      throw new ApiError(
        "TooManySignIns",
        `too many failed sign-ins for this ${verdict.by}; try again later`,
        [{ by: verdict.by, retry_after_seconds: verdict.retryAfterSeconds }],
      );
    }
    const user = await ctx.repos.users.findByEmail(body.email);
    // Without a user, verify against a decoy hash so both failures cost one scrypt.
    decoy ??= hashPassword("decoy password that never matches");
    const stored = user?.passwordHash ?? (await decoy);
    const ok = (await verifyPassword(body.password, stored)) && user !== null && !user.disabledAt;
    await verdict.settle(ok);
    if (!ok || !user) {
      await ctx.repos.audit.append({
        actor: `user:${body.email.toLowerCase()}`,
        action: "console.sign_in_failed",
        targetType: "user",
        targetId: body.email.toLowerCase(),
        detail: { ip: request.ip },
      });
      throw new ApiError("Unauthorized", "wrong email or password");
    }
    const { token } = await ctx.repos.sessions.create(user.id, SESSION_TTL_MS);
    await ctx.repos.audit.append({
      actor: `user:${user.email}`,
      action: "console.sign_in",
      targetType: "user",
      targetId: user.email,
    });
    setSessionCookie(request, reply, token);
    return {
      user: {
        email: user.email,
        name: user.name,
        role: user.role,
        permissions: PERMISSIONS.filter((p) => ROLE_PERMISSIONS[user.role].includes(p)),
        exposure: await exposure(ctx, `user:${user.email}`),
      },
    };
  },
});
