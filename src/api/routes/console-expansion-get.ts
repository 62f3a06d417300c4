/**
 * GET /v1/console/expansions/:id: a stored expansion with the picture of the
 * seed's neighbourhood (the seed, the top groups and accounts, memberships and
 * posted links; each node marked confirmed / flagged / unknown with its case).
 */
import { z } from "zod";
import { ErrorBody } from "../errors.js";
import { getExpansion } from "../expansion-handlers.js";
import { ExpansionResponse } from "../expansion-views.js";
import { defineRoute } from "../route.js";

const PICTURE_GROUPS = 12;
const PICTURE_ACCOUNTS = 80;

export const NeighbourhoodView = z.object({
  nodes: z.array(
    z.object({
      kind: z.enum(["account", "group"]),
      platformId: z.string(),
      mark: z.enum(["confirmed", "flagged", "unknown"]),
      caseId: z.number().nullable(),
      seed: z.boolean(),
      score: z.number().nullable(),
    }),
  ),
  edges: z.array(z.object({ kind: z.enum(["member", "admin", "link"]), from: z.string(), to: z.string() })),
});

export const getConsoleExpansion = defineRoute({
  method: "GET",
  url: "/v1/console/expansions/:id",
  summary: "A stored expansion and the picture of the seed's neighbourhood (console; network.expand)",
  scope: null,
  permission: "network.expand",
  params: z.object({ id: z.string().min(1).max(100) }),
  responses: { 200: ExpansionResponse.extend({ graph: NeighbourhoodView }), 404: ErrorBody },
  async handler(ctx, { params }) {
    const found = await getExpansion(ctx, params.id);
    const { seed, platform } = found.expansion;
    const groups = found.candidates.filter((c) => c.subjectKind === "group").slice(0, PICTURE_GROUPS);
    const accounts = found.candidates.filter((c) => c.subjectKind === "account").slice(0, PICTURE_ACCOUNTS);
    const score = new Map([...groups, ...accounts].map((c) => [`${c.subjectKind}:${c.platformId}`, c.score]));
    const picture = await ctx.repos.neighbourhoods.picture(
      platform,
      [...(seed.type === "group" ? [seed.id] : []), ...groups.map((g) => g.platformId)],
      [...(seed.type === "account" ? [seed.id] : []), ...accounts.map((a) => a.platformId)],
    );
    return {
      ...found,
      graph: {
        nodes: picture.nodes.map((n) => ({
          ...n,
          seed: n.kind === seed.type && n.platformId === seed.id,
          score: score.get(`${n.kind}:${n.platformId}`) ?? null,
        })),
        edges: picture.edges,
      },
    };
  },
});
