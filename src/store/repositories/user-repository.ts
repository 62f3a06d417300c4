/** Console users and their roles; passwords as scrypt hashes. */
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { asc, eq } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { type UserRole, users } from "../schema.js";

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export type UserRow = typeof users.$inferSelect;

export class UserExistsError extends Error {
  override readonly name = "UserExists";
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, 32);
  return `scrypt$${salt.toString("base64")}$${hash.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = await scryptAsync(password, Buffer.from(salt, "base64"), expected.length);
  return timingSafeEqual(actual, expected);
}

export class UserRepository {
  constructor(private readonly db: VigilDb) {}

  async create(email: string, role: UserRole, name = "", password?: string): Promise<UserRow> {
    const [row] = await this.db
      .insert(users)
      .values({
        email: email.toLowerCase(),
        role,
        name,
        passwordHash: password ? await hashPassword(password) : null,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new UserExistsError(`a user ${email} already exists`);
    return row;
  }

  async findByEmail(email: string): Promise<UserRow | null> {
    const [row] = await this.db.select().from(users).where(eq(users.email, email.toLowerCase()));
    return row ?? null;
  }

  async list(): Promise<UserRow[]> {
    return this.db.select().from(users).orderBy(asc(users.email));
  }
}
