/**
 * Configuring the exchange (issue 19): which banks a partner (an API key name)
 * receives, the partners' feeds this instance pulls from, and a pull on
 * demand. A source's API key is sealed with the data key and never shown again.
 */
import { z } from "zod";
import { ExchangeConfigError } from "../../exchange/exchange-service.js";
import { PullError } from "../../exchange/feed-puller.js";
import { FeedKeyError } from "../../exchange/feed-signature.js";
import { BankNotFoundError } from "../../store/repositories/bank-repository.js";
import { EXCHANGE_TRUSTS } from "../../store/tables/exchange.js";
import { ApiError } from "../errors.js";
import { defineRoute } from "../route.js";

const Name = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, "letters, digits, _ . -");

const SourceView = z.object({
  name: z.string(),
  feed_url: z.string(),
  bank: z.string(),
  trust: z.enum(EXCHANGE_TRUSTS),
  cursor: z.string().nullable(),
  entries_applied: z.number(),
  last_run_at: z.string().nullable(),
  last_error: z.string().nullable(),
});

/** The service's refusals as named API errors. */
async function exchangeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof PullError)
      throw new ApiError("ExchangeFeedRefused", error.message, [{ code: error.code }]);
    if (error instanceof ExchangeConfigError || error instanceof FeedKeyError)
      throw new ApiError("InvalidRequest", error.message);
    if (error instanceof BankNotFoundError) throw new ApiError("NotFound", error.message);
    if ((error as { code?: string }).code === "23505")
      throw new ApiError("InvalidRequest", "an exchange source of that name exists already");
    throw error;
  }
}

export const listExchangeSources = defineRoute({
  method: "GET",
  url: "/v1/exchange/sources",
  summary: "Partners' feeds pulled from: checkpoint, entries applied, last run and its error",
  scope: "exchange:write",
  responses: { 200: z.object({ sources: z.array(SourceView) }) },
  async handler(ctx) {
    return { sources: await ctx.exchange.sourceViews() };
  },
});

export const postExchangeSource = defineRoute({
  method: "POST",
  url: "/v1/exchange/sources",
  summary: "Pull a partner's feed into a local bank (review-only unless trust is automatic)",
  scope: "exchange:write",
  body: z.strictObject({
    name: Name,
    feed_url: z.string().max(2000),
    api_key: z.string().min(1).max(500),
    public_key_pem: z.string().max(2000),
    bank: Name,
    trust: z.enum(EXCHANGE_TRUSTS).default("review"),
  }),
  responses: { 201: z.object({ name: z.string() }) },
  async handler(ctx, { body, caller, reply }) {
    await exchangeCall(() =>
      ctx.exchange.addSource({
        name: body.name,
        feedUrl: body.feed_url,
        apiKey: body.api_key,
        publicKeyPem: body.public_key_pem,
        bank: body.bank,
        trust: body.trust,
      }),
    );
    await ctx.repos.audit.append({
      actor: caller.actor,
      action: "exchange.add_source",
      targetType: "exchange_source",
      targetId: body.name,
      detail: { bank: body.bank, trust: body.trust },
    });
    reply.status(201);
    return { name: body.name };
  },
});

export const pullExchangeSource = defineRoute({
  method: "POST",
  url: "/v1/exchange/sources/:name/pull",
  summary: "Pull a source now, from its checkpoint; a refused page stops the run and keeps the checkpoint",
  scope: "exchange:write",
  params: z.object({ name: Name }),
  responses: {
    200: z.object({
      pages: z.number(),
      confirmed: z.number(),
      withdrawn: z.number(),
      cursor: z.string().nullable(),
    }),
  },
  async handler(ctx, { params }) {
    return exchangeCall(() => ctx.exchange.pull(params.name));
  },
});

const ShareParams = z.object({ partner: Name, bank: Name });

export const putExchangeShare = defineRoute({
  method: "PUT",
  url: "/v1/exchange/shares/:partner/:bank",
  summary: "Share a bank's confirmed entries with a partner (the name of its API key)",
  scope: "exchange:write",
  params: ShareParams,
  responses: { 200: z.object({ partner: z.string(), bank: z.string(), shared: z.boolean() }) },
  async handler(ctx, { params, caller }) {
    await exchangeCall(() => ctx.exchange.share(params.partner, params.bank));
    await ctx.repos.audit.append({
      actor: caller.actor,
      action: "exchange.share",
      targetType: "bank",
      targetId: params.bank,
      detail: { partner: params.partner },
    });
    return { ...params, shared: true };
  },
});

export const deleteExchangeShare = defineRoute({
  method: "DELETE",
  url: "/v1/exchange/shares/:partner/:bank",
  summary: "Stop sharing a bank with a partner (what it already pulled stays with it)",
  scope: "exchange:write",
  params: ShareParams,
  responses: { 200: z.object({ partner: z.string(), bank: z.string(), shared: z.boolean() }) },
  async handler(ctx, { params, caller }) {
    await exchangeCall(() => ctx.exchange.unshare(params.partner, params.bank));
    await ctx.repos.audit.append({
      actor: caller.actor,
      action: "exchange.unshare",
      targetType: "bank",
      targetId: params.bank,
      detail: { partner: params.partner },
    });
    return { ...params, shared: false };
  },
});
