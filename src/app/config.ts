/**
 * Every environment variable the service and its engines read, read here once
 * (per start) into one typed, validated configuration; docs/CONFIGURATION.md
 * is its table. The CLI reads its own flags and the few variables that only
 * its commands use (listed in the same table). Nothing below app/ reads
 * process.env: the values go down as parameters and options.
 */
import { z } from "zod";
import { previewBases } from "../crawl/preview/preview-sources.js";
import type { BulkThresholds } from "../domain/bulk-thresholds.js";
import { parsePartitions } from "../domain/partitions.js";
import { bulkThresholdsFromEnv } from "../enforce/bulk/bulk-thresholds.js";
import { disableWasmKernel } from "../hashing/pdq/wasm-kernel.js";
import { disableWasmScan } from "../matching/wasm-scan.js";
import type { MediaKeyEnv } from "../media/media-key.js";
import { setScratchRoot } from "../media/scratch-file.js";
import { type IspwsConfig, ispwsConfigFromEnv } from "../report/cybertip/ispws-client.js";
import { type ReporterConfig, reporterConfigFromEnv } from "../report/cybertip/reporter-config.js";
import { setXmlDumpDir } from "../report/cybertip/xml-dump.js";
import { type EvidenceConfig, evidenceConfig } from "../report/evidence/evidence-config.js";
import type { SigningKeyEnv } from "../report/handover/signing-key.js";
import type { DataKeyEnv } from "../store/field-cipher.js";

export type EnvSource = Readonly<Record<string, string | undefined>>;

const DAY_MS = 86_400_000;

/** Unset and empty both mean "the default". */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v));
const wholeNumber = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) {
        ctx.addIssue({ code: "custom", message: `must be a whole number >= 0, got ${JSON.stringify(v)}` });
        return z.NEVER;
      }
      return n;
    });
const switchedOffBy0 = z
  .string()
  .optional()
  .transform((v) => v !== "0");

/** The variables read as plain values; the rest are parsed by the modules that own their rules. */
const Plain = z.object({
  VIGIL_LOG_LEVEL: optionalText.transform((v) => v ?? "info"),
  VIGIL_LEXICON_DIR: optionalText,
  VIGIL_SCRATCH_DIR: optionalText,
  VIGIL_XML_DUMP_DIR: optionalText,
  VIGIL_EXPANSION_WEIGHTS: optionalText,
  VIGIL_PDQ_WASM: switchedOffBy0,
  VIGIL_MATCH_WASM: switchedOffBy0,
  VIGIL_WEBHOOK_BACKOFF_MS: wholeNumber(1_000),
  VIGIL_WEBHOOK_CONCURRENCY: wholeNumber(16),
  VIGIL_BULK_FAILING_AFTER_ATTEMPTS: wholeNumber(10),
  VIGIL_BULK_POLL_MS: wholeNumber(2_000),
  VIGIL_NATS_STREAM: optionalText.transform((v) => (v ?? "VIGIL_EVENTS").replace(/[^A-Za-z0-9_-]/g, "_")),
  VIGIL_NATS_ACK_WAIT_MS: wholeNumber(30_000),
  VIGIL_NATS_REPLICAS: wholeNumber(1),
  VIGIL_INDEX_SNAPSHOT_MS: wholeNumber(600_000),
  VIGIL_BANK_CHANGE_RETENTION_MS: wholeNumber(7 * DAY_MS),
  VIGIL_NCMEC_MAX_ATTEMPTS: wholeNumber(3),
  VIGIL_NCMEC_LEASE_MS: wholeNumber(10 * 60_000),
  VIGIL_NCMEC_RETRY_DELAY_MS: wholeNumber(30_000),
  VIGIL_NCMEC_POLL_MS: wholeNumber(5_000),
  VIGIL_EXCHANGE_PULL_SECONDS: wholeNumber(300),
});

export interface EnvConfig {
  logLevel: string;
  /** The text signal's lexicons; the shipped lexicons/ when unset. */
  lexiconDir?: string;
  /** Where plaintext scratch copies of videos go; /dev/shm or the OS temp folder when unset. */
  scratchDir?: string;
  /** Every CyberTipline XML document built is also written here (development only). */
  xmlDumpDir?: string;
  /** Network expansion weights; the shipped rules/expansion-weights.json when unset. */
  expansionWeightsFile?: string;
  /** Seconds between scheduled pulls of every exchange source (issue 19); 0: only on demand. */
  exchangePullSeconds: number;
  pdqWasm: boolean;
  matchWasm: boolean;
  /** The data, media and export signing keys as given (loaded with the data folder's key files). */
  keys: DataKeyEnv & MediaKeyEnv & SigningKeyEnv;
  webhooks: { backoffMs: number; concurrency: number };
  bulk: { thresholds: BulkThresholds; failingAfterAttempts: number; pollMs: number };
  nats: {
    stream: string;
    ackWaitMs: number;
    partitions: number;
    replicas: number;
    indexSnapshotMs: number;
    bankChangeRetentionMs: number;
  };
  cybertip: {
    ispws: IspwsConfig | null;
    reporter: ReporterConfig;
    maxAttempts: number;
    leaseMs: number;
    retryDelayMs: number;
    pollMs: number;
  };
  evidence: EvidenceConfig;
  /** VIGIL_PREVIEW_BASE_<PLATFORM>: where invite previews are fetched from. */
  previewBases: ReturnType<typeof previewBases>;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Reads and checks the environment; a bad value is a ConfigError naming the variable. */
export function loadEnvConfig(env: EnvSource = process.env): EnvConfig {
  const parsed = Plain.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${String(issue?.path[0] ?? "environment")} ${issue?.message ?? "is invalid"}`);
  }
  const p = parsed.data;
  const named = (read: () => unknown) => {
    try {
      return read();
    } catch (error) {
      throw new ConfigError(error instanceof Error ? error.message : String(error));
    }
  };
  return {
    logLevel: p.VIGIL_LOG_LEVEL,
    lexiconDir: p.VIGIL_LEXICON_DIR,
    scratchDir: p.VIGIL_SCRATCH_DIR,
    xmlDumpDir: p.VIGIL_XML_DUMP_DIR,
    expansionWeightsFile: p.VIGIL_EXPANSION_WEIGHTS,
    exchangePullSeconds: p.VIGIL_EXCHANGE_PULL_SECONDS,
    pdqWasm: p.VIGIL_PDQ_WASM,
    matchWasm: p.VIGIL_MATCH_WASM,
    keys: {
      VIGIL_DATA_KEY: env.VIGIL_DATA_KEY,
      VIGIL_DATA_PREVIOUS_KEYS: env.VIGIL_DATA_PREVIOUS_KEYS,
      VIGIL_MEDIA_KEY: env.VIGIL_MEDIA_KEY,
      VIGIL_MEDIA_PREVIOUS_KEYS: env.VIGIL_MEDIA_PREVIOUS_KEYS,
      VIGIL_EXPORT_SIGNING_KEY: env.VIGIL_EXPORT_SIGNING_KEY,
    },
    webhooks: { backoffMs: p.VIGIL_WEBHOOK_BACKOFF_MS, concurrency: p.VIGIL_WEBHOOK_CONCURRENCY },
    bulk: {
      thresholds: named(() => bulkThresholdsFromEnv(env)) as BulkThresholds,
      failingAfterAttempts: p.VIGIL_BULK_FAILING_AFTER_ATTEMPTS,
      pollMs: p.VIGIL_BULK_POLL_MS,
    },
    nats: {
      stream: p.VIGIL_NATS_STREAM,
      ackWaitMs: p.VIGIL_NATS_ACK_WAIT_MS,
      partitions: named(() => parsePartitions(env.VIGIL_PARTITIONS)) as number,
      replicas: p.VIGIL_NATS_REPLICAS,
      indexSnapshotMs: p.VIGIL_INDEX_SNAPSHOT_MS,
      bankChangeRetentionMs: p.VIGIL_BANK_CHANGE_RETENTION_MS,
    },
    cybertip: {
      ispws: ispwsConfigFromEnv(env),
      reporter: reporterConfigFromEnv(env),
      maxAttempts: p.VIGIL_NCMEC_MAX_ATTEMPTS,
      leaseMs: p.VIGIL_NCMEC_LEASE_MS,
      retryDelayMs: p.VIGIL_NCMEC_RETRY_DELAY_MS,
      pollMs: p.VIGIL_NCMEC_POLL_MS,
    },
    evidence: named(() => evidenceConfig(env)) as EvidenceConfig,
    previewBases: previewBases(env),
  };
}

/**
 * The process-wide switches engines read at first use (scratch folder, XML
 * dump, WebAssembly kernels), set before anything hashes or builds a report.
 */
export function applyProcessSettings(config: EnvConfig): void {
  setScratchRoot(config.scratchDir);
  setXmlDumpDir(config.xmlDumpDir);
  if (!config.pdqWasm) disableWasmKernel();
  if (!config.matchWasm) disableWasmScan();
}
