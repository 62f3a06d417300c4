/**
 * `npm run bench [-- names...]`: runs the benchmarks (all, or those named) and
 * records each one's figures in docs/PERFORMANCE.md with the command and machine.
 * Paths to Meta's reference tools, built by you outside this repository, are
 * read from the environment (see docs/PERFORMANCE.md).
 */
import { availableParallelism, cpus, totalmem } from "node:os";
import { runBulkBench } from "./bulk.js";
import { runConsoleBench } from "./console.js";
import { runCrawlBench } from "./crawl.js";
import { runEvidenceBench } from "./evidence.js";
import { runExpansionBench } from "./expansion.js";
import { runHashingBench } from "./hashing.js";
import { runMatchingBenchInChild } from "./matching-child.js";
import { markdownTable, writeSection } from "./performance-doc.js";
import { runSearchBench } from "./search.js";
import { runServiceBench } from "./service.js";
import { runTextBench } from "./text.js";
import { runUploadsBench } from "./uploads.js";

type Bench = (log: (line: string) => void) => Promise<{ label: string; value: string }[]>;

const env = process.env;

const BENCHES: Record<string, { title: string; command: string; run: Bench }> = {
  hashing: {
    title: "Hashing (issue 2)",
    command: "npm run bench -- hashing",
    run: (log) =>
      runHashingBench({
        images: Number(env.VIGIL_BENCH_IMAGES ?? 96),
        log,
        cppCoreDriver: env.VIGIL_BENCH_PDQ_CPP_DRIVER,
        photoHasher: env.VIGIL_BENCH_PDQ_PHOTO_HASHER,
        coreImage: env.VIGIL_BENCH_CORE_IMAGE,
      }),
  },
  service: {
    title: "Service: HTTP intake to decision (issue 4)",
    command: "npm run bench -- service",
    run: (log) =>
      runServiceBench({
        events: Number(env.VIGIL_BENCH_EVENTS ?? 50_000),
        uploads: Number(env.VIGIL_BENCH_UPLOADS ?? 1000),
        databaseUrl: env.VIGIL_BENCH_DATABASE_URL,
        log,
      }),
  },
  text: {
    title: "Text signals: group names a second on one core, all lexicons loaded (issues 5 and 25)",
    command: "npm run bench -- text",
    run: (log) =>
      runTextBench({
        names: Number(env.VIGIL_BENCH_NAMES ?? 200_000),
        terms: Number(env.VIGIL_BENCH_TERMS ?? 5_000),
        log,
      }),
  },
  crawl: {
    title: "Directory crawler (issue 7)",
    command: "npm run bench -- crawl",
    run: (log) => runCrawlBench({ pages: Number(env.VIGIL_BENCH_CRAWL_PAGES ?? 10_000), log }),
  },
  matching: {
    title: "Matching (issue 3)",
    command: "npm run bench -- matching",
    // Sizes: VIGIL_BENCH_MATCHING_SIZES=1000000,10000000 (the default); also read by the
    // child: VIGIL_BENCH_QUERIES, VIGIL_BENCH_SKIP_SNAPSHOT, VIGIL_BENCH_PDQ_BENCHMARK_QUERY,
    // VIGIL_BENCH_CPP_QUERIES (see bench/matching.ts).
    run: (log) =>
      runMatchingBenchInChild(
        (env.VIGIL_BENCH_MATCHING_SIZES ?? "1000000,10000000").split(",").map(Number),
        log,
      ),
  },
  console: {
    title: "Review console at 100,000 open cases (issue 6)",
    command: "npm run bench -- console",
    run: (log) =>
      runConsoleBench({
        cases: Number(env.VIGIL_BENCH_CONSOLE_CASES ?? 100_000),
        samples: Number(env.VIGIL_BENCH_CONSOLE_SAMPLES ?? 200),
        databaseUrl: env.VIGIL_BENCH_DATABASE_URL,
        log,
      }),
  },
  evidence: {
    title: "Evidence store: envelope encryption and package verification (issue 8)",
    command: "npm run bench -- evidence",
    run: (log) =>
      runEvidenceBench({
        blobs: Number(env.VIGIL_BENCH_EVIDENCE_BLOBS ?? 200),
        blobBytes: Number(env.VIGIL_BENCH_EVIDENCE_BYTES ?? 1 << 20),
        log,
      }),
  },
  expansion: {
    title: "Network expansion on 1M accounts (issue 10)",
    command: "npm run bench -- expansion",
    run: (log) =>
      runExpansionBench({
        databaseUrl: env.VIGIL_BENCH_DATABASE_URL ?? env.VIGIL_TEST_DATABASE_URL,
        regenerate: env.VIGIL_BENCH_REGENERATE === "1",
        log,
      }),
  },
  bulk: {
    title: "Bulk enforcement: a 130,000-account ban and its reversal (issue 10)",
    command: "npm run bench -- bulk",
    run: (log) =>
      runBulkBench({
        accounts: Number(env.VIGIL_BENCH_BULK_ACCOUNTS ?? 130_000),
        databaseUrl: env.VIGIL_BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
        log,
      }),
  },
  uploads: {
    title: "Big image uploads: 20 concurrent 80-megapixel PNGs, peak memory (issue 17)",
    command: "npm run bench -- uploads",
    run: (log) =>
      runUploadsBench({
        uploads: Number(env.VIGIL_BENCH_UPLOAD_COUNT ?? 20),
        width: Number(env.VIGIL_BENCH_UPLOAD_WIDTH ?? 10_000),
        height: Number(env.VIGIL_BENCH_UPLOAD_HEIGHT ?? 8_000),
        unbounded: env.VIGIL_BENCH_UPLOADS_UNBOUNDED === "1",
        log,
      }),
  },
  search: {
    title: "Search on PostgreSQL: 1M accounts, 200k groups, 10M memberships (issue 16)",
    command: "npm run bench -- search",
    run: (log) =>
      runSearchBench({
        accounts: Number(env.VIGIL_BENCH_SEARCH_ACCOUNTS ?? 1_000_000),
        groups: Number(env.VIGIL_BENCH_SEARCH_GROUPS ?? 200_000),
        memberships: Number(env.VIGIL_BENCH_SEARCH_MEMBERSHIPS ?? 10_000_000),
        samples: Number(env.VIGIL_BENCH_SEARCH_SAMPLES ?? 200),
        databaseUrl: env.VIGIL_BENCH_DATABASE_URL ?? env.VIGIL_TEST_DATABASE_URL,
        log,
      }),
  },
};

function machine(): string {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  return `${cpu}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const chosen = names.length > 0 ? names : Object.keys(BENCHES);
  for (const name of chosen) {
    const bench = BENCHES[name];
    if (!bench) {
      console.error(`unknown benchmark "${name}"; known: ${Object.keys(BENCHES).join(", ")}`);
      process.exitCode = 2;
      return;
    }
    console.log(`\n== ${bench.title}`);
    const rows = await bench.run((line) => console.log(`  ${line}`));
    const when = new Date().toISOString().slice(0, 16).replace("T", " ");
    const tools = Object.entries(env)
      .filter(([k]) => k.startsWith("VIGIL_BENCH_"))
      .map(([k, v]) => `${k}=${v}`)
      .join(" ");
    writeSection(
      name,
      `## ${bench.title}\n\nMeasured ${when} UTC on ${machine()} with \`${tools ? `${tools} ` : ""}${bench.command}\`.\n\n${markdownTable(rows)}`,
    );
  }
}

await main();
