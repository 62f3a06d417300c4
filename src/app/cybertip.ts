import type { Logger } from "pino";
import type { MediaBlobStore } from "../media/media-blob-store.js";
import { CyberTipService } from "../report/cybertip/cybertip-service.js";
import { IspwsClient, ispwsConfigFromEnv } from "../report/cybertip/ispws-client.js";
import { reporterConfigFromEnv } from "../report/cybertip/reporter-config.js";
import { type ReportFiled, SubmissionJob } from "../report/cybertip/submission-job.js";
import type { VigilDb } from "../store/database.js";
import { loadFieldCipher } from "../store/field-cipher.js";
import { CyberTipEvidenceRepository } from "../store/repositories/cybertip-evidence-repository.js";
import { CyberTipRepository } from "../store/repositories/cybertip-repository.js";
import type { ServerConfig } from "./context.js";

export interface CyberTip {
  service: CyberTipService;
  job: SubmissionJob;
  stop(): Promise<void>;
}

const envMs = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export function startCyberTip(
  db: VigilDb,
  config: ServerConfig,
  vault: MediaBlobStore,
  log: Logger,
  onReportFiled: (filed: ReportFiled) => void | Promise<void> = () => {},
): CyberTip {
  const fields = loadFieldCipher(config.dataDir);
  const reports = new CyberTipRepository(db);
  const ispws = ispwsConfigFromEnv();
  let job: SubmissionJob | null = null;
  const service = new CyberTipService({
    evidence: new CyberTipEvidenceRepository(db),
    reports,
    reporter: reporterConfigFromEnv(),
    revealPhone: (sealed) => fields.open(sealed),
    configured: ispws !== null,
    // API-only processes leave the sending to workers, which poll the outbox.
    onRequested: () => (config.role === "api" ? undefined : job?.wake()),
  });
  job = new SubmissionJob({
    reports,
    plan: (row) => service.planStored(row),
    client: ispws ? new IspwsClient(ispws) : null,
    readBlob: (ref) => vault.get(ref),
    onReportFiled,
    maxAttempts: envMs("VIGIL_NCMEC_MAX_ATTEMPTS", 3),
    leaseMs: envMs("VIGIL_NCMEC_LEASE_MS", 10 * 60_000),
    retryDelayMs: envMs("VIGIL_NCMEC_RETRY_DELAY_MS", 30_000),
    log: log.child({ module: "cybertip" }),
  });
  if (config.role !== "api") {
    job.start(envMs("VIGIL_NCMEC_POLL_MS", 5_000));
    job.wake();
  }
  const running = job;
  return { service, job: running, stop: () => running.stop() };
}
