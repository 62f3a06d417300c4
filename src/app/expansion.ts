/**
 * What the expansion routes need, built once per service from its database:
 * the graph and stored expansions, and the weights from VIGIL_EXPANSION_WEIGHTS
 * (app/config.ts) when set, else the shipped rules/expansion-weights.json,
 * loaded on first use.
 */
import type { ExpansionDeps } from "../enforce/expansion/expansion-service.js";
import { type ExpansionWeights, loadWeights } from "../enforce/expansion/weights.js";
import type { VigilDb } from "../store/database.js";
import { ExpansionGraphRepository } from "../store/repositories/expansion-graph-repository.js";
import { ExpansionRepository } from "../store/repositories/expansion-repository.js";

export function expansionDeps(db: VigilDb, weightsFile: string | undefined): ExpansionDeps {
  let weights: ExpansionWeights | undefined;
  return {
    graph: new ExpansionGraphRepository(db),
    expansions: new ExpansionRepository(db),
    weights: () => {
      weights ??= loadWeights(weightsFile);
      return weights;
    },
  };
}
