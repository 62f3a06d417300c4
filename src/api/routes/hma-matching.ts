/**
 * HMA's matching API on Vigil (OpenMediaMatch `/m`): lookups by signal, by
 * URL or by upload answer `{bank: [{bank_content_id, distance}]}` (keyed by
 * signal type first when the media was hashed); raw lookups answer
 * `{matches: [id]}` or, with `include_distance`, the ids with distances.
 */
import { z } from "zod";
import { ApiError } from "../errors.js";
import { hashUpload, hashUrl, hmaCall } from "../hma-media.js";
import { defineRoute } from "../route.js";

const Match = z.object({ bank_content_id: z.number(), distance: z.string() });
const ByBank = z.record(z.string(), z.array(Match));
/** Python's spellings of true, as HMA's query parsing takes them. */
const Flag = z
  .string()
  .max(10)
  .transform((v) => ["true", "1", "yes"].includes(v.toLowerCase()));

export const getHmaLookup = defineRoute({
  method: "GET",
  url: "/m/lookup",
  summary: "HMA: look up a signal (signal_type and signal) or the media at a URL in the index",
  scope: "banks:read",
  query: z.object({
    url: z.string().max(4096).optional(),
    content_type: z.string().max(50).optional(),
    types: z.string().max(200).optional(),
    signal: z.string().max(200).optional(),
    signal_type: z.string().max(50).optional(),
    banks: z.string().max(4000).optional(),
    seed: z.string().max(200).optional(),
    bypass_coinflip: Flag.optional(),
  }),
  responses: { 200: z.record(z.string(), z.union([ByBank, z.array(Match)])) },
  async handler(ctx, { query }) {
    if (query.url) {
      const hashes = await hashUrl(ctx, query.url, query.content_type, query.types);
      const all = await hmaCall(() => ctx.hma.lookupAll(hashes, query.banks));
      return query.signal_type ? (all[query.signal_type] ?? {}) : all;
    }
    if (!query.signal || !query.signal_type)
      throw new ApiError("InvalidRequest", "Either url or both signal and signal_type are required");
    const { signal, signal_type } = query;
    return hmaCall(() => ctx.hma.lookup(signal_type, signal, query.banks));
  },
});

export const postHmaLookup = defineRoute({
  method: "POST",
  url: "/m/lookup",
  summary: "HMA: hash an uploaded photo or video and look up each of its signals",
  scope: "banks:read",
  consumes: "multipart/form-data",
  query: z.object({
    banks: z.string().max(4000).optional(),
    seed: z.string().max(200).optional(),
    bypass_coinflip: Flag.optional(),
  }),
  responses: { 200: z.record(z.string(), ByBank) },
  async handler(ctx, { request, query }) {
    const hashes = await hashUpload(ctx, request);
    return hmaCall(() => ctx.hma.lookupAll(hashes, query.banks));
  },
});

export const getHmaRawLookup = defineRoute({
  method: "GET",
  url: "/m/raw_lookup",
  summary: "HMA: the ids of the banked content a signal matches, with distances when asked",
  scope: "banks:read",
  query: z.object({
    signal: z.string().max(200),
    signal_type: z.string().max(50),
    banks: z.string().max(4000).optional(),
    include_distance: Flag.optional(),
  }),
  responses: { 200: z.object({ matches: z.array(z.union([z.number(), Match])) }) },
  async handler(ctx, { query }) {
    return hmaCall(() =>
      ctx.hma.rawLookup(query.signal_type, query.signal, query.banks, query.include_distance ?? false),
    );
  },
});

export const getHmaIndexStatus = defineRoute({
  method: "GET",
  url: "/m/index/status",
  summary: "HMA: per signal type, whether the index is present, its size and its newest entry",
  scope: "banks:read",
  query: z.object({ signal_type: z.string().max(50).optional() }),
  responses: {
    200: z.record(z.string(), z.object({ present: z.boolean(), built_to: z.number(), size: z.number() })),
  },
  async handler(ctx, { query }) {
    return hmaCall(() => ctx.hma.indexStatus(query.signal_type));
  },
});
