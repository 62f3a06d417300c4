/**
 * Search at scale on PostgreSQL (issue 16): 1,000,000 accounts, 200,000
 * groups, 10,000,000 memberships and 200,000 invite links, seeded set-based
 * (generate_series; the trigram indexes are rebuilt once after loading), then
 * p50 and p95 of the search service for a phone number (national form), a
 * platform id, an invite link URL and a name fragment. Goals: p95 under 100 ms
 * for exact keys and under 300 ms for name fragments.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import pino from "pino";
import { startServer } from "../src/app/start.js";
import { serverConfig } from "../src/cli/commands/serve.js";

export interface SearchBenchOptions {
  accounts: number;
  groups: number;
  memberships: number;
  samples: number;
  databaseUrl?: string;
  log(line: string): void;
}

/** Accounts given real phone numbers (keyed with the server's key); the rest get keys of the same shape. */
const PHONES = 2000;
const SYLLABLES = [
  "ka",
  "lo",
  "mi",
  "ne",
  "su",
  "ta",
  "ri",
  "po",
  "be",
  "du",
  "fa",
  "gi",
  "ho",
  "ju",
  "ve",
  "zo",
];

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Three syllables from a number, as the SQL below makes them. */
function word(n: number): string {
  return SYLLABLES[n % 16] + SYLLABLES[Math.floor(n / 16) % 16] + SYLLABLES[Math.floor(n / 256) % 16];
}

export async function runSearchBench(
  options: SearchBenchOptions,
): Promise<{ label: string; value: string }[]> {
  if (!options.databaseUrl) return [{ label: "search", value: "not run: set VIGIL_BENCH_DATABASE_URL" }];
  const name = `vigil_bench_search_${process.pid}`;
  const admin = new pg.Client({ connectionString: options.databaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(options.databaseUrl);
  url.pathname = `/${name}`;
  const dataDir = await mkdtemp(join(tmpdir(), "vigil-bench-search-"));
  const config = serverConfig({ data: dataDir, host: "127.0.0.1", port: "0", demo: false, batchSize: "500" });
  config.databaseUrl = url.toString();
  config.defaultCountry = "GB";
  const server = await startServer(config, { log: pino({ level: "silent" }) });
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  try {
    const { accounts, groups, memberships } = options;
    const started = performance.now();
    const syl = `ARRAY[${SYLLABLES.map((s) => `'${s}'`).join(",")}]`;
    const w = (n: string) =>
      `(${syl})[${n} % 16 + 1] || (${syl})[(${n} / 16) % 16 + 1] || (${syl})[(${n} / 256) % 16 + 1]`;
    await db.query(
      "DROP INDEX accounts_search_name_trgm, groups_search_name_trgm, groups_search_description_trgm",
    );
    options.log(`seeding ${accounts} accounts, ${groups} groups, ${memberships} memberships ...`);
    await db.query(`INSERT INTO accounts (platform, external_id, name, search_name, phone_key)
      SELECT 'whatsapp', 'a-' || i, initcap(${w("(i * 7)")}) || ' ' || initcap(${w("(i * 13 + 5)")}),
             ${w("(i * 7)")} || ' ' || ${w("(i * 13 + 5)")}, md5(i::text)
      FROM generate_series(1, ${accounts}) i`);
    await db.query(`INSERT INTO groups (platform, external_id, name, description, search_name, search_description)
      SELECT 'whatsapp', 'g-' || i,
             initcap(${w("(i * 3)")}) || ' Café ' || initcap(${w("(i * 11 + 1)")}) || ' ' || initcap(${w("(i * 17 + 2)")}),
             'Grupo ' || ${w("(i * 19 + 3)")},
             ${w("(i * 3)")} || ' cafe ' || ${w("(i * 11 + 1)")} || ' ' || ${w("(i * 17 + 2)")},
             'grupo ' || ${w("(i * 19 + 3)")}
      FROM generate_series(1, ${groups}) i`);
    const perGroup = Math.max(1, Math.floor(memberships / groups));
    await db.query(`INSERT INTO memberships (group_id, account_id, role)
      SELECT i / ${perGroup} + 1, i % ${accounts} + 1, CASE WHEN i % ${perGroup} = 0 THEN 'admin' ELSE 'member' END
      FROM generate_series(0, ${groups * perGroup - 1}) i`);
    await db.query(`INSERT INTO invite_links (platform, code, url, group_id)
      SELECT 'whatsapp', 'Bench' || lpad(i::text, 12, '0'), 'https://chat.whatsapp.com/Bench' || lpad(i::text, 12, '0'), i
      FROM generate_series(1, ${groups}) i`);
    // Real keys for a sample of accounts: +447700 900000 + j, keyed as the service keys them.
    const phoneKeys = Array.from({ length: PHONES }, (_, j) =>
      server.ctx.personal.phoneKey(`+4477009${String(j).padStart(5, "0")}`),
    );
    await db.query(
      `UPDATE accounts a SET phone_key = k.key FROM unnest($1::text[]) WITH ORDINALITY AS k(key, n)
       WHERE a.id = k.n * ${Math.floor(accounts / PHONES)}`,
      [phoneKeys],
    );
    options.log(
      `loaded in ${((performance.now() - started) / 1000).toFixed(0)} s; building trigram indexes ...`,
    );
    await db.query("CREATE INDEX accounts_search_name_trgm ON accounts USING gin (search_name gin_trgm_ops)");
    await db.query("CREATE INDEX groups_search_name_trgm ON groups USING gin (search_name gin_trgm_ops)");
    await db.query(
      "CREATE INDEX groups_search_description_trgm ON groups USING gin (search_description gin_trgm_ops)",
    );
    await db.query("ANALYZE");
    const seeded = (performance.now() - started) / 1000;
    options.log(`seeded and indexed in ${seeded.toFixed(0)} s`);

    const viewer = { actor: "key:bench", role: null };
    const timed = async (label: string, q: (i: number) => string) => {
      const ms: number[] = [];
      let found = 0;
      for (let i = 0; i < options.samples; i++) {
        const t = performance.now();
        const result = await server.ctx.search.search(
          { q: q(i), kind: "auto", radius: 31, offset: 0, limit: 20 },
          viewer,
        );
        ms.push(performance.now() - t);
        if (result.results.length > 0) found++;
      }
      ms.sort((a, b) => a - b);
      const value = `p50 ${quantile(ms, 0.5).toFixed(1)} ms, p95 ${quantile(ms, 0.95).toFixed(1)} ms (${options.samples} searches, ${found} with results)`;
      options.log(`${label}: ${value}`);
      return { label, value };
    };
    const rows = [
      {
        label: "data",
        value: `${accounts.toLocaleString("en")} accounts, ${groups.toLocaleString("en")} groups, ${(groups * perGroup).toLocaleString("en")} memberships, ${groups.toLocaleString("en")} invite links; seeded and indexed in ${seeded.toFixed(0)} s`,
      },
      await timed(
        "phone number, national form (`07700 9xxxxx`)",
        (i) => `07700 9${String((i * 37) % PHONES).padStart(5, "0")}`,
      ),
      await timed("platform account id (`a-N`)", (i) => `a-${1 + ((i * 7919) % accounts)}`),
      await timed(
        "invite link URL",
        (i) => `https://chat.whatsapp.com/Bench${String(1 + ((i * 104729) % groups)).padStart(12, "0")}`,
      ),
      await timed("name fragment (5 letters of a word, any accent or case)", (i) =>
        word((i * 131) % 4096)
          .slice(0, 5)
          .toUpperCase(),
      ),
    ];
    rows.push({
      label: "load average during the run",
      value: loadavg()
        .map((l) => l.toFixed(1))
        .join(", "),
    });
    return rows;
  } finally {
    await db.end();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
    const cleanup = new pg.Client({ connectionString: options.databaseUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  }
}
