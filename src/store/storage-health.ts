/**
 * Whether this process can write: a full disk (vault, database, spooled
 * uploads) is remembered here, so the API answers 503 StorageFull with
 * Retry-After instead of 500, `/readyz` says "not ready" until a probe write
 * succeeds again, and the log gets at most one line per interval however many
 * writes fail (a full disk once wrote 408 MB of log in 34 failures: issue 17,
 * finding 10). The lines name where the write failed and the error code, never
 * a request.
 */
import type { Logger } from "pino";

/** PostgreSQL's disk_full SQLSTATE, and the errno names of a full disk or quota. */
const FULL_CODES = new Set(["ENOSPC", "EDQUOT", "53100"]);
const FULL_MESSAGE = /ENOSPC|No space left on device|could not extend file/i;

/** True when `error` (or one of its causes) says the disk or quota is full. */
export function isStorageFull(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && FULL_CODES.has(code)) return true;
    if (FULL_MESSAGE.test(current.message.slice(0, 500))) return true;
    current = current.cause;
  }
  return false;
}

export interface StorageHealthOptions {
  /** At most one log line per this many ms while the disk stays full. */
  logIntervalMs: number;
  /** What clients are told to wait (Retry-After) before writing again. */
  retryAfterSeconds: number;
  now: () => number;
}

export const DEFAULT_STORAGE_HEALTH: StorageHealthOptions = {
  logIntervalMs: 60_000,
  retryAfterSeconds: 30,
  now: Date.now,
};

export class StorageHealth {
  private fullSince: number | null = null;
  private lastLogged = Number.NEGATIVE_INFINITY;
  private failuresSinceLog = 0;
  private readonly options: StorageHealthOptions;

  constructor(
    private readonly log: Logger,
    /** A small durable write where the data lives; throws when it cannot be written. */
    private readonly probeWrite: () => Promise<void>,
    options: Partial<StorageHealthOptions> = {},
  ) {
    this.options = { ...DEFAULT_STORAGE_HEALTH, ...options };
  }

  get full(): boolean {
    return this.fullSince !== null;
  }

  get retryAfterSeconds(): number {
    return this.options.retryAfterSeconds;
  }

  /** A write failed because the disk is full: remember it; log once per interval. */
  reportFull(where: string, error: unknown): void {
    const now = this.options.now();
    this.fullSince ??= now;
    this.failuresSinceLog += 1;
    if (now - this.lastLogged < this.options.logIntervalMs) return;
    const code = (error as { code?: unknown } | null)?.code;
    this.log.error(
      {
        where: where.slice(0, 100),
        code: typeof code === "string" ? code.slice(0, 20) : undefined,
        failed_writes: this.failuresSinceLog,
        full_since: new Date(this.fullSince).toISOString(),
      },
      "storage full: writes are refused with 503 StorageFull until space is freed",
    );
    this.lastLogged = now;
    this.failuresSinceLog = 0;
  }

  /** A write succeeded: the disk has room again. */
  reportWriteOk(): void {
    if (this.fullSince === null) return;
    this.log.info(
      { full_for_ms: this.options.now() - this.fullSince, failed_writes: this.failuresSinceLog },
      "storage writable again",
    );
    this.fullSince = null;
    this.failuresSinceLog = 0;
    this.lastLogged = Number.NEGATIVE_INFINITY;
  }

  /** Ready to write: true at once while nothing failed; after a failure, only once a probe write succeeds. */
  async writable(): Promise<boolean> {
    if (!this.full) return true;
    try {
      await this.probeWrite();
    } catch (error) {
      if (isStorageFull(error)) {
        this.reportFull("probe", error);
        return false;
      }
      throw error;
    }
    this.reportWriteOk();
    return true;
  }
}
