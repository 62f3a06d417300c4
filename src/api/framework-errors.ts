/**
 * What Fastify and Node's HTTP server refuse before a route runs, in the API's
 * one error shape (errors.ts) instead of theirs: a malformed request, headers
 * too large, a request too slow (clientError, written on the socket), a URL
 * that does not decode or a parameter too long (the router), and a known path
 * asked with the wrong method (405 with Allow, rather than a 404).
 */
import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { ApiError } from "./errors.js";

export const NOSNIFF = ["x-content-type-options", "nosniff"] as const;

function clientErrorToApi(error: NodeJS.ErrnoException): ApiError {
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT")
    return new ApiError("RequestTimeout", "the request did not arrive in time");
  if (error.code === "HPE_HEADER_OVERFLOW")
    return new ApiError("HeadersTooLarge", "the request line and headers are too large");
  return new ApiError("MalformedRequest", "the request is not valid HTTP/1.1");
}

/** Node's `clientError`: nothing of the request is trusted; answer once and close. */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const apiError = clientErrorToApi(error);
  const body = JSON.stringify(apiError.body());
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${apiError.status} ${STATUS_CODES[apiError.status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n${NOSNIFF[0]}: ${NOSNIFF[1]}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/** The router's own refusals (Fastify's `frameworkErrors`). */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const apiError =
    error.code === "FST_ERR_BAD_URL"
      ? new ApiError("MalformedUrl", "the URL's percent-encoding does not decode to text")
      : error.code === "FST_ERR_MAX_PARAM_LENGTH"
        ? new ApiError("UriTooLong", "a path parameter is too long")
        : new ApiError("Internal", "internal error");
  void reply
    .header(...NOSNIFF)
    .status(apiError.status)
    .send(apiError.body());
}

/** The methods each route pattern answers, to tell 405 (known path) from 404. */
export class MethodTable {
  private readonly routes: { pattern: RegExp; method: string }[] = [];

  add(url: string, methods: string | string[]): void {
    const source = url
      .split("/")
      .map((part) =>
        part.startsWith(":") ? "[^/]+" : part === "*" ? ".*" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
      )
      .join("/");
    const pattern = new RegExp(`^${source}/?$`);
    for (const method of [methods].flat()) this.routes.push({ pattern, method });
  }

  /** Methods allowed on this path (without its query string); empty if no route has the path. */
  allowed(url: string): string[] {
    const path = url.split("?", 1)[0];
    const methods = new Set<string>();
    for (const r of this.routes) if (r.pattern.test(path)) methods.add(r.method);
    return [...methods].sort();
  }
}
