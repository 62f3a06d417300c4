/** The work behind POST and GET of expansions, shared by the API-key and console routes. */

import type { AppContext } from "../app/context.js";
import { UnknownSeed } from "../enforce/expansion/expand.js";
import { readExpansion, runExpansion } from "../enforce/expansion/expansion-service.js";
import { ApiError } from "./errors.js";
import { type ExpansionRequest, type ExpansionResponse, expansionResponse } from "./expansion-views.js";

export async function createExpansion(
  ctx: AppContext,
  body: ExpansionRequest,
  actor: string,
): Promise<ExpansionResponse> {
  try {
    const stored = await runExpansion(
      ctx.expansion,
      { kind: body.seed.type, platform: body.seed.platform, id: body.seed.id },
      { limit: body.limit, minScore: body.minScore },
      actor,
    );
    ctx.log.info(
      { expansion: stored.expansion.publicId, actor, candidates: stored.candidates.length },
      "expansion finished",
    );
    return expansionResponse(stored);
  } catch (error) {
    if (error instanceof UnknownSeed) throw new ApiError("UnknownSeed", error.message, [{ seed: body.seed }]);
    throw error;
  }
}

export async function getExpansion(ctx: AppContext, id: string): Promise<ExpansionResponse> {
  const stored = await readExpansion(ctx.expansion, id);
  if (!stored) throw new ApiError("NotFound", `no expansion ${id}`);
  return expansionResponse(stored);
}
