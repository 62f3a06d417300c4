/**
 * `vigil serve`: the whole service on the embedded defaults (PGlite in the
 * data folder, in-process queue, demo data on first start), or on PostgreSQL
 * with --database-url / DATABASE_URL. Stops cleanly on SIGINT/SIGTERM.
 */
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { seedDemo } from "../../demo/seed-service.js";
import { DEFAULT_PDQ_RADIUS } from "../../matching/index-types.js";
import { startServer } from "../../server.js";
import type { ServerConfig } from "../../server-context.js";
import { addStoreOptions } from "../open-store.js";

interface ServeOptions {
  data?: string;
  databaseUrl?: string;
  host: string;
  port: string;
  webhookUrl?: string;
  rules?: string;
  demo: boolean;
  batchSize: string;
  natsUrl?: string;
  role?: "all" | "api" | "worker";
}

export function serverConfig(options: ServeOptions): ServerConfig {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got ${options.port}`);
  return {
    host: options.host,
    port,
    dataDir: resolve(options.data ?? process.env.VIGIL_DATA_DIR ?? "vigil-data"),
    databaseUrl: options.databaseUrl ?? (process.env.DATABASE_URL || undefined),
    webhookUrl: options.webhookUrl ?? (process.env.VIGIL_WEBHOOK_URL || undefined),
    webhookSecret: process.env.VIGIL_WEBHOOK_SECRET,
    bodyLimitBytes: 10 * 1024 * 1024,
    mediaLimitBytes: 50 * 1024 * 1024,
    pdqRadius: DEFAULT_PDQ_RADIUS,
    rulesFile: options.rules,
    batchSize: Number(options.batchSize),
    natsUrl: options.natsUrl ?? (process.env.VIGIL_NATS_URL || undefined),
    role: options.role ?? "all",
    demo: options.demo,
    exposureSoftLimit: Number(process.env.VIGIL_EXPOSURE_SOFT_LIMIT) || undefined,
  };
}

export function registerServeCommand(program: Command): void {
  addStoreOptions(
    program
      .command("serve")
      .description("run the Vigil service (HTTP API, pipeline, webhooks)")
      .option("--host <host>", "address to listen on", "127.0.0.1")
      .option("--port <port>", "port to listen on (0: any free port)", process.env.PORT ?? "8080")
      .option(
        "--webhook-url <url>",
        "where actions are sent (default: $VIGIL_WEBHOOK_URL); secret from $VIGIL_WEBHOOK_SECRET",
      )
      .option("--rules <file>", "rule set file (default: the shipped rules/default.json)")
      .option("--no-demo", "do not seed the demo bank, key and groups into an empty database")
      .option("--batch-size <n>", "events per decision transaction", "2000")
      .option(
        "--nats-url <url>",
        "NATS JetStream for the event queue (default: $VIGIL_NATS_URL; else in-process)",
      )
      .addOption(
        new Option("--role <role>", "api: intake only; worker: decide and deliver; all: both")
          .choices(["all", "api", "worker"])
          .default("all"),
      ),
  ).action(async (options: ServeOptions) => {
    const config = serverConfig(options);
    if (config.webhookUrl && !config.webhookSecret) {
      throw new Error(
        "VIGIL_WEBHOOK_SECRET must be set when a webhook URL is configured (webhooks are signed)",
      );
    }
    const server = await startServer(config);
    if (config.demo) {
      const seeded = await seedDemo(server.ctx);
      if (seeded) {
        process.stdout.write(
          `Demo data loaded: bank "demo", 3 groups (one photo matches the bank).\n` +
            `Demo API key (shown once): ${seeded.apiKey}\n` +
            `  curl -H "Authorization: Bearer ${seeded.apiKey}" ${server.url}/v1/cases\n`,
        );
      }
    }
    process.stdout.write(`Vigil is listening on ${server.url} (OpenAPI: ${server.url}/openapi.json)\n`);
    await new Promise<void>((done) => {
      const stop = () => {
        server.close().then(done, done);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
  });
}
