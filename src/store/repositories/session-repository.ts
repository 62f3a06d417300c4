/**
 * Console sessions: a random 256-bit token in an httpOnly cookie, its SHA-256
 * in the database with an expiry. Server-side, so signing out or disabling a
 * user ends the session at once (a signed cookie could not be taken back).
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { consoleSessions, users } from "../schema.js";
import type { UserRow } from "./user-repository.js";

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export class SessionRepository {
  constructor(private readonly db: VigilDb) {}

  /** Starts a session; the returned token exists in clear only in the cookie. */
  async create(userId: number, ttlMs: number): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(Date.now() + ttlMs);
    await this.db.insert(consoleSessions).values({ tokenHash: hashToken(token), userId, expiresAt });
    // Sweep this user's expired sessions here rather than in a background job.
    await this.db
      .delete(consoleSessions)
      .where(and(eq(consoleSessions.userId, userId), lt(consoleSessions.expiresAt, sql`now()`)));
    return { token, expiresAt };
  }

  /** The session's user, when the token is known, unexpired and the user is not disabled. */
  async findUser(token: string): Promise<UserRow | null> {
    const [row] = await this.db
      .select({ user: users })
      .from(consoleSessions)
      .innerJoin(users, eq(users.id, consoleSessions.userId))
      .where(
        and(
          eq(consoleSessions.tokenHash, hashToken(token)),
          gt(consoleSessions.expiresAt, sql`now()`),
          isNull(users.disabledAt),
        ),
      );
    return row?.user ?? null;
  }

  async delete(token: string): Promise<void> {
    await this.db.delete(consoleSessions).where(eq(consoleSessions.tokenHash, hashToken(token)));
  }
}
