/**
 * A platform's webhook endpoint for browser tests: answers 200 to every signed action Vigil
 * delivers and keeps the bodies, so a test can see what reached "the platform".
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface DeliveredAction {
  id: string;
  action: string;
  subject: { type: string; id: string };
  case_id: number | null;
  idempotency_key: string;
}

export interface WebhookReceiver {
  url: string;
  received: DeliveredAction[];
  /** Holds answers (the platform is slow) until `release`, so a test can see an action pending. */
  hold(): void;
  release(): void;
  /** Resolves once an action matching `match` has arrived. */
  waitFor(match: (a: DeliveredAction) => boolean, timeoutMs?: number): Promise<DeliveredAction>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: DeliveredAction[] = [];
  let gate: Promise<void> | null = null;
  let open = () => {};
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      if (gate) await gate;
      try {
        received.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as DeliveredAction);
      } catch {
        // Not an action: still acknowledged, not recorded.
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/vigil`,
    received,
    hold() {
      gate ??= new Promise<void>((resolve) => {
        open = resolve;
      });
    },
    release() {
      gate = null;
      open();
    },
    async waitFor(match, timeoutMs = 60_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find(match);
        if (found) return found;
        if (Date.now() > end) throw new Error(`no such delivery; received: ${JSON.stringify(received)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => {
      open();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
