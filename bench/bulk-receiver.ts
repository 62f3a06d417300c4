/**
 * A lean platform endpoint for the bulk benchmark: verifies each webhook's signature, answers
 * 200 at once (keep-alive), and counts deliveries per idempotency key so the benchmark can say
 * that every account was acted on exactly once.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { WebhookPayload } from "../src/enforce/webhook-payload.js";
import { verifyWebhookSignature } from "../src/enforce/webhook-signature.js";

export interface CountingReceiver {
  url: string;
  /** Acknowledged deliveries per action kind, counting each idempotency key once. */
  byAction(): Record<string, number>;
  /** Subjects acted on per action kind (a subject twice under one kind is a duplicate too). */
  subjects(action: string): Set<string>;
  requests: () => number;
  duplicates: () => number;
  badSignatures: () => number;
  close(): Promise<void>;
}

export async function startCountingReceiver(secret: string): Promise<CountingReceiver> {
  const seen = new Set<string>();
  const perAction = new Map<string, Set<string>>();
  let requests = 0;
  let duplicates = 0;
  let badSignatures = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests++;
      const raw = Buffer.concat(chunks);
      if (!verifyWebhookSignature(secret, req.headers["vigil-signature"], raw).ok) {
        badSignatures++;
        res.writeHead(401).end();
        return;
      }
      const payload = JSON.parse(raw.toString("utf8")) as WebhookPayload;
      if (seen.has(payload.idempotency_key)) duplicates++;
      else {
        seen.add(payload.idempotency_key);
        const subjects = perAction.get(payload.action) ?? new Set<string>();
        perAction.set(payload.action, subjects);
        if (subjects.has(payload.subject.id)) duplicates++;
        subjects.add(payload.subject.id);
      }
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    byAction: () => Object.fromEntries([...perAction].map(([k, v]) => [k, v.size])),
    subjects: (action) => perAction.get(action) ?? new Set(),
    requests: () => requests,
    duplicates: () => duplicates,
    badSignatures: () => badSignatures,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface ReceiverStats {
  byAction: Record<string, number>;
  requests: number;
  duplicates: number;
  badSignatures: number;
}

/**
 * The receiver in its own process, as a platform's endpoint would be: the benchmark then
 * measures Vigil's side, not one event loop shared by sender and receiver.
 */
export async function startReceiverProcess(
  secret: string,
): Promise<{ url: string; stats(): Promise<ReceiverStats>; close(): Promise<void> }> {
  const { fork } = await import("node:child_process");
  const child = fork(new URL("./bulk-receiver-main.js", import.meta.url), [], {
    env: { ...process.env, VIGIL_BENCH_RECEIVER_SECRET: secret },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = () =>
    new Promise<unknown>((resolve, reject) => {
      child.once("message", resolve);
      child.once("exit", (code) => reject(new Error(`receiver exited with ${code}`)));
    });
  const { url } = (await next()) as { url: string };
  return {
    url,
    async stats() {
      const answer = next();
      child.send("stats");
      return (await answer) as ReceiverStats;
    },
    async close() {
      child.kill();
    },
  };
}
