/**
 * The `Vigil-Signature` header of issue 4's public contract:
 *
 *   Vigil-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>
 *
 * The timestamp is inside the MAC, so a captured request cannot be replayed after the
 * receiver's tolerance. While a secret is being rotated Vigil signs with every active secret
 * and the header carries one `v1=` per secret; a receiver accepts the request when any of them
 * matches a secret it holds. Unknown schemes (a future `v2=`) are ignored so receivers keep
 * working when one is added. This is the layout of Stripe's `Stripe-Signature`, which most
 * platforms already verify. Receivers must MAC the raw body bytes, never re-serialised JSON.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Vigil-Signature";
/** How far a timestamp may be from the receiver's clock, either way, by default. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** A shared secret as configured (`VIGIL_WEBHOOK_SECRET`) or as raw bytes. */
export type WebhookSecret = string | Uint8Array;

export type SignatureFailure =
  | "missing_header"
  | "malformed_header"
  | "no_v1_signature"
  | "signature_mismatch"
  | "timestamp_too_old"
  | "timestamp_in_future";

export type SignatureVerification =
  | { ok: true; timestamp: number }
  | { ok: false; reason: SignatureFailure; message: string };

export interface VerifyOptions {
  /** Accepted clock difference in seconds (default 300); `Infinity` disables the check. */
  toleranceSeconds?: number;
  /** The receiver's clock (default: the current time). */
  now?: Date;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;
const UNIX_SECONDS = /^\d{1,12}$/;

/** Hex HMAC-SHA256 of `"<t>.<body>"`: the `v1` value for one secret. */
export function computeV1Signature(
  secret: WebhookSecret,
  body: string | Uint8Array,
  unixSeconds: number,
): string {
  return macBytes(secret, body, unixSeconds).toString("hex");
}

/**
 * The header value for `body` sent at `unixSeconds`: `t=<t>,v1=<hex>`, with one `v1` per
 * secret when several are given (rotation: newest first by convention).
 */
export function signWebhook(
  secret: WebhookSecret | readonly WebhookSecret[],
  body: string | Uint8Array,
  unixSeconds: number,
): string {
  if (!Number.isSafeInteger(unixSeconds) || unixSeconds < 0) {
    throw new RangeError(`signature timestamp must be whole non-negative unix seconds, got ${unixSeconds}`);
  }
  const secrets = secretList(secret);
  if (secrets.length === 0) throw new RangeError("at least one webhook secret is needed to sign");
  for (const s of secrets) {
    if (s.length === 0) throw new RangeError("a webhook secret must not be empty");
  }
  const parts = secrets.map((s) => `v1=${computeV1Signature(s, body, unixSeconds)}`);
  return [`t=${unixSeconds}`, ...parts].join(",");
}

/**
 * Checks a received header against the raw body with one or several secrets (a receiver
 * rotating its secret holds both). Comparison is constant-time per candidate; the reason on
 * failure is machine-readable, the message is for logs.
 */
export function verifyWebhookSignature(
  secret: WebhookSecret | readonly WebhookSecret[],
  header: string | readonly string[] | null | undefined,
  body: string | Uint8Array,
  options: VerifyOptions = {},
): SignatureVerification {
  const raw = typeof header === "string" ? header : header ? header.join(",") : "";
  if (raw.trim() === "") return fail("missing_header", `no ${SIGNATURE_HEADER} header`);
  const parsed = parseSignatureHeader(raw);
  if ("error" in parsed) return fail("malformed_header", parsed.error);
  if (parsed.v1.length === 0) return fail("no_v1_signature", "the header has no well-formed v1 signature");

  const candidates = parsed.v1.map((hex) => Buffer.from(hex, "hex"));
  let matched = false;
  for (const s of secretList(secret)) {
    const expected = macBytes(s, body, parsed.timestamp);
    for (const candidate of candidates) {
      // Both are 32 bytes (checked by the pattern), as timingSafeEqual requires.
      if (timingSafeEqual(expected, candidate)) matched = true;
    }
  }
  if (!matched) {
    return fail("signature_mismatch", "no v1 signature matches the body with the configured secret(s)");
  }

  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const skew = nowSeconds - parsed.timestamp;
  if (skew > tolerance) {
    return fail("timestamp_too_old", `signed ${skew} s ago, more than the ${tolerance} s tolerated`);
  }
  if (-skew > tolerance) {
    return fail(
      "timestamp_in_future",
      `signed ${-skew} s in the future, more than the ${tolerance} s tolerated`,
    );
  }
  return { ok: true, timestamp: parsed.timestamp };
}

/** `t` and the well-formed `v1` values; other schemes are skipped, malformed `v1` values too. */
function parseSignatureHeader(header: string): { timestamp: number; v1: string[] } | { error: string } {
  let timestamp: number | null = null;
  const v1: string[] = [];
  for (const item of header.split(",")) {
    const part = item.trim();
    if (part === "") continue;
    const eq = part.indexOf("=");
    if (eq <= 0) return { error: `"${part.slice(0, 40)}" is not key=value` };
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t") {
      if (timestamp !== null) return { error: "more than one t=" };
      if (!UNIX_SECONDS.test(value)) return { error: "t= is not unix seconds" };
      timestamp = Number(value);
    } else if (key === "v1" && HEX_SHA256.test(value)) {
      v1.push(value.toLowerCase());
    }
  }
  if (timestamp === null) return { error: "no t= timestamp" };
  return { timestamp, v1 };
}

function macBytes(secret: WebhookSecret, body: string | Uint8Array, unixSeconds: number): Buffer {
  // Feeding "<t>." then the body equals MACing their concatenation, without copying the body.
  return createHmac("sha256", secret).update(`${unixSeconds}.`).update(body).digest();
}

function secretList(secret: WebhookSecret | readonly WebhookSecret[]): readonly WebhookSecret[] {
  return typeof secret === "string" || secret instanceof Uint8Array ? [secret] : secret;
}

function fail(reason: SignatureFailure, message: string): SignatureVerification {
  return { ok: false, reason, message };
}
