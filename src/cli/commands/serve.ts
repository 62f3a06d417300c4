/**
 * `vigil serve`: the whole service on the embedded defaults (PGlite in the
 * data folder, in-process queue, demo data on first start), or on PostgreSQL
 * with --database-url / DATABASE_URL. Stops cleanly on SIGINT/SIGTERM.
 */
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import type { ServerConfig } from "../../app/context.js";
import { startAllRole } from "../../app/role-all.js";
import { startApiRole } from "../../app/role-api.js";
import { startWorkerRole } from "../../app/role-worker.js";
import { seedDemo } from "../../demo/seed-service.js";
import { DEFAULT_PDQ_RADIUS } from "../../matching/index-types.js";
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
  /** Commander sets it true unless --no-crawl; absent (tests building a config): no scheduler. */
  crawl?: boolean;
  crawlConfig?: string;
  maxLag?: string;
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
    maxLag: parseMaxLag(options.maxLag ?? process.env.VIGIL_MAX_LAG),
    crawl: crawlSchedulerConfig(options),
    limits: apiLimitsFromEnv(),
    decodeBudget: decodeBudgetFromEnv(),
    defaultCountry: process.env.VIGIL_DEFAULT_COUNTRY || "GB",
  };
}

/** Request limits an operator sets (api/limits.ts has the defaults and what each means). */
function apiLimitsFromEnv(): ServerConfig["limits"] {
  const limits: NonNullable<ServerConfig["limits"]> = {};
  const read = (name: string): number | undefined => {
    const raw = process.env[name];
    if (raw === undefined || raw === "") return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number >= 0, got ${raw}`);
    return n;
  };
  const perKey = read("VIGIL_RATE_PER_KEY");
  const perAddress = read("VIGIL_RATE_PER_ADDRESS");
  const timeout = read("VIGIL_REQUEST_TIMEOUT_MS");
  if (perKey !== undefined) limits.perKeyPerMinute = perKey;
  if (perAddress !== undefined) limits.perAddressPerMinute = perAddress;
  if (timeout !== undefined) limits.requestTimeoutMs = timeout;
  return limits;
}

/** VIGIL_DECODE_MEGAPIXELS, VIGIL_DECODE_CONCURRENCY, VIGIL_DECODE_WAIT_MS (media/decode-budget.ts has the defaults). */
function decodeBudgetFromEnv(): ServerConfig["decodeBudget"] {
  const budget: NonNullable<ServerConfig["decodeBudget"]> = {};
  const read = (name: string, least: number): number | undefined => {
    const raw = process.env[name];
    if (raw === undefined || raw === "") return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < least) throw new Error(`${name} must be a number >= ${least}, got ${raw}`);
    return n;
  };
  const megapixels = read("VIGIL_DECODE_MEGAPIXELS", 1);
  const concurrent = read("VIGIL_DECODE_CONCURRENCY", 1);
  const waitMs = read("VIGIL_DECODE_WAIT_MS", 0);
  if (megapixels !== undefined) budget.megapixels = megapixels;
  if (concurrent !== undefined) budget.concurrent = Math.floor(concurrent);
  if (waitMs !== undefined) budget.waitMs = waitMs;
  return budget;
}

/** The crawl scheduler: on with `vigil serve` unless --no-crawl or VIGIL_CRAWL=off (src/app/crawl.ts). */
function crawlSchedulerConfig(options: ServeOptions): ServerConfig["crawl"] {
  if (options.crawl !== true || process.env.VIGIL_CRAWL === "off") return undefined;
  const configFile = options.crawlConfig ?? (process.env.VIGIL_CRAWL_CONFIG || undefined);
  return {
    configFile: configFile ? resolve(configFile) : undefined,
    tickMs: Number(process.env.VIGIL_CRAWL_TICK_MS) || 60_000,
    networkAllowHosts: (process.env.VIGIL_CRAWL_ALLOW_HOSTS ?? "").split(",").filter(Boolean),
  };
}

/** Default backpressure limit: a few minutes of one worker's pace, small enough for the in-process queue's memory. */
export const DEFAULT_MAX_LAG = 1_000_000;

function parseMaxLag(raw: string | undefined): number {
  if (raw === undefined || raw === "") return DEFAULT_MAX_LAG;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--max-lag must be a whole number >= 0 (0: no limit), got ${raw}`);
  return n;
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
      .option(
        "--max-lag <events>",
        `answer 429 when this many accepted events are undecided (default: $VIGIL_MAX_LAG or ${DEFAULT_MAX_LAG}; 0: no limit)`,
      )
      .addOption(
        new Option("--role <role>", "api: intake only; worker: decide and deliver; all: both")
          .choices(["all", "api", "worker"])
          .default("all"),
      )
      .option(
        "--crawl-config <file>",
        "crawl sources run on their schedules (default: $VIGIL_CRAWL_CONFIG; else liveness re-checks only)",
      )
      .option(
        "--no-crawl",
        "no scheduled crawls or liveness re-checks in this process (also VIGIL_CRAWL=off)",
      ),
  ).action(async (options: ServeOptions) => {
    const config = serverConfig(options);
    if (config.webhookUrl && !config.webhookSecret) {
      throw new Error(
        "VIGIL_WEBHOOK_SECRET must be set when a webhook URL is configured (webhooks are signed)",
      );
    }
    const start = { all: startAllRole, api: startApiRole, worker: startWorkerRole }[config.role];
    const server = await start(config);
    const seeded = config.demo ? await seedDemo(server.ctx) : null;
    if (seeded) {
      process.stdout.write(
        `Demo data loaded: bank "demo", 3 groups (one photo matches the bank).\n` +
          `Demo API key (shown once): ${seeded.apiKey}\n` +
          `  curl -H "Authorization: Bearer ${seeded.apiKey}" ${server.url}/v1/cases\n` +
          `Console: ${server.url}/console/ — sign in as ${seeded.lead.email} ` +
          `with password ${seeded.lead.password} (a demo lead; shown once)\n`,
      );
    }
    process.stdout.write(`Vigil is listening on ${server.url} (OpenAPI: ${server.url}/openapi.json)\n`);
    // The demo video is made after listening (ffmpeg takes seconds); say when it is there, or why not.
    void seeded?.video.then((line) => process.stdout.write(`Demo video: ${line}.\n`));
    await new Promise<void>((done) => {
      const stop = () => {
        server.close().then(done, done);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
  });
}
