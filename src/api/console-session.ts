/**
 * Console sessions over HTTP: the `vigil_session` cookie (httpOnly so page
 * scripts never see the token, SameSite=Strict so other sites cannot send it,
 * Secure when served over HTTPS), and the check every console route makes:
 * a live session whose user's role grants the route's permission.
 *
 * State-changing console requests must also carry `X-Vigil-Console: 1`: a
 * custom header no cross-site form can send, a second guard against CSRF
 * beside SameSite.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { can, type Permission } from "../access/roles.js";
import type { SessionRepository } from "../store/repositories/session-repository.js";
import { ApiError } from "./errors.js";
import type { Caller } from "./route.js";

export const SESSION_COOKIE = "vigil_session";
/** A reviewer's shift, with room to spare; then sign in again. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const CONSOLE_HEADER = "x-vigil-console";

export function sessionToken(request: FastifyRequest): string | null {
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SESSION_COOKIE) return value.join("=") || null;
  }
  return null;
}

function cookie(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  const secure = request.protocol === "https" ? "; Secure" : "";
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  void reply.header("set-cookie", cookie(request, token, Math.floor(SESSION_TTL_MS / 1000)));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.header("set-cookie", cookie(request, "", 0));
}

export function requireConsoleHeader(request: FastifyRequest): void {
  if (request.method !== "GET" && request.headers[CONSOLE_HEADER] !== "1") {
    throw new ApiError("Unauthorized", `console requests that change state must send ${CONSOLE_HEADER}: 1`);
  }
}

export class SessionAuthenticator {
  constructor(private readonly sessions: SessionRepository) {}

  /** No cache: signing out or disabling a user must end access at once. */
  async authenticate(request: FastifyRequest, permission: Permission | "signed_in"): Promise<Caller> {
    requireConsoleHeader(request);
    const token = sessionToken(request);
    const user = token ? await this.sessions.findUser(token) : null;
    if (!user) throw new ApiError("Unauthorized", "sign in to the console first");
    if (permission !== "signed_in" && !can(user.role, permission)) {
      throw new ApiError("ForbiddenRole", `the role ${user.role} may not ${permission}`, [
        { permission },
      ]).refusing(`user:${user.email}`);
    }
    return {
      actor: `user:${user.email}`,
      scopes: new Set(),
      user: { id: user.id, email: user.email, name: user.name, role: user.role },
    };
  }
}
