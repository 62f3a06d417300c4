/** The outbox dispatcher, wired to the actions table and the configured webhook. */

import { createHmac } from "node:crypto";
import type { Logger } from "pino";
import type { ServerConfig } from "./server-context.js";
import type { ActionRepository } from "./store/repositories/action-repository.js";

export interface Delivery {
  wake(): void;
  stop(): Promise<void>;
}

export function startDelivery(config: ServerConfig, store: ActionRepository, log: Logger): Delivery {
  if (!config.webhookUrl) {
    log.warn("no webhook URL configured (VIGIL_WEBHOOK_URL): actions stay pending in the outbox");
    return { wake() {}, async stop() {} };
  }
  const url = config.webhookUrl;
  const secret = config.webhookSecret ?? "";
  const baseMs = Number(process.env.VIGIL_WEBHOOK_BACKOFF_MS ?? 1000);
  let stopped = false;
  let wakeUp: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      const due = await store.claimDue(new Date(), 20, 30_000).catch(() => []);
      for (const d of due) {
        const body = JSON.stringify({
          id: d.publicId,
          action: d.action,
          subject: d.subject,
          case_id: d.caseId,
          reason: d.reason,
          idempotency_key: d.idempotencyKey,
        });
        const t = Math.floor(Date.now() / 1000);
        const sig = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
        const attempts = d.attempts + 1;
        try {
          const res = await fetch(url, {
            method: "POST",
            body,
            headers: {
              "content-type": "application/json",
              "vigil-signature": `t=${t},v1=${sig}`,
              "idempotency-key": d.idempotencyKey,
            },
            signal: AbortSignal.timeout(10_000),
          });
          if (res.ok) await store.markDelivered(d.id, new Date(), attempts, res.status);
          else
            await store.markFailed(
              d.id,
              attempts,
              new Date(Date.now() + Math.random() * baseMs * 2 ** Math.min(attempts, 10)),
              `status ${res.status}`,
            );
        } catch (error) {
          await store.markFailed(
            d.id,
            attempts,
            new Date(Date.now() + Math.random() * baseMs * 2 ** Math.min(attempts, 10)),
            (error as Error).message,
          );
        }
      }
      if (due.length === 0)
        await new Promise<void>((resolve) => {
          wakeUp = resolve;
          setTimeout(resolve, 200);
        });
    }
  })();
  return {
    wake: () => wakeUp?.(),
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
