/**
 * Stored expansions and their ranked candidates (issue 10 point 6): what was
 * asked (seed, parameters, who), what came out (summary, candidates with their
 * evidence), so bulk enforcement and the console read the same list later.
 */
import { asc, eq, sql } from "drizzle-orm";
import type { ExpansionCandidate } from "../../domain/expansion-evidence.js";
import type { VigilDb } from "../database.js";
import { type ExpansionSubjectKind, expansionCandidates, expansions } from "../schema.js";
import { newPublicId } from "./decision-writer.js";

export type ExpansionRow = typeof expansions.$inferSelect;

export interface NewExpansion {
  platform: string;
  seedKind: ExpansionSubjectKind;
  seedId: string;
  params: Record<string, unknown>;
  createdBy: string;
}

const CHUNK = 1000;

export class ExpansionRepository {
  constructor(private readonly db: VigilDb) {}

  async create(input: NewExpansion): Promise<ExpansionRow> {
    const [row] = await this.db
      .insert(expansions)
      .values({ ...input, publicId: newPublicId("exp") })
      .returning();
    return row;
  }

  /** Candidates and summary in one transaction: a finished expansion always has its whole list. */
  async finish(
    id: number,
    candidates: ExpansionCandidate[],
    summary: Record<string, unknown>,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (let i = 0; i < candidates.length; i += CHUNK) {
        await tx.insert(expansionCandidates).values(
          candidates.slice(i, i + CHUNK).map((c, j) => ({
            expansionId: id,
            rank: i + j + 1,
            subjectKind: c.subjectKind,
            platformId: c.platformId,
            score: c.score,
            evidence: c.evidence,
            suggestedAction: c.suggestedAction,
          })),
        );
      }
      await tx
        .update(expansions)
        .set({ status: "finished", finishedAt: sql`now()`, summary })
        .where(eq(expansions.id, id));
    });
  }

  async fail(id: number, message: string): Promise<void> {
    await this.db
      .update(expansions)
      .set({ status: "failed", finishedAt: sql`now()`, summary: { error: message } })
      .where(eq(expansions.id, id));
  }

  async get(publicId: string): Promise<ExpansionRow | null> {
    const [row] = await this.db.select().from(expansions).where(eq(expansions.publicId, publicId));
    return row ?? null;
  }

  async candidates(expansionId: number): Promise<ExpansionCandidate[]> {
    const rows = await this.db
      .select()
      .from(expansionCandidates)
      .where(eq(expansionCandidates.expansionId, expansionId))
      .orderBy(asc(expansionCandidates.rank));
    return rows.map((r) => ({
      subjectKind: r.subjectKind,
      platformId: r.platformId,
      score: r.score,
      evidence: r.evidence as ExpansionCandidate["evidence"],
      suggestedAction: r.suggestedAction as ExpansionCandidate["suggestedAction"],
    }));
  }
}
