/**
 * Builds the Fastify app from the route list: auth by scope, zod validation of
 * body/query/params, and one error shape (errors.ts) for everything that can
 * go wrong, including what Fastify itself refuses (bad JSON, oversized body).
 */
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { EventBatchRejected } from "../intake/intake-errors.js";
import { issueDetails } from "../intake/zod-issues.js";
import type { AppContext } from "../server-context.js";
import { CaseConflictError, CaseNotFoundError } from "../store/repositories/case-repository.js";
import { Authenticator } from "./auth.js";
import { SessionAuthenticator } from "./console-session.js";
import { registerConsoleStatic } from "./console-static.js";
import { ApiError } from "./errors.js";
import { mediaErrorToApi } from "./media-errors.js";
import type { AnyRoute, Caller } from "./route.js";

const PUBLIC: Caller = { actor: "anonymous", scopes: new Set() };

function fastifyErrorToApi(error: FastifyError): ApiError {
  if (error instanceof ApiError) return error;
  const media = mediaErrorToApi(error);
  if (media) return media;
  if (error instanceof CaseNotFoundError) return new ApiError("NotFound", error.message);
  if (error instanceof CaseConflictError) return new ApiError("CaseConflict", error.message);
  if (error instanceof EventBatchRejected) return new ApiError(error.code, error.message, error.details);
  const status = error.statusCode ?? 500;
  if (status === 413) return new ApiError("PayloadTooLarge", error.message);
  if (status === 415) return new ApiError("UnsupportedMediaType", error.message);
  if (error.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error instanceof SyntaxError) {
    return new ApiError("MalformedJson", `the body is not valid JSON: ${error.message}`);
  }
  if (error.code === "FST_ERR_CTP_EMPTY_JSON_BODY")
    return new ApiError("MalformedJson", "the JSON body is empty");
  if (status >= 400 && status < 500) return new ApiError("InvalidRequest", error.message);
  return new ApiError("Internal", "internal error");
}

function parse<T>(
  schema:
    | { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: never[] } } }
    | undefined,
  value: unknown,
  where: string,
): T {
  if (!schema) return value as T;
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    throw new ApiError("InvalidRequest", `invalid ${where}`, issueDetails(result.error.issues, [where]));
  }
  return result.data;
}

export async function buildApp(ctx: AppContext, routes: AnyRoute[]): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: ctx.config.bodyLimitBytes,
    // Every request gets an id for logs; the client's own X-Request-Id is kept when sent.
    requestIdHeader: "x-request-id",
  });
  const auth = new Authenticator(ctx.repos.apiKeys);
  const sessions = new SessionAuthenticator(ctx.repos.sessions);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const apiError = fastifyErrorToApi(error);
    if (apiError.status >= 500) ctx.log.error({ err: error, url: request.url }, "request failed");
    void reply.status(apiError.status).send(apiError.body());
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send(new ApiError("NotFound", `no route ${request.method} ${request.url}`).body());
  });

  await app.register(import("@fastify/multipart"), {
    limits: { fileSize: ctx.config.mediaLimitBytes, files: 1, fields: 10 },
  });

  registerConsoleStatic(app);
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      handler: async (request, reply) => {
        const caller = route.scope
          ? await auth.authenticate(request.headers.authorization, route.scope)
          : route.permission
            ? await sessions.authenticate(request, route.permission)
            : PUBLIC;
        const input = {
          body: parse(route.body as never, request.body, "body"),
          query: parse(route.query as never, request.query, "query"),
          params: parse(route.params as never, request.params, "params"),
          caller,
          request,
          reply,
        };
        const result = await route.handler(ctx, input);
        if (reply.sent) return reply;
        return result;
      },
    });
  }
  return app;
}
