/**
 * A scale-out deployment for tests: a fresh PostgreSQL database, an API key,
 * a stream of its own on a NATS server, and `vigil serve --role ...`
 * processes; plus the checks every scale test ends with (one decision per
 * event, each subject's events decided in order).
 */

import { connect } from "nats";
import pg from "pg";
import { postgresTestDatabase, type TestDatabase } from "./databases.js";
import { deleteDeploymentStreams } from "./nats-streams.js";
import { type ServeProcess, serve, vigil } from "./vigil-process.js";

export interface ScaleDeployment {
  target: TestDatabase;
  key: string;
  env: NodeJS.ProcessEnv;
  store: string[];
  start(role: "api" | "worker", extra?: string[]): Promise<ServeProcess>;
  /** Stops every process started (SIGTERM), drops the database and the stream. */
  dispose(): Promise<void>;
  sql<T>(text: string, values?: unknown[]): Promise<T[]>;
  /** Lines of every process started so far (killed ones too) that match `pattern`. */
  logLines(pattern: RegExp): string[];
}

export async function scaleDeployment(
  natsUrl: string,
  env: NodeJS.ProcessEnv = {},
): Promise<ScaleDeployment> {
  const target = await postgresTestDatabase();
  const store = ["--data", target.options.dataDir, "--database-url", target.options.databaseUrl as string];
  const fullEnv = {
    DATABASE_URL: "",
    VIGIL_NATS_STREAM: `VIGIL_TEST_${process.pid}_${Date.now()}`,
    ...env,
  };
  const key = (
    await vigil(
      ["keys", "create", ...store, "--name", "platform", "--scopes", "events:write,cases:read"],
      fullEnv,
    )
  ).trim();
  const processes: ServeProcess[] = [];
  return {
    target,
    key,
    env: fullEnv,
    store,
    async start(role, extra = []) {
      // A generous start timeout: the machine these tests run on is shared and often loaded.
      const p = await serve([...store, "--nats-url", natsUrl, "--role", role, ...extra], fullEnv, 120_000);
      processes.push(p);
      return p;
    },
    logLines(pattern) {
      return processes.flatMap((p) => p.output().split("\n")).filter((line) => pattern.test(line));
    },
    async sql<T>(text: string, values: unknown[] = []) {
      const client = new pg.Client({ connectionString: target.options.databaseUrl });
      await client.connect();
      try {
        return (await client.query(text, values)).rows as T[];
      } finally {
        await client.end();
      }
    },
    async dispose() {
      for (const p of processes) {
        // Graceful first; a process that has not finished in 30 s is killed so the suite cannot hang.
        const timer = setTimeout(() => p.child.kill("SIGKILL"), 30_000);
        await p.stop();
        clearTimeout(timer);
      }
      await target.dispose();
      const nc = await connect({ servers: natsUrl.split(",") }).catch(() => null);
      if (nc) {
        await deleteDeploymentStreams(nc, fullEnv.VIGIL_NATS_STREAM);
        await nc.close();
      }
    },
  };
}

/** Decide rows in total and distinct events: equal to the events accepted when each was decided once. */
export async function decisionCounts(d: ScaleDeployment): Promise<{ n: number; d: number }> {
  const [row] = await d.sql<{ n: number; d: number }>(
    "SELECT count(*)::int AS n, count(DISTINCT event_seq)::int AS d FROM moderation_events WHERE kind = 'decide'",
  );
  return row;
}

/** Subjects whose events were decided out of acceptance order (decide rows by id vs. event seq), with an example. */
export async function outOfOrderSubjects(d: ScaleDeployment): Promise<string[]> {
  const rows = await d.sql<{ subject: string; seq: string }>(
    `SELECT e.subject_id AS subject, e.seq FROM moderation_events m JOIN events e ON e.seq = m.event_seq
     WHERE m.kind = 'decide' ORDER BY e.subject_id, m.id`,
  );
  const last = new Map<string, number>();
  const bad = new Set<string>();
  for (const r of rows) {
    const seq = Number(r.seq);
    if ((last.get(r.subject) ?? -1) > seq) bad.add(`${r.subject} (seq ${seq} after ${last.get(r.subject)})`);
    last.set(r.subject, seq);
  }
  return [...bad];
}
