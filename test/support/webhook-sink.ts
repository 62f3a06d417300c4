/**
 * A platform's webhook endpoint for end-to-end tests: verifies Vigil-Signature
 * with node:crypto (independently of Vigil's code), can fail the first N
 * requests, and records what it accepted.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  body: Record<string, unknown>;
  raw: string;
  signatureValid: boolean;
  idempotencyKey: string | undefined;
}

export interface WebhookSink {
  url: string;
  /** Requests answered 200, re-sent copies included. */
  accepted: ReceivedWebhook[];
  /**
   * What a platform following the webhook contract acts on: the first accepted request per
   * Idempotency-Key. A sender killed between the receiver's 200 and recording it re-sends the
   * same action with the same key after its lease; the receiver absorbs that copy.
   */
  applied: ReceivedWebhook[];
  /** Accepted copies of an Idempotency-Key already applied. */
  resent: ReceivedWebhook[];
  /** Every request, including the failed ones. */
  attempts: number;
  waitFor(count: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

function verify(secret: string, header: string | undefined, raw: string): boolean {
  const parts = Object.fromEntries((header ?? "").split(",").map((p) => p.split("=", 2) as [string, string]));
  if (!parts.t || !parts.v1) return false;
  const expected = createHmac("sha256", secret).update(`${parts.t}.${raw}`).digest();
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startWebhookSink(secret: string, failFirst = 0): Promise<WebhookSink> {
  const sink = { accepted: [] as ReceivedWebhook[], attempts: 0 };
  const appliedByKey = new Map<string, ReceivedWebhook>();
  const resent: ReceivedWebhook[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      sink.attempts++;
      if (sink.attempts <= failFirst) {
        res.writeHead(503).end("try later");
        return;
      }
      const raw = Buffer.concat(chunks).toString("utf8");
      const received: ReceivedWebhook = {
        body: JSON.parse(raw) as Record<string, unknown>,
        raw,
        signatureValid: verify(secret, req.headers["vigil-signature"] as string | undefined, raw),
        idempotencyKey: req.headers["idempotency-key"] as string | undefined,
      };
      sink.accepted.push(received);
      const key = received.idempotencyKey ?? `(no key) ${sink.accepted.length}`;
      if (appliedByKey.has(key)) resent.push(received);
      else appliedByKey.set(key, received);
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/vigil`,
    get accepted() {
      return sink.accepted;
    },
    get applied() {
      return [...appliedByKey.values()];
    },
    get resent() {
      return resent;
    },
    get attempts() {
      return sink.attempts;
    },
    async waitFor(count, timeoutMs) {
      const until = Date.now() + timeoutMs;
      while (appliedByKey.size < count) {
        if (Date.now() > until)
          throw new Error(`waited ${timeoutMs} ms for ${count} webhooks, got ${appliedByKey.size}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
