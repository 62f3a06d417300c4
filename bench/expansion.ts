/**
 * Network expansion on the generated 1M-account network (issue 10): builds it
 * on PostgreSQL with set-based SQL (timed), then expands from every planted
 * ring's confirmed group, twice (first and repeated), and reports time,
 * recall and precision in the top N (N = ring size). The database
 * `vigil_bench_expansion` is kept between runs so a re-run skips the build;
 * VIGIL_BENCH_REGENERATE=1 builds it again.
 */
import { loadavg } from "node:os";
import pg from "pg";
import { expandFromSeed } from "../src/enforce/expansion/expand.js";
import {
  FULL_NETWORK,
  type NetworkShape,
  plantRings,
  SYNTHETIC_PLATFORM,
} from "../src/enforce/expansion/synthetic-network.js";
import { loadWeights } from "../src/enforce/expansion/weights.js";
import { openDatabase } from "../src/store/database.js";
import { ExpansionGraphRepository } from "../src/store/repositories/expansion-graph-repository.js";
import { SyntheticNetworkWriter } from "../src/store/repositories/synthetic-network-writer.js";

export interface ExpansionBenchOptions {
  databaseUrl?: string;
  regenerate: boolean;
  shape?: NetworkShape;
  log: (line: string) => void;
}

const DB_NAME = "vigil_bench_expansion";

async function benchDatabaseUrl(base: string, regenerate: boolean): Promise<string> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    if (regenerate) await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DB_NAME]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DB_NAME}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function runExpansionBench(
  options: ExpansionBenchOptions,
): Promise<{ label: string; value: string }[]> {
  const { log } = options;
  if (!options.databaseUrl) {
    log("no PostgreSQL: set VIGIL_BENCH_DATABASE_URL (or VIGIL_TEST_DATABASE_URL); expansion bench skipped");
    return [
      { label: "skipped", value: "no PostgreSQL URL (VIGIL_BENCH_DATABASE_URL or VIGIL_TEST_DATABASE_URL)" },
    ];
  }
  const shape = options.shape ?? FULL_NETWORK;
  const rows: { label: string; value: string }[] = [];
  const database = await openDatabase({
    databaseUrl: await benchDatabaseUrl(options.databaseUrl, options.regenerate),
    dataDir: "/nonexistent",
  });
  try {
    const rings = plantRings(shape);
    const writer = new SyntheticNetworkWriter(database.db);
    if (await writer.exists(SYNTHETIC_PLATFORM)) {
      log(`network already in ${DB_NAME}; generation skipped (VIGIL_BENCH_REGENERATE=1 rebuilds it)`);
    } else {
      const started = performance.now();
      await writer.write(
        SYNTHETIC_PLATFORM,
        shape,
        rings,
        (s) => {
          log(`generated ${s.step}: ${s.rows ?? ""} rows in ${s.seconds.toFixed(1)} s`);
          rows.push({ label: `generation: ${s.step}`, value: `${s.seconds.toFixed(1)} s (${s.rows} rows)` });
        },
        { bulkLoad: true },
      );
      const total = (performance.now() - started) / 1000;
      rows.push({
        label: "generation: total",
        value: `${total.toFixed(1)} s (load ${loadavg()[0].toFixed(1)})`,
      });
    }
    const counts = (await database.db.execute(
      "SELECT (SELECT count(*) FROM accounts) AS a, (SELECT count(*) FROM groups) AS g, (SELECT count(*) FROM memberships) AS m" as never,
    )) as unknown as { rows: { a: string; g: string; m: string }[] };
    const c = counts.rows[0];
    rows.push({
      label: "network",
      value: `${c.a} accounts, ${c.g} groups, ${c.m} memberships, ${rings.length} planted rings`,
    });
    const graph = new ExpansionGraphRepository(database.db);
    const weights = loadWeights();
    const first: number[] = [];
    const repeat: number[] = [];
    let worstRecall = 1;
    let worstOutside = 0;
    for (const ring of rings) {
      const truth = new Set(ring.accounts.map((a) => a.externalId));
      const seed = { kind: "group" as const, platform: SYNTHETIC_PLATFORM, id: ring.seed };
      for (const times of [first, repeat]) {
        const started = performance.now();
        const result = await expandFromSeed(graph, weights, seed, { limit: 5000, minScore: 0 });
        times.push(performance.now() - started);
        if (times === repeat) continue;
        const top = result.candidates.filter((x) => x.subjectKind === "account").slice(0, truth.size);
        const found = top.filter((x) => truth.has(x.platformId)).length;
        const recall = found / truth.size;
        const outside = (top.length - found) / Math.max(1, top.length);
        worstRecall = Math.min(worstRecall, recall);
        worstOutside = Math.max(worstOutside, outside);
        log(
          `ring ${ring.index} (${truth.size} accounts, seed ${ring.seed}): ${times[times.length - 1].toFixed(0)} ms, recall ${pct(recall)}, outside ${pct(outside)}, scored ${result.summary.accountsScored} accounts in ${result.summary.groupsExpanded + 1} groups`,
        );
      }
    }
    rows.push(
      {
        label: "expansion time, first run per seed (median / max)",
        value: `${median(first).toFixed(0)} ms / ${Math.max(...first).toFixed(0)} ms (${first.length} seeds; target < 2000 ms)`,
      },
      {
        label: "expansion time, repeated (median / max)",
        value: `${median(repeat).toFixed(0)} ms / ${Math.max(...repeat).toFixed(0)} ms`,
      },
      { label: "recall in top N = ring size (worst ring)", value: `${pct(worstRecall)} (target >= 95%)` },
      { label: "from outside the ring in top N (worst ring)", value: `${pct(worstOutside)} (target <= 5%)` },
      { label: "load average (1 min) at the end", value: loadavg()[0].toFixed(1) },
    );
    return rows;
  } finally {
    await database.close();
  }
}
