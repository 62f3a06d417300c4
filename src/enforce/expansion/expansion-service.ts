/**
 * Runs an expansion and stores it: the row is written first (status running,
 * who asked), then the result or the failure, so every expansion anyone ran
 * is on record. Used by the API routes and `vigil expand` alike.
 */
import type { ExpansionGraphRepository } from "../../store/repositories/expansion-graph-repository.js";
import type { ExpansionRepository, ExpansionRow } from "../../store/repositories/expansion-repository.js";
import type { ExpansionCandidate } from "./evidence.js";
import { type ExpansionParams, type ExpansionSeed, expandFromSeed } from "./expand.js";
import type { ExpansionWeights } from "./weights.js";

export interface ExpansionDeps {
  graph: ExpansionGraphRepository;
  expansions: ExpansionRepository;
  weights: () => ExpansionWeights;
}

export interface StoredExpansion {
  expansion: ExpansionRow;
  candidates: ExpansionCandidate[];
}

export async function runExpansion(
  deps: ExpansionDeps,
  seed: ExpansionSeed,
  params: ExpansionParams,
  createdBy: string,
): Promise<StoredExpansion> {
  const weights = deps.weights();
  const row = await deps.expansions.create({
    platform: seed.platform,
    seedKind: seed.kind,
    seedId: seed.id,
    params: { ...params, weights },
    createdBy,
  });
  try {
    const result = await expandFromSeed(deps.graph, weights, seed, params);
    await deps.expansions.finish(row.id, result.candidates, result.summary);
    return {
      expansion: { ...row, status: "finished", summary: result.summary, finishedAt: new Date() },
      candidates: result.candidates,
    };
  } catch (error) {
    await deps.expansions.fail(row.id, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

export async function readExpansion(deps: ExpansionDeps, publicId: string): Promise<StoredExpansion | null> {
  const expansion = await deps.expansions.get(publicId);
  if (!expansion) return null;
  return { expansion, candidates: await deps.expansions.candidates(expansion.id) };
}
