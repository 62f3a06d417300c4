/**
 * What every route and background job gets: configuration, the database and
 * its repositories, the queue, the processor and the hash index. Built by hand
 * in server.ts (the composition root), overridable in tests.
 */
import type { Logger } from "pino";
import type { ApiLimits } from "./api/limits.js";
import type { EventQueue } from "./domain/event-queue.js";
import type { HotlineService } from "./intake/hotline/hotline-service.js";
import type { LagGate } from "./intake/lag-gate.js";
import type { MediaBlobStore } from "./media/media-blob-store.js";
import type { MediaSource } from "./media/media-intake.js";
import type { ServiceMetrics } from "./metrics/service-metrics.js";
import type { LiveBankMatcher } from "./pipeline/live-bank-matcher.js";
import type { CyberTipService } from "./report/cybertip/cybertip-service.js";
import type { ReviewService } from "./review/review-service.js";
import type { SearchService } from "./search/search-service.js";
import type { BulkContext } from "./server-bulk.js";
import type { ServerCrawlConfig } from "./server-crawl.js";
import type { Database } from "./store/database.js";
import type { FieldCipher } from "./store/field-cipher.js";
import type { ActionRepository } from "./store/repositories/action-repository.js";
import type { ApiKeyRepository } from "./store/repositories/api-key-repository.js";
import type { AuditRepository } from "./store/repositories/audit-repository.js";
import type { BankRepository } from "./store/repositories/bank-repository.js";
import type { BulkConfirmationRepository } from "./store/repositories/bulk-confirmation-repository.js";
import type { CaseRepository } from "./store/repositories/case-repository.js";
import type { ClaimRepository } from "./store/repositories/claim-repository.js";
import type { ConsoleSettingsRepository } from "./store/repositories/console-settings-repository.js";
import type { DashboardRepository } from "./store/repositories/dashboard-repository.js";
import type { EscalationRepository } from "./store/repositories/escalation-repository.js";
import type { EventRepository } from "./store/repositories/event-repository.js";
import type { MediaRepository } from "./store/repositories/media-repository.js";
import type { QueueRepository } from "./store/repositories/queue-repository.js";
import type { SessionRepository } from "./store/repositories/session-repository.js";
import type { SubjectHistoryRepository } from "./store/repositories/subject-history-repository.js";
import type { SubjectRepository } from "./store/repositories/subject-repository.js";
import type { UserRepository } from "./store/repositories/user-repository.js";

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
  /** The crawl scheduler (workers only; src/server-crawl.ts); absent: off. */
  crawl?: ServerCrawlConfig;
  /** Accepted-but-undecided events above which intake answers 429 (0: no limit); VIGIL_MAX_LAG, --max-lag. */
  maxLag?: number;
  /** Request rates, timeouts and header sizes (api/limits.ts); each absent one has its default. */
  limits?: Partial<ApiLimits>;
  /** ISO 3166 alpha-2 for phone numbers written in national form (VIGIL_DEFAULT_COUNTRY); default GB. */
  defaultCountry?: string;
}

/** Personal data at rest: phone numbers' keyed hashes for search, and sealing other fields (issue 16). */
export interface PersonalDataKeys {
  phoneKey(e164: string): string;
  sealField(plaintext: string): string;
  openField(sealed: string): string | null;
}

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
  /** The data keys: personal fields (phones, reporters, report texts) are sealed with them; opened by role. */
  fields: FieldCipher;
  /** Backpressure: refuses intake while workers are too far behind. */
  lagGate: LagGate;
  /** CyberTipline reports: preview, request (sent by the submission job), status. */
  cybertip: CyberTipService;
  /** Bulk enforcement batches (server-bulk.ts). */
  bulk: BulkContext;
  /** Keyed hashes and sealing for personal data (search, hotline callers). */
  personal: PersonalDataKeys;
  /** Case lists, notes, assignment, enforcement state, related cases, group actions (issue 16). */
  review: ReviewService;
  /** Search by phone number, id, invite link, name, hash, case id or reference (issue 16). */
  search: SearchService;
  /** Hotline calls in the caller's words: preview, file under a reference, status, caller (issue 16). */
  hotline: HotlineService;
}
