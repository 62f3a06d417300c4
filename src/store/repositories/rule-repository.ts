/**
 * Rule versions as they were deployed: each (name, version) stored once with
 * its definition, so a decision's `rule:<name>@<version>` always names the
 * exact text that made it. A changed rule must come with a new version.
 */
import { and, desc, eq } from "drizzle-orm";
import type { RuleMode } from "../../domain/decisions.js";
import type { VigilDb } from "../database.js";
import { rules } from "../schema.js";

export interface RuleVersion {
  name: string;
  version: number;
  mode: RuleMode;
  enabled: boolean;
  definition: Record<string, unknown>;
}

/** JSON with object keys sorted: jsonb does not keep key order, so texts compare only in this form. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export class RuleVersionConflictError extends Error {
  override readonly name = "RuleVersionConflict";
}

export class RuleRepository {
  constructor(private readonly db: VigilDb) {}

  /** Records each rule version not yet stored; refuses a known (name, version) whose text changed. */
  async record(versions: RuleVersion[]): Promise<{ added: number }> {
    let added = 0;
    for (const v of versions) {
      const [existing] = await this.db
        .select()
        .from(rules)
        .where(and(eq(rules.name, v.name), eq(rules.version, v.version)));
      if (existing) {
        if (canonicalJson(existing.definition) !== canonicalJson(v.definition)) {
          throw new RuleVersionConflictError(
            `rule ${v.name} version ${v.version} is already deployed with a different definition; give the change a new version`,
          );
        }
        continue;
      }
      const inserted = await this.db
        .insert(rules)
        .values(v)
        .onConflictDoNothing()
        .returning({ id: rules.id });
      added += inserted.length;
    }
    return { added };
  }

  async versions(name: string): Promise<(typeof rules.$inferSelect)[]> {
    return this.db.select().from(rules).where(eq(rules.name, name)).orderBy(desc(rules.version));
  }
}
