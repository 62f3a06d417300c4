/** `startServer` on a fresh embedded database and a free port, quiet, for in-process service tests. */
import pino from "pino";
import type { ServerConfig } from "../../src/app/context.js";
import { type RunningServer, type ServerOverrides, startServer } from "../../src/app/start.js";
import { serverConfig } from "../../src/cli/commands/serve.js";
import { embeddedTestDatabase, type TestDatabase } from "./databases.js";

export interface TestServer {
  server: RunningServer;
  target: TestDatabase;
  close(): Promise<void>;
}

export async function startTestServer(
  overrides: Partial<ServerConfig> = {},
  serverOverrides: ServerOverrides = {},
): Promise<TestServer> {
  const target = await embeddedTestDatabase();
  const config = {
    ...serverConfig({
      data: target.options.dataDir,
      host: "127.0.0.1",
      port: "0",
      demo: false,
      batchSize: "500",
    }),
    databaseUrl: undefined,
    ...overrides,
  };
  const server = await startServer(config, { log: pino({ level: "silent" }), ...serverOverrides });
  return {
    server,
    target,
    async close() {
      await server.close();
      await target.dispose();
    },
  };
}
