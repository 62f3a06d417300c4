/**
 * How much one client may ask of the API: requests per minute, how long a
 * request may take to arrive, header and parameter sizes, and body sizes by
 * kind of route. The defaults leave room for the 2,000 events/s intake
 * (batches of 500 to 1,000 events) and the test suite; operators tighten them
 * with VIGIL_RATE_PER_KEY, VIGIL_RATE_PER_ADDRESS (requests per minute, 0: off)
 * and VIGIL_REQUEST_TIMEOUT_MS (`vigil serve`).
 */
import { DEFAULT_REFUSAL_AUDIT_LIMITS, type RefusalAuditLimits } from "./refusal-audit.js";

export interface ApiLimits {
  /** Requests per minute per API key or console user (429 with Retry-After past it); 0: no limit. */
  perKeyPerMinute: number;
  /** Requests per minute per client address, counted before authentication; 0: no limit. */
  perAddressPerMinute: number;
  /** The whole request, headers and body, must arrive within this (slow clients get 408). */
  requestTimeoutMs: number;
  /** The headers must arrive within this. */
  headersTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Request line and headers together (431 past it). */
  maxHeaderBytes: number;
  /** One path parameter, decoded (414 UriTooLong past it). */
  maxParamLength: number;
  /** Audit rows for refused (401/403) requests. */
  refusalAudit: RefusalAuditLimits;
}

export const DEFAULT_API_LIMITS: ApiLimits = {
  perKeyPerMinute: 6_000,
  perAddressPerMinute: 12_000,
  requestTimeoutMs: 120_000,
  headersTimeoutMs: 20_000,
  keepAliveTimeoutMs: 72_000,
  maxHeaderBytes: 16 * 1024,
  maxParamLength: 500,
  refusalAudit: DEFAULT_REFUSAL_AUDIT_LIMITS,
};

/**
 * Body size of a route, when it does not declare its own: a JSON body the
 * route does not describe is refused past a few kilobytes, described bodies
 * (decisions, settings, sign-in) past a mebibyte; intake routes declare
 * `bodyLimit: "intake"` for the configured intake limit (`bodyLimitBytes`, 10 MiB in
 * `vigil serve`), which also caps every other route.
 */
export const NO_BODY_LIMIT_BYTES = 4 * 1024;
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;
