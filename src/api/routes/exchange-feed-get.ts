/**
 * GET /v1/exchange/feed: the calling partner's signed, incremental feed of the
 * banks shared with its key (issue 19, point 1). The body is signed as sent
 * (header `vigil-signature: ed25519=<base64>`); verify it with the key from
 * GET /v1/exchange/public-key before parsing.
 */
import { z } from "zod";
import { Cursor, FeedPage, MAX_PAGE_SIZE } from "../../exchange/feed-format.js";
import { SIGNATURE_HEADER } from "../../exchange/feed-signature.js";
import { defineRoute } from "../route.js";

/** The partner is the API key's name (`key:<name>`). */
export function partnerOf(actor: string): string {
  return actor.startsWith("key:") ? actor.slice(4) : actor;
}

export const getExchangeFeed = defineRoute({
  method: "GET",
  url: "/v1/exchange/feed",
  summary: "A partner's signed feed of shared bank entries after a cursor; withdrawals come as tombstones",
  scope: "exchange:read",
  query: z.strictObject({
    cursor: Cursor.optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  }),
  responses: { 200: FeedPage },
  async handler(ctx, { query, caller, reply }) {
    const page = await ctx.exchange.feed(partnerOf(caller.actor), query.cursor ?? null, query.limit);
    reply.header(SIGNATURE_HEADER, page.signature);
    reply.header("content-type", "application/json; charset=utf-8");
    return reply.send(page.body);
  },
});

export const getExchangePublicKey = defineRoute({
  method: "GET",
  url: "/v1/exchange/public-key",
  summary: "The Ed25519 public key (PEM) this instance signs its exchange feed with",
  scope: null,
  responses: { 200: z.object({ public_key_pem: z.string() }) },
  async handler(ctx) {
    return { public_key_pem: await ctx.exchange.publicKeyPem() };
  },
});
