/**
 * Builds the Fastify app from the route list. Each request, in order: the
 * client address's rate, then (onRequest, before a byte of the body is read)
 * the API key or session, its scope or role and the caller's rate; the body
 * is parsed within the route's size limit, its text and nesting checked
 * (request-text-guard.ts), then zod validates body/query/params. One error
 * shape (errors.ts) for everything that can go wrong, including what Fastify
 * and Node refuse themselves (framework-errors.ts).
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from "fastify";
import type { AppContext } from "../app/context.js";
import { UnstorableTextError } from "../domain/storable-text.js";
import { EventBatchRejected } from "../intake/intake-errors.js";
import { issueDetails } from "../intake/zod-issues.js";
import { CaseConflictError, CaseNotFoundError } from "../store/repositories/case-repository.js";
import { isStorageFull } from "../store/storage-health.js";
import { Authenticator } from "./auth.js";
import { SessionAuthenticator } from "./console-session.js";
import { registerConsoleStatic } from "./console-static.js";
import { requestFailureLogger } from "./error-log.js";
import { ApiError } from "./errors.js";
import { clientErrorHandler, frameworkErrors, MethodTable, NOSNIFF } from "./framework-errors.js";
import { DEFAULT_API_LIMITS, JSON_BODY_LIMIT_BYTES, NO_BODY_LIMIT_BYTES } from "./limits.js";
import { mediaErrorToApi } from "./media-errors.js";
import { addressKey, RateLimiter } from "./rate-limiter.js";
import { RefusalAudit } from "./refusal-audit.js";
import { checkRequestText, unstorableToApi } from "./request-text-guard.js";
import type { AnyRoute, Caller } from "./route.js";

const EXPECTED_503 = new Set(["DecoderBusy", "StorageFull"]);

const PUBLIC: Caller = { actor: "anonymous", scopes: new Set() };

function fastifyErrorToApi(error: FastifyError): ApiError {
  if (error instanceof ApiError) return error;
  const media = mediaErrorToApi(error);
  if (media) return media;
  if (error instanceof UnstorableTextError) return unstorableToApi(error.problem);
  if (error instanceof CaseNotFoundError) return new ApiError("NotFound", error.message);
  if (error instanceof CaseConflictError) return new ApiError("CaseConflict", error.message);
  if (error instanceof EventBatchRejected) return new ApiError(error.code, error.message, error.details);
  const status = error.statusCode ?? 500;
  if (status === 413) return new ApiError("PayloadTooLarge", "the body is larger than this route accepts");
  if (status === 415) return new ApiError("UnsupportedMediaType", "send the body as application/json");
  if (error instanceof SyntaxError && /prototype property/.test(error.message)) {
    return new ApiError(
      "MalformedJson",
      "the body has a __proto__ or constructor.prototype key; these are refused",
    );
  }
  if (error.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error instanceof SyntaxError) {
    // The parser's message quotes the body; say that it failed, not what it read.
    return new ApiError("MalformedJson", "the body is not valid JSON");
  }
  if (error.code === "FST_ERR_CTP_EMPTY_JSON_BODY")
    return new ApiError("MalformedJson", "the JSON body is empty");
  if (status >= 400 && status < 500) return new ApiError("InvalidRequest", error.message.slice(0, 200));
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

/** The route's pattern for logs and audit rows: never the URL, whose query string may carry personal data. */
function routeOf(request: FastifyRequest): string {
  return request.is404 ? "(no route)" : (request.routeOptions.url ?? "(no route)");
}

export async function buildApp(ctx: AppContext, routes: AnyRoute[]): Promise<FastifyInstance> {
  const limits = { ...DEFAULT_API_LIMITS, ...ctx.config.limits };
  const app = Fastify({
    bodyLimit: Math.min(JSON_BODY_LIMIT_BYTES, ctx.config.bodyLimitBytes),
    // Every request gets an id for logs; the client's own X-Request-Id is kept when sent.
    requestIdHeader: "x-request-id",
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    routerOptions: { maxParamLength: limits.maxParamLength },
    http: {
      maxHeaderSize: limits.maxHeaderBytes,
      // Node refuses a headers timeout longer than the request timeout (0: none).
      headersTimeout:
        limits.requestTimeoutMs > 0
          ? Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs)
          : limits.headersTimeoutMs,
    },
    clientErrorHandler,
    frameworkErrors,
  });
  const auth = new Authenticator(ctx.repos.apiKeys);
  const sessions = new SessionAuthenticator(ctx.repos.sessions);
  const perAddress = new RateLimiter(limits.perAddressPerMinute);
  const perCaller = new RateLimiter(limits.perKeyPerMinute);
  const refusals = new RefusalAudit(ctx.repos.audit, limits.refusalAudit);
  const logFailure = requestFailureLogger(ctx.log);
  const callers = new WeakMap<FastifyRequest, Caller>();
  const methods = new MethodTable();

  function refuseRate(
    verdict: ReturnType<RateLimiter["take"]>,
    reply: { header(k: string, v: string): unknown },
  ) {
    if (verdict.ok) return;
    reply.header("retry-after", String(verdict.retryAfterSeconds));
    throw new ApiError("TooManyRequests", `too many requests; retry in ${verdict.retryAfterSeconds} s`);
  }

  function notFound(request: FastifyRequest): ApiError {
    const allowed = methods.allowed(request.url);
    if (allowed.length === 0)
      return new ApiError("NotFound", `no route ${request.method} ${routeOf(request)}`);
    return new ApiError(
      "MethodNotAllowed",
      `${request.method} is not allowed here; use ${allowed.join(", ")}`,
      [{ allow: allowed }],
    );
  }

  app.addHook("onRoute", (route) => {
    methods.add(route.url, route.method);
  });
  // Only JSON and multipart uploads are spoken; text/plain would reach routes as a string.
  app.removeContentTypeParser("text/plain");
  app.addHook("onSend", async (_request, reply, payload) => {
    reply.header(...NOSNIFF);
    return payload;
  });
  app.addHook("onRequest", async (request, reply) => {
    refuseRate(perAddress.take(addressKey(request.ip)), reply);
    // An unknown path is answered before its body is read.
    if (request.is404) {
      const error = notFound(request);
      if (error.code === "MethodNotAllowed") reply.header("allow", methods.allowed(request.url).join(", "));
      throw error;
    }
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const apiError = storageFullToApi(error, routeOf(request)) ?? fastifyErrorToApi(error);
    // Refusals by design (a busy decoder, a full disk, logged once per interval by ctx.storage) are not failures.
    if (apiError.status >= 500 && !EXPECTED_503.has(apiError.code))
      logFailure(error, request, apiError.status, routeOf(request));
    if (apiError.retryAfterSeconds !== undefined)
      reply.header("retry-after", String(apiError.retryAfterSeconds));
    if (apiError.status === 401 || apiError.status === 403 || apiError.status === 429) {
      const actor = apiError.actor ?? callers.get(request)?.actor;
      const audited =
        apiError.status !== 429 &&
        (await refusals.record({
          actor,
          address: request.ip,
          method: request.method,
          route: routeOf(request),
          status: apiError.status,
          error: apiError.code,
        }));
      ctx.metrics.requestsRefused.inc({
        status: String(apiError.status),
        error: apiError.code,
        audited: audited ? "yes" : "no",
      });
    }
    return reply.status(apiError.status).send(apiError.body());
  });
  function storageFullToApi(error: unknown, route: string): ApiError | null {
    if (!isStorageFull(error)) return null;
    ctx.storage.reportFull(route, error);
    return new ApiError(
      "StorageFull",
      "the server's disk is full; nothing was stored, retry later",
    ).retryAfter(ctx.storage.retryAfterSeconds);
  }
  app.setNotFoundHandler(async (request) => {
    throw notFound(request);
  });

  await app.register(import("@fastify/multipart"), {
    // One file in the field `file` (api/uploaded-file.ts); the limits stop a stream of parts early.
    limits: { fileSize: ctx.config.mediaLimitBytes, files: 2, fields: 1, parts: 3, headerPairs: 20 },
  });

  registerConsoleStatic(app);
  for (const route of routes) {
    const bodyLimit = route.bodyLimit === "intake" ? ctx.config.bodyLimitBytes : route.bodyLimit;
    app.route({
      method: route.method,
      url: route.url,
      bodyLimit: Math.min(
        bodyLimit ?? (route.body ? JSON_BODY_LIMIT_BYTES : NO_BODY_LIMIT_BYTES),
        ctx.config.bodyLimitBytes,
      ),
      // Who is asking, before the body is read: a refused caller never gets a byte of it parsed.
      onRequest: async (request, reply) => {
        const caller = route.scope
          ? await auth.authenticate(request.headers.authorization, route.scope)
          : route.permission
            ? await sessions.authenticate(request, route.permission)
            : PUBLIC;
        callers.set(request, caller);
        if (caller !== PUBLIC) refuseRate(perCaller.take(caller.actor), reply);
      },
      preValidation: async (request) => {
        checkRequestText(request);
      },
      handler: async (request, reply) => {
        const input = {
          body: parse(route.body as never, request.body, "body"),
          query: parse(route.query as never, request.query, "query"),
          params: parse(route.params as never, request.params, "params"),
          caller: callers.get(request) ?? PUBLIC,
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
