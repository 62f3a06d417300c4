/**
 * What the expansion routes need, built from the context's database (one set
 * per context, so server.ts needs no change for them). Weights come from
 * VIGIL_EXPANSION_WEIGHTS when set, else the shipped rules/expansion-weights.json.
 */

import type { AppContext } from "../app/context.js";
import type { ExpansionDeps } from "../enforce/expansion/expansion-service.js";
import { type ExpansionWeights, loadWeights } from "../enforce/expansion/weights.js";
import { ExpansionGraphRepository } from "../store/repositories/expansion-graph-repository.js";
import { ExpansionRepository } from "../store/repositories/expansion-repository.js";

const built = new WeakMap<AppContext, ExpansionDeps>();

export function expansionDeps(ctx: AppContext): ExpansionDeps {
  let deps = built.get(ctx);
  if (!deps) {
    let weights: ExpansionWeights | undefined;
    deps = {
      graph: new ExpansionGraphRepository(ctx.database.db),
      expansions: new ExpansionRepository(ctx.database.db),
      weights: () => {
        weights ??= loadWeights(process.env.VIGIL_EXPANSION_WEIGHTS || undefined);
        return weights;
      },
    };
    built.set(ctx, deps);
  }
  return deps;
}
