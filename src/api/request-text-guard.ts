/**
 * Every request's parsed body, query and path parameters are checked for text
 * the database cannot store and for hostile nesting before any route sees
 * them (domain/storable-text.ts, the same check the store repeats as its last
 * guard): `UnstorableText` or `JsonTooDeep`, 400, with the path, for every
 * route alike. A batch with one such event is refused whole, like any invalid
 * batch.
 */
import type { FastifyRequest } from "fastify";
import { findUnstorable, UNSTORABLE_MESSAGES, type UnstorableText } from "../domain/storable-text.js";
import { ApiError } from "./errors.js";

export function unstorableToApi(problem: UnstorableText): ApiError {
  const message = UNSTORABLE_MESSAGES[problem.reason];
  return new ApiError(
    problem.reason === "too_deep" ? "JsonTooDeep" : "UnstorableText",
    `${problem.path} ${message}`,
    [{ path: problem.path, message, code: problem.reason }],
  );
}

export function checkRequestText(request: FastifyRequest): void {
  for (const [where, value] of [
    ["params", request.params],
    ["query", request.query],
    ["body", request.body],
  ] as const) {
    const problem = findUnstorable(value, where);
    if (problem) throw unstorableToApi(problem);
  }
}
