/**
 * Expansion from one seed (a confirmed group or account) to its ring: the
 * groups around the seed are scored first; those scoring at least
 * limits.minGroupScore are expanded to their members, and every member is
 * scored by explainable evidence (evidence.ts). Reads only; the caller stores
 * the result (expansion-service.ts).
 */
import type {
  ExpansionGraphRepository,
  GroupNode,
  SeedGroups,
} from "../../store/repositories/expansion-graph-repository.js";
import { type ExpansionCandidate, rankCandidates, scoreAccount, scoreGroup } from "./evidence.js";
import type { ExpansionWeights } from "./weights.js";

export interface ExpansionSeed {
  kind: "group" | "account";
  platform: string;
  id: string;
}

export interface ExpansionParams {
  limit: number;
  minScore: number;
}

export interface ExpansionResult {
  candidates: ExpansionCandidate[];
  summary: {
    seedGroups: number;
    seedMembers: number;
    seedConfirmed: boolean;
    groupsLooked: number;
    groupsExpanded: number;
    accountsScored: number;
    candidates: number;
    elapsedMs: number;
  };
}

export class UnknownSeed extends Error {
  override readonly name = "UnknownSeed";
}

export async function expandFromSeed(
  graph: ExpansionGraphRepository,
  weights: ExpansionWeights,
  seed: ExpansionSeed,
  params: ExpansionParams,
): Promise<ExpansionResult> {
  const started = performance.now();
  const seedGroups = await resolveSeed(graph, seed);
  const seedNodes = await graph.seedGroupNodes(seedGroups.groupIds);
  const around = await graph.linkedGroups(seedGroups, weights.limits.minSharedMembers);
  const scoredGroups = around.map((node) => ({ node, candidate: scoreGroup(node, weights) }));
  const expanded = scoredGroups
    .filter((g) => g.candidate.score >= weights.limits.minGroupScore)
    .sort((a, b) => b.candidate.score - a.candidate.score)
    .slice(0, weights.limits.maxLinkedGroups);
  const confirmed = [...seedNodes, ...expanded.map((g) => g.node)]
    .filter((n: GroupNode) => n.confirmed)
    .map((n) => n.id);
  const facts = await graph.accountFacts(
    seed.platform,
    seedGroups,
    expanded.map((g) => g.node.id),
    confirmed,
    weights.limits.banWindowHours,
  );
  const accounts = facts.map((f) => scoreAccount(f, weights));
  const candidates = rankCandidates([...accounts, ...scoredGroups.map((g) => g.candidate)])
    .filter((c) => c.score >= params.minScore)
    .slice(0, params.limit);
  return {
    candidates,
    summary: {
      seedGroups: seedGroups.groupIds.length,
      seedMembers: seedGroups.seedMembers,
      seedConfirmed: seedNodes.some((n) => n.confirmed),
      groupsLooked: around.length,
      groupsExpanded: expanded.length,
      accountsScored: accounts.length,
      candidates: candidates.length,
      elapsedMs: Math.round(performance.now() - started),
    },
  };
}

async function resolveSeed(graph: ExpansionGraphRepository, seed: ExpansionSeed): Promise<SeedGroups> {
  if (seed.kind === "account") {
    const found = await graph.accountSeed(seed.platform, seed.id);
    if (!found) throw new UnknownSeed(`no account ${seed.id} on ${seed.platform}`);
    return found;
  }
  const id = await graph.groupId(seed.platform, seed.id);
  if (id === null) throw new UnknownSeed(`no group ${seed.id} on ${seed.platform}`);
  return { groupIds: [id], excludeAccountIds: [], seedMembers: await graph.countMembers([id]) };
}
