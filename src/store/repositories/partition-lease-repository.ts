/**
 * Partition leases on PostgreSQL session advisory locks, on a connection of
 * their own: a lock is held exactly as long as the worker's session lives,
 * so a SIGKILLed worker's partitions are free as soon as the server sees its
 * socket close, with no lease timer to tune. Members are counted from
 * pg_locks (two-key advisory locks show as classid/objid, objsubid 2).
 */
import pg from "pg";
import { stableHash } from "../../domain/partitions.js";

/** Keys are int4; keep them positive so they read back from pg_locks' oid columns unchanged. */
function namespace(name: string): number {
  return stableHash(name) & 0x7fffffff;
}

/** Fits pipeline/partition-leases.ts PartitionLeases, the interface its user owns. */
export class PostgresPartitionLeases {
  private client: pg.Client | null = null;
  private broken = false;
  private readonly partitionSpace: number;
  private readonly memberSpace: number;
  private readonly memberId = Math.floor(Math.random() * 0x7fffffff);

  constructor(
    private readonly databaseUrl: string,
    /** Separates deployments (streams) sharing one database server. */
    scope: string,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.partitionSpace = namespace(`${scope}:partition`);
    this.memberSpace = namespace(`${scope}:member`);
  }

  get healthy(): boolean {
    return this.client !== null && !this.broken;
  }

  async join(): Promise<void> {
    await this.close();
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: "vigil-leases" });
    client.on("error", (error) => {
      this.broken = true;
      this.onError(error);
    });
    await client.connect();
    this.client = client;
    this.broken = false;
    await client.query("SELECT pg_advisory_lock($1, $2)", [this.memberSpace, this.memberId]);
  }

  async members(): Promise<number> {
    const { rows } = await this.session().query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = $1::oid",
      [this.memberSpace],
    );
    return rows[0]?.n ?? 0;
  }

  async tryAcquire(partition: number): Promise<boolean> {
    const { rows } = await this.session().query<{ ok: boolean }>(
      "SELECT pg_try_advisory_lock($1, $2) AS ok",
      [this.partitionSpace, partition],
    );
    return rows[0]?.ok === true;
  }

  async release(partition: number): Promise<void> {
    await this.session().query("SELECT pg_advisory_unlock($1, $2)", [this.partitionSpace, partition]);
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    // Closing the session drops every lock it holds.
    await client?.end().catch(() => {});
  }

  private session(): pg.Client {
    if (!this.client || this.broken) throw new Error("partition lease session is not connected");
    return this.client;
  }
}
