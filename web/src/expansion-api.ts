/** The console's expansion calls (POST/GET /v1/console/expansions), typed by the server's schemas. */
import type { z } from "zod";
import type { ExpansionResponse } from "../../src/api/expansion-views.js";
import type { NeighbourhoodView } from "../../src/api/routes/console-expansion-get.js";
import { call } from "./api.js";

export type ExpansionPicture = ExpansionResponse & { graph: z.infer<typeof NeighbourhoodView> };

export const expansionApi = {
  run: (seed: { type: "group" | "account"; id: string; platform: string }, limit: number) =>
    call<ExpansionResponse>("POST", "/v1/console/expansions", { seed, limit }),
  get: (id: string) => call<ExpansionPicture>("GET", `/v1/console/expansions/${encodeURIComponent(id)}`),
};
