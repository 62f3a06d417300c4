/**
 * A platform's webhook endpoint for tests: a real HTTP server on 127.0.0.1 that verifies
 * `Vigil-Signature`, records every request, and can fail or hang on the first N requests to
 * exercise retries. End-to-end tests start one, point VIGIL_WEBHOOK_URL at `url`, and wait.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { WebhookPayload } from "../../src/enforce/webhook-payload.js";
import {
  type SignatureVerification,
  verifyWebhookSignature,
  type WebhookSecret,
} from "../../src/enforce/webhook-signature.js";

export interface WebhookReceiverOptions {
  /** The secret(s) the receiver verifies with. */
  secret: WebhookSecret | readonly WebhookSecret[];
  /** Answer the first N requests with `failStatus` (default 0). */
  failFirst?: number;
  /** Default 500. */
  failStatus?: number;
  /** Never answer the first N requests; their sockets are destroyed by close() (default 0). */
  hangFirst?: number;
  /** Answer 401 to a request whose signature does not verify (default true, as a platform would). */
  rejectInvalid?: boolean;
  /** Signature timestamp tolerance (default 300 s). */
  toleranceSeconds?: number;
}

export interface ReceivedWebhook {
  /** 0-based order of arrival. */
  index: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The parsed body, or null when it was not JSON. */
  payload: WebhookPayload | null;
  verification: SignatureVerification;
  /** What the receiver answered; null for a request it left hanging. */
  status: number | null;
  receivedAt: Date;
}

export interface WebhookReceiver {
  url: string;
  /** Every request, in order of arrival. */
  readonly requests: readonly ReceivedWebhook[];
  /** The requests answered with 200 (acknowledged deliveries). */
  acknowledged(): ReceivedWebhook[];
  /** Resolves with the acknowledged deliveries once there are `count`; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  /** Like waitFor, counting every request whatever its answer. */
  waitForRequests(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(options: WebhookReceiverOptions): Promise<WebhookReceiver> {
  const requests: ReceivedWebhook[] = [];
  const waiters = new Set<() => void>();
  const hanging = new Set<ServerResponse>();
  const failFirst = options.failFirst ?? 0;
  const hangFirst = options.hangFirst ?? 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const index = requests.length;
      const verification = verifyWebhookSignature(options.secret, req.headers["vigil-signature"], raw, {
        toleranceSeconds: options.toleranceSeconds,
      });
      let status: number | null;
      if (index < hangFirst) status = null;
      else if (index < hangFirst + failFirst) status = options.failStatus ?? 500;
      else if (!verification.ok && options.rejectInvalid !== false) status = 401;
      else status = 200;
      requests.push({
        index,
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: raw.toString("utf8"),
        payload: parseJson(raw),
        verification,
        status,
        receivedAt: new Date(),
      });
      if (status === null) hanging.add(res);
      else
        res
          .writeHead(status, { "content-type": "text/plain" })
          .end(status === 200 ? "ok" : `refused ${index}`);
      for (const wake of waiters) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const acknowledged = () => requests.filter((r) => r.status === 200);
  const waitUntil = (pick: () => ReceivedWebhook[], count: number, timeoutMs: number, what: string) =>
    new Promise<ReceivedWebhook[]>((resolve, reject) => {
      const check = () => {
        const got = pick();
        if (got.length < count) return;
        finish();
        resolve(got);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`waited ${timeoutMs} ms for ${count} ${what}; received ${summary(requests)}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  return {
    url: `http://127.0.0.1:${port}/vigil-webhook`,
    requests,
    acknowledged,
    waitFor: (count, timeoutMs = 5_000) =>
      waitUntil(acknowledged, count, timeoutMs, "acknowledged deliveries"),
    waitForRequests: (count, timeoutMs = 5_000) => waitUntil(() => requests, count, timeoutMs, "requests"),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parseJson(raw: Buffer): WebhookPayload | null {
  try {
    return JSON.parse(raw.toString("utf8")) as WebhookPayload;
  } catch {
    return null;
  }
}

function summary(requests: readonly ReceivedWebhook[]): string {
  if (requests.length === 0) return "nothing";
  return requests
    .map((r) => `#${r.index} ${r.status ?? "hung"}${r.verification.ok ? "" : ` (${r.verification.reason})`}`)
    .join(", ");
}
