/**
 * The composition root: builds every dependency by hand from the
 * configuration, wires intake -> queue -> processor -> outbox -> webhooks, and
 * returns something a CLI or a test can start and stop. Pieces a test wants
 * to replace come in through `overrides`.
 */
import type { FastifyInstance } from "fastify";
import pino, { type Logger } from "pino";
import { buildApp } from "./api/app.js";
import { ROUTES } from "./api/index.js";
import { openApiDocument } from "./api/openapi.js";
import type { Decision, DecisionInput } from "./domain/decisions.js";
import { serviceMetrics } from "./metrics/service-metrics.js";
import type { EventQueue } from "./pipeline/event-queue.js";
import { InProcessQueue } from "./pipeline/in-process-queue.js";
import { JetStreamQueue } from "./pipeline/jetstream-queue.js";
import { LiveBankMatcher } from "./pipeline/live-bank-matcher.js";
import { EventProcessor } from "./pipeline/process-events.js";
import type { AppContext, Repositories, ServerConfig } from "./server-context.js";
import { type Delivery, startDelivery } from "./server-delivery.js";
import { loadDecide } from "./server-rules.js";
import { makeSecrets } from "./server-secrets.js";
import { defaultLexiconDir, defaultTextScorer, watchLexicons } from "./signals/text/index.js";
import type { VigilDb } from "./store/database.js";
import { openDatabase } from "./store/database.js";
import { ActionRepository } from "./store/repositories/action-repository.js";
import { ApiKeyRepository } from "./store/repositories/api-key-repository.js";
import { AuditRepository } from "./store/repositories/audit-repository.js";
import { BankRepository } from "./store/repositories/bank-repository.js";
import { CaseRepository } from "./store/repositories/case-repository.js";
import { ClaimRepository } from "./store/repositories/claim-repository.js";
import { EventRepository } from "./store/repositories/event-repository.js";
import { MediaRepository } from "./store/repositories/media-repository.js";
import { QueueRepository } from "./store/repositories/queue-repository.js";
import { RuleRepository } from "./store/repositories/rule-repository.js";
import { SessionRepository } from "./store/repositories/session-repository.js";
import { SubjectHistoryRepository } from "./store/repositories/subject-history-repository.js";
import { SubjectRepository } from "./store/repositories/subject-repository.js";
import { UserRepository } from "./store/repositories/user-repository.js";
import { packageVersion } from "./version.js";

export interface RunningServer {
  ctx: AppContext;
  app: FastifyInstance;
  /** The address the server listens on, e.g. http://127.0.0.1:8080. */
  url: string;
  close(): Promise<void>;
}

export interface ServerOverrides {
  log?: Logger;
  decide?: (input: DecisionInput) => Decision;
}

export function repositories(db: VigilDb): Repositories {
  return {
    events: new EventRepository(db),
    subjects: new SubjectRepository(db),
    media: new MediaRepository(db),
    cases: new CaseRepository(db),
    actions: new ActionRepository(db),
    apiKeys: new ApiKeyRepository(db),
    audit: new AuditRepository(db),
    banks: new BankRepository(db),
    users: new UserRepository(db),
    sessions: new SessionRepository(db),
    claims: new ClaimRepository(db),
    queues: new QueueRepository(db),
    subjectHistory: new SubjectHistoryRepository(db),
  };
}

/** How long an accepted event may sit pending before a worker republishes it (its message may have been lost). */
const ORPHAN_AFTER_MS = 30_000;

/**
 * With JetStream, an event whose publish failed after its commit (or whose
 * message was lost with a broker) is still pending in the database: workers
 * republish such events; the stream's message-id dedupe drops the ones that
 * were in fact queued.
 */
function sweepOrphans(events: EventRepository, queue: EventQueue, log: Logger): NodeJS.Timeout {
  const timer = setInterval(() => {
    events
      .pendingSince(new Date(Date.now() - ORPHAN_AFTER_MS), 10_000)
      .then((seqs) => {
        if (seqs.length > 0) log.warn({ events: seqs.length }, "republishing events pending too long");
        queue.publish(seqs);
      })
      .catch((error: unknown) => log.error({ err: error }, "orphan sweep failed"));
  }, ORPHAN_AFTER_MS / 3);
  timer.unref();
  return timer;
}

/** One deployment's stream, subjects and consumer; VIGIL_NATS_STREAM separates deployments (and tests) on one NATS. */
function jetStreamNames(): { stream: string; subject: string; durable: string } {
  const stream = (process.env.VIGIL_NATS_STREAM || "VIGIL_EVENTS").replace(/[^A-Za-z0-9_-]/g, "_");
  return { stream, subject: `vigil.${stream.toLowerCase()}`, durable: `${stream}-workers` };
}

/** Processing attempts before an event is parked as failed. */
const MAX_ATTEMPTS = 5;
const BANK_POLL_MS = 5_000;

export async function startServer(
  config: ServerConfig,
  overrides: ServerOverrides = {},
): Promise<RunningServer> {
  const log = overrides.log ?? pino({ level: process.env.VIGIL_LOG_LEVEL ?? "info" });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const repos = repositories(database.db);
  const secrets = await makeSecrets(config, repos.media);
  const matcher = new LiveBankMatcher(repos.banks, log);
  await matcher.refresh();
  matcher.start(BANK_POLL_MS);
  const decide = overrides.decide ?? (await loadDecide(config, new RuleRepository(database.db)));
  const textScorer = defaultTextScorer();
  // Operators edit lexicons in place; a bad edit is logged and the previous lexicon stays in use.
  const stopWatchingLexicons = watchLexicons(defaultLexiconDir(), textScorer, {
    onReload: () => log.info("lexicons reloaded"),
    onError: (error: unknown) =>
      log.error({ err: error }, "lexicon reload failed; keeping the previous lexicons"),
  });

  let delivery: Delivery | null = null;
  const metrics = serviceMetrics({
    queueDepth: () => queue.depth,
    indexEntries: () => matcher.get().size,
    webhooks: () => delivery?.stats() ?? { delivered: 0, failedAttempts: 0, failing: 0 },
  });
  if (config.role !== "all" && !config.databaseUrl) {
    throw new Error(
      `--role ${config.role} needs PostgreSQL (--database-url): the embedded database belongs to one process`,
    );
  }
  if (config.role !== "all" && !config.natsUrl)
    throw new Error(`--role ${config.role} needs --nats-url: API and workers meet on JetStream`);
  const onQueueError = (error: unknown) =>
    log.error({ err: error }, "event queue error; events stay pending and are retried");
  const queue: EventQueue = config.natsUrl
    ? await JetStreamQueue.connect({
        url: config.natsUrl,
        onError: onQueueError,
        ...jetStreamNames(),
        // How long a worker may hold a batch before it is handed to another; a killed worker's batch waits this long.
        ackWaitMs: Number(process.env.VIGIL_NATS_ACK_WAIT_MS ?? 30_000),
      })
    : new InProcessQueue(onQueueError);
  const decides = config.role !== "api";
  const processor = new EventProcessor({
    db: database.db,
    events: repos.events,
    subjects: repos.subjects,
    media: repos.media,
    matcher: () => matcher.get(),
    decide,
    textScorer: () => textScorer,
    encryptPhone: secrets.encryptPhone,
    resolveUrl: secrets.resolveUrl,
    pdqRadius: config.pdqRadius,
    maxAttempts: MAX_ATTEMPTS,
    onCommitted: (written, batch, writeSeconds) => {
      if (written.actionsQueued > 0) delivery?.wake();
      metrics.batchWrite.observe(writeSeconds);
      const decided = new Set(written.decided);
      const now = Date.now();
      for (const d of batch) {
        if (!decided.has(d.event.seq)) continue;
        metrics.decisions.inc({ decision: d.decision.kind });
        metrics.decisionLatency.observe((now - d.event.receivedAt.getTime()) / 1000);
      }
    },
    log,
  });

  const version = packageVersion();
  let openApi: Record<string, unknown> | null = null;
  const ctx: AppContext = {
    config,
    database,
    repos,
    queue,
    matcher,
    log,
    metrics,
    onActionsQueued: () => delivery?.wake(),
    openApi: () => {
      openApi ??= openApiDocument(ROUTES, version);
      return openApi;
    },
    intakeMedia: secrets.intakeMedia,
    vault: secrets.vault,
  };

  let sweeper: NodeJS.Timeout | null = null;
  if (decides) {
    // Events accepted before a crash and not yet decided are decided now, before new ones.
    queue.publish(await repos.events.pendingSeqs());
    queue.consume((seqs) => processor.processBatch(seqs), config.batchSize);
    delivery = startDelivery(config, repos.actions, log);
    if (config.natsUrl) sweeper = sweepOrphans(repos.events, queue, log);
  }

  const app = await buildApp(ctx, ROUTES);
  const address = await app.listen({ host: config.host, port: config.port });
  log.info({ url: address, database: database.kind, index_entries: matcher.get().size }, "vigil listening");

  let closing: Promise<void> | null = null;
  return {
    ctx,
    app,
    url: address,
    close() {
      closing ??= (async () => {
        await app.close();
        if (sweeper) clearInterval(sweeper);
        await queue.close();
        await delivery?.stop();
        matcher.stop();
        stopWatchingLexicons();
        await database.close();
      })();
      return closing;
    },
  };
}
