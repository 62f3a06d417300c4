/**
 * CyberTipline reporting wired for the service: the evidence and report
 * repositories, the ispws client from VIGIL_NCMEC_* (none: requests are
 * refused), the reporter from configuration, phones decrypted with the data
 * key, and the submission job polling the cybertip_reports outbox in
 * processes that decide (not `--role api`). `onReportFiled` is the legal
 * hold's port (issue 8 point 6); a no-op until that is wired.
 */
import { createDecipheriv } from "node:crypto";
import type { Logger } from "pino";
import type { MediaBlobStore } from "./media/media-blob-store.js";
import { CyberTipService } from "./report/cybertip/cybertip-service.js";
import { IspwsClient, ispwsConfigFromEnv } from "./report/cybertip/ispws-client.js";
import { reporterConfigFromEnv } from "./report/cybertip/reporter-config.js";
import { type ReportFiled, SubmissionJob } from "./report/cybertip/submission-job.js";
import type { ServerConfig } from "./server-context.js";
import { loadDataKey } from "./server-secrets.js";
import type { VigilDb } from "./store/database.js";
import { CyberTipEvidenceRepository } from "./store/repositories/cybertip-evidence-repository.js";
import { CyberTipRepository } from "./store/repositories/cybertip-repository.js";

export interface CyberTip {
  service: CyberTipService;
  job: SubmissionJob;
  stop(): Promise<void>;
}

/** Reads what server-secrets' encryptField wrote: `v1.<nonce>.<tag>.<ciphertext>`, AES-256-GCM. */
export function decryptField(key: Buffer, sealed: string): string | null {
  const [version, nonce, tag, body] = sealed.split(".");
  if (version !== "v1" || !nonce || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    return null;
  }
}

const envMs = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export function startCyberTip(
  db: VigilDb,
  config: ServerConfig,
  vault: MediaBlobStore,
  log: Logger,
  onReportFiled: (filed: ReportFiled) => void | Promise<void> = () => {},
): CyberTip {
  const key = loadDataKey(config.dataDir);
  const reports = new CyberTipRepository(db);
  const ispws = ispwsConfigFromEnv();
  let job: SubmissionJob | null = null;
  const service = new CyberTipService({
    evidence: new CyberTipEvidenceRepository(db),
    reports,
    reporter: reporterConfigFromEnv(),
    revealPhone: (sealed) => decryptField(key, sealed),
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
