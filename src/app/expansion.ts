/**
 * What the expansion routes need, built once per service from its repositories:
 * the graph and stored expansions, and the weights from VIGIL_EXPANSION_WEIGHTS
 * (app/config.ts) when set, else the shipped rules/expansion-weights.json,
 * loaded on first use.
 */
import type { ExpansionDeps } from "../enforce/expansion/expansion-service.js";
import { type ExpansionWeights, loadWeights } from "../enforce/expansion/weights.js";
import type { Repositories } from "./context.js";

export function expansionDeps(repos: Repositories, weightsFile: string | undefined): ExpansionDeps {
  let weights: ExpansionWeights | undefined;
  return {
    graph: repos.expansionGraph,
    expansions: repos.expansions,
    weights: () => {
      weights ??= loadWeights(weightsFile);
      return weights;
    },
  };
}
