/**
 * One endpoint = one file that exports a Route: its method, path, scope,
 * zod schemas and handler. Validation, the OpenAPI document and auth all come
 * from this one description (api/openapi.ts, api/app.ts).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { Permission } from "../access/roles.js";
import type { AppContext } from "../app/context.js";
import type { ApiScope, UserRole } from "../store/schema.js";

/** A person signed in to the console (routes with a `permission`). */
export interface ConsoleUser {
  id: number;
  email: string;
  name: string;
  role: UserRole;
}

export interface Caller {
  /** `key:<name>` (the API key's name) or `user:<email>`; recorded as the actor of what the caller does. */
  actor: string;
  scopes: ReadonlySet<ApiScope>;
  /** Set for console routes, which authenticate by session cookie instead of a key. */
  user?: ConsoleUser;
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
  /** Null: public (health, OpenAPI) or a console route (see `permission`). */
  scope: ApiScope | null;
  /**
   * Console routes: authenticated by the session cookie, and the user's role
   * must grant this permission (`signed_in`: any role). Used with `scope: null`.
   */
  permission?: Permission | "signed_in";
  body?: z.ZodType<Body>;
  query?: z.ZodType<Query>;
  params?: z.ZodType<Params>;
  /** Status -> schema, for the OpenAPI document. */
  responses: Record<number, z.ZodType>;
  /** A non-JSON request body (multipart upload), documented as such. */
  consumes?: string;
  /**
   * Largest body accepted (413 past it, before it is parsed): bytes, or `intake` for the
   * configured intake limit (event batches, bank entries, bulk targets). Default: 1 MiB when
   * the route has a `body` schema, 4 KiB otherwise (api/limits.ts). Uploads have their own limit.
   */
  bodyLimit?: number | "intake";
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
