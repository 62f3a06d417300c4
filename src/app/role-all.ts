/** `vigil serve` (role all, the embedded default): the API and the worker jobs in one process. */
import type { ServerConfig } from "./context.js";
import { type RunningServer, type ServerOverrides, startServer } from "./start.js";

export function startAllRole(
  config: Omit<ServerConfig, "role">,
  overrides?: ServerOverrides,
): Promise<RunningServer> {
  return startServer({ ...config, role: "all" }, overrides);
}
