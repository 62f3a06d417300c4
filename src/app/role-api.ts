/** `vigil serve --role api`: the HTTP API and console; intake publishes to JetStream and workers decide (PostgreSQL and NATS required). */
import type { ServerConfig } from "./context.js";
import { type RunningServer, type ServerOverrides, startServer } from "./start.js";

export function startApiRole(
  config: Omit<ServerConfig, "role">,
  overrides?: ServerOverrides,
): Promise<RunningServer> {
  return startServer({ ...config, role: "api" }, overrides);
}
