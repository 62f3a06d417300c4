/**
 * The CyberTipline module wired into the service: the review-facing service
 * and the submission job that sends requested reports to NCMEC (workers and
 * `all` only; API-only processes leave the sending to workers).
 */
import type { Logger } from "pino";
import type { MediaBlobStore } from "../media/media-blob-store.js";
import { CyberTipService } from "../report/cybertip/cybertip-service.js";
import { IspwsClient } from "../report/cybertip/ispws-client.js";
import { type ReportFiled, SubmissionJob } from "../report/cybertip/submission-job.js";
import type { VigilDb } from "../store/database.js";
import type { FieldCipher } from "../store/field-cipher.js";
import { CyberTipEvidenceRepository } from "../store/repositories/cybertip-evidence-repository.js";
import { CyberTipRepository } from "../store/repositories/cybertip-repository.js";
import type { EnvConfig } from "./config.js";
import type { ServerConfig } from "./context.js";

export interface CyberTip {
  service: CyberTipService;
  job: SubmissionJob;
  stop(): Promise<void>;
}

export function startCyberTip(
  db: VigilDb,
  config: ServerConfig,
  settings: EnvConfig["cybertip"],
  keys: { vault: MediaBlobStore; fields: FieldCipher },
  log: Logger,
  onReportFiled: (filed: ReportFiled) => void | Promise<void> = () => {},
): CyberTip {
  const reports = new CyberTipRepository(db);
  const ispws = settings.ispws;
  let job: SubmissionJob | null = null;
  const service = new CyberTipService({
    evidence: new CyberTipEvidenceRepository(db),
    reports,
    reporter: settings.reporter,
    revealPhone: (sealed) => keys.fields.open(sealed),
    configured: ispws !== null,
    // API-only processes leave the sending to workers, which poll the outbox.
    onRequested: () => (config.role === "api" ? undefined : job?.wake()),
  });
  job = new SubmissionJob({
    reports,
    plan: (row) => service.planStored(row),
    client: ispws ? new IspwsClient(ispws) : null,
    readBlob: (ref) => keys.vault.get(ref),
    onReportFiled,
    maxAttempts: settings.maxAttempts,
    leaseMs: settings.leaseMs,
    retryDelayMs: settings.retryDelayMs,
    log: log.child({ module: "cybertip" }),
  });
  if (config.role !== "api") {
    job.start(settings.pollMs);
    job.wake();
  }
  const running = job;
  return { service, job: running, stop: () => running.stop() };
}
