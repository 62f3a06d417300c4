/**
 * Every repository routes and jobs share, built on one database handle. The
 * composition root is the one place that builds repositories (the parts in
 * app/ build the few only they use); routes and services receive them.
 */

import type { VigilDb } from "../store/database.js";
import type { FieldCipher } from "../store/field-cipher.js";
import { ActionRepository } from "../store/repositories/action-repository.js";
import { ApiKeyRepository } from "../store/repositories/api-key-repository.js";
import { AuditRepository } from "../store/repositories/audit-repository.js";
import { BankRepository } from "../store/repositories/bank-repository.js";
import { BulkConfirmationRepository } from "../store/repositories/bulk-confirmation-repository.js";
import { CaseRepository } from "../store/repositories/case-repository.js";
import { ClaimRepository } from "../store/repositories/claim-repository.js";
import { ConsoleSettingsRepository } from "../store/repositories/console-settings-repository.js";
import { CrawlRepository } from "../store/repositories/crawl-repository.js";
import { CrawlScheduleRepository } from "../store/repositories/crawl-schedule-repository.js";
import { DashboardRepository } from "../store/repositories/dashboard-repository.js";
import { EscalationRepository } from "../store/repositories/escalation-repository.js";
import { EventRepository } from "../store/repositories/event-repository.js";
import { ExpansionGraphRepository } from "../store/repositories/expansion-graph-repository.js";
import { ExpansionRepository } from "../store/repositories/expansion-repository.js";
import { MediaRepository } from "../store/repositories/media-repository.js";
import { NeighbourhoodRepository } from "../store/repositories/neighbourhood-repository.js";
import { QueueRepository } from "../store/repositories/queue-repository.js";
import { SessionRepository } from "../store/repositories/session-repository.js";
import { SignInAttemptRepository } from "../store/repositories/sign-in-attempt-repository.js";
import { SubjectHistoryRepository } from "../store/repositories/subject-history-repository.js";
import { SubjectRepository } from "../store/repositories/subject-repository.js";
import { UserRepository } from "../store/repositories/user-repository.js";
import type { Repositories } from "./context.js";

/** `fields`: the data keys; event payloads' personal fields are sealed with them before they are stored. */
export function repositories(db: VigilDb, fields?: FieldCipher): Repositories {
  return {
    events: new EventRepository(db, fields?.seal),
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
    consoleSettings: new ConsoleSettingsRepository(db),
    bulkConfirmations: new BulkConfirmationRepository(db),
    dashboard: new DashboardRepository(db),
    escalations: new EscalationRepository(db),
    crawlLinks: new CrawlRepository(db),
    crawlSchedule: new CrawlScheduleRepository(db),
    expansions: new ExpansionRepository(db),
    expansionGraph: new ExpansionGraphRepository(db),
    neighbourhoods: new NeighbourhoodRepository(db),
    signInAttempts: new SignInAttemptRepository(db),
  };
}
