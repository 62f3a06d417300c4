/**
 * The review console at 100,000 open cases on PostgreSQL (issue 6): the
 * queue summary, "Start reviewing" (a real claim each time: SKIP LOCKED,
 * moderation event, released again untimed) in both sort orders, and the case
 * page, each timed over HTTP against the running server, p50 and p99. Cases
 * and reports are seeded set-based (one INSERT ... SELECT generate_series).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import pino from "pino";
import { startServer } from "../src/app/start.js";
import { serverConfig } from "../src/cli/commands/serve.js";
import { signIn } from "../test/console/console-client.js";
import { CHROMIUM_ABSENT, launchChromium } from "../test/e2e/chromium.js";

export interface ConsoleBenchOptions {
  cases: number;
  samples: number;
  databaseUrl?: string;
  log(line: string): void;
}

const QUEUES = ["spam", "grooming", "child-safety", "ncmec", "adult", "scam", "impersonation", "violent"];
const PASSWORD = "bench password, not secret";

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** `call` answers the milliseconds that count (a claim's release afterwards is not timed). */
async function timed(samples: number, call: (i: number) => Promise<number>): Promise<string> {
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) ms.push(await call(i));
  ms.sort((a, b) => a - b);
  return `p50 ${quantile(ms, 0.5).toFixed(1)} ms, p99 ${quantile(ms, 0.99).toFixed(1)} ms (${samples} calls)`;
}

export async function runConsoleBench(
  options: ConsoleBenchOptions,
): Promise<{ label: string; value: string }[]> {
  if (!options.databaseUrl) return [{ label: "console", value: "not run: set VIGIL_BENCH_DATABASE_URL" }];
  const name = `vigil_bench_console_${process.pid}`;
  const admin = new pg.Client({ connectionString: options.databaseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(options.databaseUrl);
  url.pathname = `/${name}`;
  const dataDir = await mkdtemp(join(tmpdir(), "vigil-bench-console-"));
  const config = serverConfig({ data: dataDir, host: "127.0.0.1", port: "0", demo: false, batchSize: "500" });
  config.databaseUrl = url.toString();
  const server = await startServer(config, { log: pino({ level: "silent" }) });
  try {
    await server.ctx.repos.users.create("lead@bench.example", "lead", "", PASSWORD);
    const seedStart = performance.now();
    const n = options.cases;
    // Spread over queues, priorities 0..99 and the last two days; a tenth of the subjects reported 1-5 times.
    await server.ctx.database.exec(`
      INSERT INTO cases (platform, subject_type, subject_id, queue, priority, created_at)
      SELECT 'bench', 'group', 'g' || i, (ARRAY['${QUEUES.join("','")}'])[1 + i % ${QUEUES.length}],
             (i::bigint * 7919) % 100, now() - make_interval(secs => (i::bigint * 104729) % 172800)
      FROM generate_series(1, ${n}) AS i;
      INSERT INTO reports (public_id, platform, source, subject_type, subject_id, reason)
      SELECT 'r' || i || '-' || k, 'bench', 'user', 'group', 'g' || i, 'spam'
      FROM generate_series(1, ${n}, 10) AS i, generate_series(1, 1 + i % 5) AS k;
      ANALYZE cases; ANALYZE reports;`);
    options.log(
      `seeded ${n.toLocaleString("en")} cases in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
    );
    const lead = await signIn(server.url, "lead@bench.example", PASSWORD);
    const rows: { label: string; value: string }[] = [];
    const load = () => `load ${loadavg()[0].toFixed(2)}`;
    const measure = async (label: string, call: (i: number) => Promise<void>) => {
      const clock = async (i: number) => {
        const start = performance.now();
        await call(i);
        return performance.now() - start;
      };
      await clock(0); // warm
      const value = await timed(options.samples, clock);
      options.log(`${label}: ${value}`);
      rows.push({ label: `${label} (${load()})`, value });
    };
    await measure(
      `GET /v1/console/queues, ${n.toLocaleString("en")} open cases in ${QUEUES.length} queues`,
      async () => {
        const r = await lead.call("GET", "/v1/console/queues");
        if (r.status !== 200) throw new Error(JSON.stringify(r.json));
      },
    );
    // Each sample claims a case (timed) and gives it back (untimed), so every claim is a real one.
    const claims = async (label: string) => {
      const value = await timed(options.samples + 1, async () => {
        const start = performance.now();
        const r = await lead.call("POST", "/v1/console/queues/spam/next");
        const ms = performance.now() - start;
        const c = r.json.case as { id: number } | null;
        if (!c) throw new Error(`no case: ${JSON.stringify(r.json)}`);
        await lead.call("POST", `/v1/console/cases/${c.id}/release`);
        return ms;
      });
      options.log(`${label}: ${value}`);
      rows.push({ label: `${label} (${load()})`, value });
    };
    const perQueue = Math.round(n / QUEUES.length).toLocaleString("en");
    await claims(
      `POST /v1/console/queues/spam/next (claim), priority then age, ${perQueue} cases in the queue`,
    );
    await lead.call("PUT", "/v1/console/queues/spam/settings", { sort: "reports" });
    await claims("the same, the queue sorted by report count");
    const ids = (
      (await server.ctx.database.db.execute(
        "SELECT id FROM cases ORDER BY random() LIMIT 1000",
      )) as unknown as {
        rows: { id: string }[];
      }
    ).rows.map((r) => Number(r.id));
    await measure("GET /v1/console/cases/:id (case page)", async (i) => {
      const r = await lead.call("GET", `/v1/console/cases/${ids[i % ids.length]}`);
      if (r.status !== 200) throw new Error(JSON.stringify(r.json));
    });
    rows.push(...(await browserTimings(server.url, options.log, load)));
    return rows;
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
    const c = new pg.Client({ connectionString: options.databaseUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  }
}

/**
 * What a reviewer sees, in Debian's chromium: the queue page drawn after opening the console
 * (signed in), and the first case drawn after "Start reviewing" (issue 6: within a second).
 */
async function browserTimings(
  url: string,
  log: (line: string) => void,
  load: () => string,
): Promise<{ label: string; value: string }[]> {
  if (CHROMIUM_ABSENT) {
    log(`browser timings not run: ${CHROMIUM_ABSENT}`);
    return [];
  }
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(30_000);
    await page.goto(`${url}/console/`);
    await page.fill("input[name=email]", "lead@bench.example");
    await page.fill("input[name=password]", PASSWORD);
    await page.click("button[type=submit]");
    const row = page.locator("tr[data-queue=spam]");
    await row.waitFor();
    const samples = 10;
    // A full load each time (scripts, session, queue summary), not a same-page hash change.
    const queuePage = await timed(samples, async () => {
      await page.goto("about:blank");
      const start = performance.now();
      await page.goto(`${url}/console/`);
      await row.waitFor();
      return performance.now() - start;
    });
    const firstCase = await timed(samples, async () => {
      await page.goto(`${url}/console/#/`);
      await row.waitFor();
      const start = performance.now();
      await row.getByRole("button", { name: "Start reviewing" }).click();
      await page.getByRole("heading", { name: /^Case \d+/ }).waitFor();
      return performance.now() - start;
    });
    log(`browser: queue page drawn ${queuePage}; first case drawn after Start reviewing ${firstCase}`);
    return [
      { label: `browser: console opened to the queue page drawn (${load()})`, value: queuePage },
      { label: `browser: "Start reviewing" to the first case drawn (${load()})`, value: firstCase },
    ];
  } finally {
    await browser.close();
  }
}
