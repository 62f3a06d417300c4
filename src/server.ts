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
import { InProcessQueue } from "./pipeline/in-process-queue.js";
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
  const queue = new InProcessQueue((error) => log.error({ err: error }, "event batch failed; will retry"));
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
    onCommitted: (written) => {
      if (written.actionsQueued > 0) delivery?.wake();
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
    onActionsQueued: () => delivery?.wake(),
    openApi: () => {
      openApi ??= openApiDocument(ROUTES, version);
      return openApi;
    },
    intakeMedia: secrets.intakeMedia,
    vault: secrets.vault,
  };

  // Events accepted before a crash and not yet decided are decided now, before new ones.
  queue.publish(await repos.events.pendingSeqs());
  queue.consume((seqs) => processor.processBatch(seqs), config.batchSize);
  delivery = startDelivery(config, repos.actions, log);

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
