/**
 * One endpoint = one file that exports a Route: its method, path, scope,
 * zod schemas and handler. Validation, the OpenAPI document and auth all come
 * from this one description (api/openapi.ts, api/app.ts).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { AppContext } from "../server-context.js";
import type { ApiScope } from "../store/schema.js";

export interface Caller {
  /** `key:<name>` (the API key's name); recorded as the actor of what the caller does. */
  actor: string;
  scopes: ReadonlySet<ApiScope>;
}

export interface HandlerInput<Body, Query, Params> {
  body: Body;
  query: Query;
  params: Params;
  caller: Caller;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface Route<Body = unknown, Query = unknown, Params = unknown> {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Fastify syntax (`/v1/cases/:id/claim`); OpenAPI gets `{id}`. */
  url: string;
  summary: string;
  /** Null: public (health, OpenAPI). */
  scope: ApiScope | null;
  body?: z.ZodType<Body>;
  query?: z.ZodType<Query>;
  params?: z.ZodType<Params>;
  /** Status -> schema, for the OpenAPI document. */
  responses: Record<number, z.ZodType>;
  /** A non-JSON request body (multipart upload), documented as such. */
  consumes?: string;
  handler(ctx: AppContext, input: HandlerInput<Body, Query, Params>): Promise<unknown>;
}

/** Keeps each route's generic types while collecting them in one list. */
export function defineRoute<Body, Query, Params>(
  route: Route<Body, Query, Params>,
): Route<Body, Query, Params> {
  return route;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds routes of every shape; each is checked where defined.
export type AnyRoute = Route<any, any, any>;
