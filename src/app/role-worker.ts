/** `vigil serve --role worker`: decides queued events, delivers the outbox, runs bulk batches, retention, crawls and CyberTipline sends (app/worker-jobs.ts); serves health and metrics over HTTP. */
import type { ServerConfig } from "./context.js";
import { type RunningServer, type ServerOverrides, startServer } from "./start.js";

export function startWorkerRole(
  config: Omit<ServerConfig, "role">,
  overrides?: ServerOverrides,
): Promise<RunningServer> {
  return startServer({ ...config, role: "worker" }, overrides);
}
