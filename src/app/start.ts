/**
 * The composition root: builds every dependency by hand from the
 * configuration, wires intake -> queue -> processor -> outbox -> webhooks, and
 * returns something a CLI or a test can start and stop. Pieces a test wants
 * to replace come in through `overrides`.
 */
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { buildApp } from "../api/app.js";
import { ROUTES } from "../api/index.js";
import { openApiDocument } from "../api/openapi.js";
import type { Decision, DecisionInput } from "../domain/decisions.js";
import { expansionBulkTargets } from "../enforce/expansion/expansion-bulk-targets.js";
import { LagGate } from "../intake/lag-gate.js";
import type { VaultFiles } from "../media/media-vault.js";
import { Gauge } from "../metrics/registry.js";
import { serviceMetrics } from "../metrics/service-metrics.js";
import { LiveBankMatcher } from "../pipeline/live-bank-matcher.js";
import { EventProcessor } from "../pipeline/process-events.js";
import type { ReportFiled } from "../report/cybertip/submission-job.js";
import { loadOrCreateSigningKey } from "../report/handover/signing-key.js";
import { backfillSearchColumns } from "../search/search-backfill.js";
import { defaultLexiconDir, defaultTextScorer, watchLexicons } from "../signals/text/index.js";
import { openDatabase } from "../store/database.js";
import { loadFieldCipher } from "../store/field-cipher.js";
import { BankChangeRepository } from "../store/repositories/bank-change-repository.js";
import { RuleRepository } from "../store/repositories/rule-repository.js";
import { SearchIndexRepository } from "../store/repositories/search-index-repository.js";
import { StorageHealth } from "../store/storage-health.js";
import { packageVersion } from "../version.js";
import { startServerAdmin } from "./admin-channel.js";
import { addIndexMetrics, openBankStream } from "./bank-stream.js";
import { wireBulk } from "./bulk.js";
import { applyProcessSettings, type EnvConfig, loadEnvConfig } from "./config.js";
import type { AppContext, ServerConfig } from "./context.js";
import { startCyberTip } from "./cybertip.js";
import type { Delivery } from "./delivery.js";
import { serviceEvidenceStore } from "./evidence.js";
import { exchangeService, hmaService } from "./exchange.js";
import { expansionDeps } from "./expansion.js";
import { hotlineService } from "./hotline.js";
import { serviceLogger } from "./log.js";
import { jetStreamNames, openEventQueue } from "./queue.js";
import { repositories } from "./repositories.js";
import { reviewService, searchService } from "./review.js";
import { loadDecide } from "./rules.js";
import { makeSecrets } from "./secrets.js";
import { startWorkerJobs } from "./worker-jobs.js";

export interface RunningServer {
  ctx: AppContext;
  app: FastifyInstance;
  /** The address the server listens on, e.g. http://127.0.0.1:8080. */
  url: string;
  close(): Promise<void>;
}

export interface ServerOverrides {
  log?: Logger;
  /** The environment as app/config.ts reads it; read at start when absent. */
  env?: EnvConfig;
  decide?: (input: DecisionInput) => Decision;
  /** Called after a CyberTipline report is finished (the legal hold's port); a no-op by default. */
  onReportFiled?: (filed: ReportFiled) => void | Promise<void>;
  /** The vault's disk writes (tests make them fail with ENOSPC to show a full disk). */
  vaultFiles?: VaultFiles;
}

/** Processing attempts before an event is parked as failed. */
const MAX_ATTEMPTS = 5;
/** How often the bank change log is read (one indexed range read; the index replica lags by at most this); with NATS, how often a gap is checked. */
const BANK_POLL_MS = 1_000;

export async function startServer(
  config: ServerConfig,
  overrides: ServerOverrides = {},
): Promise<RunningServer> {
  // The environment is read here, once per start (tests set variables before starting a server).
  const env = overrides.env ?? loadEnvConfig();
  applyProcessSettings(env);
  const log = overrides.log ?? serviceLogger(env.logLevel);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    role: "serve",
  });
  // Personal fields are sealed with the data keys before they are stored (issue 17, 6).
  const fields = loadFieldCipher(config.dataDir, env.keys);
  const repos = repositories(database.db, fields);
  const secrets = await makeSecrets(config, repos.media, fields, env.keys, overrides.vaultFiles);
  // Subjects stored before search existed get their folded names and phone keys (issue 16).
  const filled = await backfillSearchColumns(new SearchIndexRepository(database.db), secrets);
  if (filled.accounts + filled.groups > 0) log.info(filled, "search columns filled for stored subjects");
  const bankChanges = new BankChangeRepository(database.db);
  // With NATS the index replica follows the bank change stream and starts from a snapshot (server-bank-stream.ts).
  const bankStream = config.natsUrl
    ? await openBankStream(
        {
          natsUrl: config.natsUrl,
          eventsStream: jetStreamNames(env.nats.stream).stream,
          databaseUrl: config.databaseUrl,
          replicas: env.nats.replicas,
          snapshotMs: env.nats.indexSnapshotMs,
          retentionMs: env.nats.bankChangeRetentionMs,
        },
        bankChanges,
        log,
      )
    : null;
  const matcher = new LiveBankMatcher(repos.banks, bankChanges, log, Date.now, bankStream?.matcherOptions);
  // The first load only: publishing a backlog of unpublished changes is the leased sweep's job, not startup's.
  await matcher.sync();
  await bankStream?.start(matcher);
  matcher.start(BANK_POLL_MS);
  const decide = overrides.decide ?? (await loadDecide(config, new RuleRepository(database.db)));
  const lexiconDir = env.lexiconDir ?? defaultLexiconDir();
  const textScorer = defaultTextScorer(lexiconDir);
  // Operators edit lexicons in place; a bad edit is logged and the previous lexicon stays in use.
  const stopWatchingLexicons = watchLexicons(lexiconDir, textScorer, {
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
  addIndexMetrics(metrics.registry, matcher);
  if (config.role !== "all" && !config.databaseUrl) {
    throw new Error(
      `--role ${config.role} needs PostgreSQL (--database-url): the embedded database belongs to one process`,
    );
  }
  if (config.role !== "all" && !config.natsUrl)
    throw new Error(`--role ${config.role} needs --nats-url: API and workers meet on JetStream`);
  const queue = await openEventQueue(config, env.nats, log);
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
    phoneKey: secrets.phoneKey,
    openField: fields.open,
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

  const lagGate = new LagGate(() => repos.events.pendingCount(), { maxLag: config.maxLag ?? 0 });
  metrics.registry.add(
    new Gauge(
      "vigil_lag_events",
      "Events accepted and not yet decided (all workers), as intake last read it.",
      () => lagGate.lastLag,
    ),
  );
  // A filed report places a legal hold on the case's evidence (issue 8: one year from the report).
  const evidence = serviceEvidenceStore(database.db, secrets.vault, undefined, fields.open);
  const onReportFiled =
    overrides.onReportFiled ??
    (async (filed: ReportFiled) => {
      await evidence.holds.onReportFiled(filed);
    });
  const cybertip = startCyberTip(
    database.db,
    config,
    env.cybertip,
    { vault: secrets.vault, fields },
    log,
    onReportFiled,
  );
  // A finished network expansion can be the target list of a bulk batch (issue 10).
  const bulk = wireBulk(database.db, env.bulk, log, expansionBulkTargets(repos.expansions));
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
    decodeBudget: secrets.decodeBudget,
    storage: new StorageHealth(log, secrets.probeWrite),
    fields,
    lagGate,
    cybertip: cybertip.service,
    bulk: bulk.context,
    personal: { phoneKey: secrets.phoneKey, sealField: secrets.sealField, openField: secrets.openField },
    review: reviewService(database.db, repos, () => delivery?.wake()),
    search: searchService(database.db, secrets.phoneKey, config.defaultCountry ?? "GB"),
    hotline: hotlineService(database.db, repos, queue, secrets, config.defaultCountry ?? "GB"),
    // Issue 19: hash exchange (wiring in app/exchange.ts).
    exchange: exchangeService(database.db, repos.banks, fields, matcher),
    hma: hmaService(database.db, repos.banks, matcher, config.pdqRadius),
    expansion: expansionDeps(repos, env.expansionWeightsFile),
    exportSigningKey: () => loadOrCreateSigningKey(config.dataDir, env.keys),
    handoverEvidence: serviceEvidenceStore(database.db, secrets.vault),
  };

  const jobs = decides
    ? await startWorkerJobs(ctx, {
        processor,
        bulk,
        env,
        log,
        onDelivery: (started) => {
          delivery = started;
        },
      })
    : null;
  const app = await buildApp(ctx, ROUTES);
  const address = await app.listen({ host: config.host, port: config.port });
  // Embedded: the CLI's keys, users and bank commands write through this process (issue 17, 1).
  const admin = await startServerAdmin(database, config.dataDir, env.keys, matcher, log);
  log.info({ url: address, database: database.kind, index_entries: matcher.get().size }, "vigil listening");

  let closing: Promise<void> | null = null;
  return {
    ctx,
    app,
    url: address,
    close() {
      closing ??= (async () => {
        await admin?.close();
        await app.close();
        await jobs?.stopIntake();
        await queue.close();
        if (jobs) await jobs.stop();
        else await bulk.stop();
        matcher.stop();
        await bankStream?.stop();
        await cybertip.stop();
        stopWatchingLexicons();
        await database.close();
      })();
      return closing;
    },
  };
}
