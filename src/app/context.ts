/**
 * What every route and background job gets: configuration, the database and
 * its repositories, the queue, the processor and the hash index. Built by hand
 * in app/start.ts (the composition root), overridable in tests.
 */
import type { Logger } from "pino";
import type { ApiLimits } from "../api/limits.js";
import type { SubmissionRetry } from "../crawl/drain-submissions.js";
import type { BulkThresholds } from "../domain/bulk-thresholds.js";
import type { EventQueue } from "../domain/event-queue.js";
import type { PersonalDataKeys } from "../domain/personal-fields.js";
import type { ExpansionTargetResolver } from "../enforce/bulk/bulk-target-source.js";
import type { ExpansionDeps } from "../enforce/expansion/expansion-service.js";
import type { ExchangeService } from "../exchange/exchange-service.js";
import type { HmaService } from "../exchange/hma-service.js";
import type { HotlineService } from "../intake/hotline/hotline-service.js";
import type { LagGate } from "../intake/lag-gate.js";
import type { DecodeBudget, DecodeBudgetOptions } from "../media/decode-budget.js";
import type { MediaBlobStore } from "../media/media-blob-store.js";
import type { MediaSource } from "../media/media-intake.js";
import type { ServiceMetrics } from "../metrics/service-metrics.js";
import type { LiveBankMatcher } from "../pipeline/live-bank-matcher.js";
import type { CyberTipService } from "../report/cybertip/cybertip-service.js";
import type { EvidenceStore } from "../report/evidence/evidence-store.js";
import type { ExportSigningKey } from "../report/handover/signing-key.js";
import type { ReviewService } from "../review/review-service.js";
import type { SearchService } from "../search/search-service.js";
import type { Database } from "../store/database.js";
import type { FieldCipher } from "../store/field-cipher.js";
import type { ActionRepository } from "../store/repositories/action-repository.js";
import type { ApiKeyRepository } from "../store/repositories/api-key-repository.js";
import type { AuditRepository } from "../store/repositories/audit-repository.js";
import type { BankRepository } from "../store/repositories/bank-repository.js";
import type { BulkConfirmationRepository } from "../store/repositories/bulk-confirmation-repository.js";
import type { BulkOutboxRepository } from "../store/repositories/bulk-outbox-repository.js";
import type { BulkRepository } from "../store/repositories/bulk-repository.js";
import type { CaseRepository } from "../store/repositories/case-repository.js";
import type { ClaimRepository } from "../store/repositories/claim-repository.js";
import type { ConsoleSettingsRepository } from "../store/repositories/console-settings-repository.js";
import type { CrawlRepository } from "../store/repositories/crawl-repository.js";
import type { CrawlScheduleRepository } from "../store/repositories/crawl-schedule-repository.js";
import type { DashboardRepository } from "../store/repositories/dashboard-repository.js";
import type { EscalationRepository } from "../store/repositories/escalation-repository.js";
import type { EventRepository } from "../store/repositories/event-repository.js";
import type { ExpansionGraphRepository } from "../store/repositories/expansion-graph-repository.js";
import type { ExpansionRepository } from "../store/repositories/expansion-repository.js";
import type { MediaRepository } from "../store/repositories/media-repository.js";
import type { NeighbourhoodRepository } from "../store/repositories/neighbourhood-repository.js";
import type { QueueRepository } from "../store/repositories/queue-repository.js";
import type { SessionRepository } from "../store/repositories/session-repository.js";
import type { SignInAttemptRepository } from "../store/repositories/sign-in-attempt-repository.js";
import type { SubjectHistoryRepository } from "../store/repositories/subject-history-repository.js";
import type { SubjectRepository } from "../store/repositories/subject-repository.js";
import type { UserRepository } from "../store/repositories/user-repository.js";
import type { StorageHealth } from "../store/storage-health.js";

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  webhookUrl?: string;
  webhookSecret?: string;
  bodyLimitBytes: number;
  mediaLimitBytes: number;
  pdqRadius: number;
  /** Rule set file; the shipped rules/default.json when absent. */
  rulesFile?: string;
  /** Events per decision transaction. */
  batchSize: number;
  /** NATS server URL: events go through JetStream instead of the in-process queue. */
  natsUrl?: string;
  /** api: intake only; worker: decide and deliver; all: both (the default). */
  role: "all" | "api" | "worker";
  /** Seed a demo bank, key and events on an empty database. */
  demo: boolean;
  /** Reveals per reviewer per shift before the console suggests a break (wellness); default 40. */
  exposureSoftLimit?: number;
  /** The crawl scheduler (workers only; app/crawl.ts); absent: off. */
  crawl?: ServerCrawlConfig;
  /** Accepted-but-undecided events above which intake answers 429 (0: no limit); VIGIL_MAX_LAG, --max-lag. */
  maxLag?: number;
  /** Request rates, timeouts and header sizes (api/limits.ts); each absent one has its default. */
  limits?: Partial<ApiLimits>;
  /** ISO 3166 alpha-2 for phone numbers written in national form (VIGIL_DEFAULT_COUNTRY); default GB. */
  defaultCountry?: string;
  /** Image decodes at once and megapixels in flight (media/decode-budget.ts); each absent one has its default. */
  decodeBudget?: Partial<DecodeBudgetOptions>;
}

/** Personal data at rest: phone numbers' keyed hashes for search, and sealing other fields (issue 16). */
export type { PersonalDataKeys };

/** A media item as the API shows it. */
export interface StoredMediaView {
  media_id: string;
  sha256: string | null;
  md5: string | null;
  pdq: string | null;
  quality: number | null;
  mime: string | null;
  size: number | null;
  kind: "image" | "video";
  /** Hashed frames of a video's vPDQ; null for images. */
  vpdq_frames: number | null;
}

export interface Repositories {
  events: EventRepository;
  subjects: SubjectRepository;
  media: MediaRepository;
  cases: CaseRepository;
  actions: ActionRepository;
  apiKeys: ApiKeyRepository;
  audit: AuditRepository;
  banks: BankRepository;
  /** The review console's: people, sessions, claims, queues and what a case page shows. */
  users: UserRepository;
  sessions: SessionRepository;
  claims: ClaimRepository;
  queues: QueueRepository;
  subjectHistory: SubjectHistoryRepository;
  consoleSettings: ConsoleSettingsRepository;
  bulkConfirmations: BulkConfirmationRepository;
  dashboard: DashboardRepository;
  escalations: EscalationRepository;
  /** The crawler's links and runs, and its schedule, lease and submissions (status routes, the scheduler). */
  crawlLinks: CrawlRepository;
  crawlSchedule: CrawlScheduleRepository;
  /** Stored network expansions and the graph around them (issue 10). */
  expansions: ExpansionRepository;
  expansionGraph: ExpansionGraphRepository;
  neighbourhoods: NeighbourhoodRepository;
  /** Sign-in attempts, reserved before a password is checked (access/sign-in-budget.ts). */
  signInAttempts: SignInAttemptRepository;
}

export interface AppContext {
  config: ServerConfig;
  database: Database;
  repos: Repositories;
  queue: EventQueue;
  matcher: LiveBankMatcher;
  log: Logger;
  metrics: ServiceMetrics;
  /** The outbox has new actions: deliver now rather than at the next poll. */
  onActionsQueued(): void;
  openApi(): Record<string, unknown>;
  /** Hashes media, seals it into the vault and records it (uploads; URLs are fetched in the pipeline). */
  intakeMedia(source: MediaSource): Promise<StoredMediaView>;
  /** The encrypted media store; every read goes through an audited route. */
  vault: MediaBlobStore;
  /** Bounds image decodes (uploads, searches by image); a busy decoder answers 503 DecoderBusy. */
  decodeBudget: DecodeBudget;
  /** A full disk: 503 StorageFull, /readyz not ready until a probe write succeeds, one log line per interval. */
  storage: StorageHealth;
  /** The data keys: personal fields (phones, reporters, report texts) are sealed with them; opened by role. */
  fields: FieldCipher;
  /** Backpressure: refuses intake while workers are too far behind. */
  lagGate: LagGate;
  /** CyberTipline reports: preview, request (sent by the submission job), status. */
  cybertip: CyberTipService;
  /** Bulk enforcement batches (app/bulk.ts). */
  bulk: BulkContext;
  /** Keyed hashes and sealing for personal data (search, hotline callers). */
  personal: PersonalDataKeys;
  /** Case lists, notes, assignment, enforcement state, related cases, group actions (issue 16). */
  review: ReviewService;
  /** Search by phone number, id, invite link, name, hash, case id or reference (issue 16). */
  search: SearchService;
  /** Hotline calls in the caller's words: preview, file under a reference, status, caller (issue 16). */
  hotline: HotlineService;
  /** Hash exchange with partners: the signed feed they read, the feeds pulled from them (issue 19). */
  exchange: ExchangeService;
  /** HMA's hashing, matching and curation API answered from Vigil's banks (issue 19, point 5). */
  hma: HmaService;
  /** Network expansion's graph, stored expansions and weights (issue 10). */
  expansion: ExpansionDeps;
  /** The Ed25519 key police hand-over packages are signed with (configured, or made once in the data folder). */
  exportSigningKey(): Promise<ExportSigningKey>;
  /** The evidence store police hand-over packages are exported from (phones revealed by the route, by role). */
  handoverEvidence: EvidenceStore;
}

/** Bulk enforcement batches as routes see them (app/bulk.ts builds it). */
export interface BulkContext {
  batches: BulkRepository;
  outbox: BulkOutboxRepository;
  thresholds: BulkThresholds;
  /** Attempts after which an undelivered action makes its batch `partially_failed`. */
  failingAfterAttempts: number;
  /** Resolves `expansion_id` to targets; null until the expansion module is wired. */
  expansionTargets: ExpansionTargetResolver | null;
  /** A batch was started or reversed: look at it now. */
  wake(): void;
}

/** The crawl scheduler inside the service (app/crawl.ts). */
export interface ServerCrawlConfig {
  /** Sources and politeness (src/crawl/crawl-config.ts); absent: liveness re-checks and retries only. */
  configFile?: string;
  tickMs: number;
  /** Hosts reachable on non-public addresses when no config file names them. */
  networkAllowHosts?: string[];
  leaseMs?: number;
  retry?: SubmissionRetry;
  /** The scheduler's clock for liveness and retries (tests drive it; the lease keeps the database's). */
  now?: () => Date;
}
