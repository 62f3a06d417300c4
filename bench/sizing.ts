/**
 * `node --expose-gc dist/bench/sizing.js [--worker-rate N]`: sizing for a
 * platform with 2 billion accounts (docs/SCALING.md). Measures what an index
 * entry costs beyond the multi-index (the entry map the matcher keeps), takes
 * the recorded figures of docs/PERFORMANCE.md for the rest, and simulates a
 * day of traffic second by second against M workers to find how many keep
 * intake-to-decision p99 under a minute, with one worker down.
 *
 * Traffic rates are assumptions (no platform publishes them), stated here and
 * printed with the results so they can be changed and the numbers redone.
 */
import { parseArgs } from "node:util";
import { BankMatcher } from "../src/matching/bank-matcher.js";
import type { BankRepository } from "../src/store/repositories/bank-repository.js";
import { randomPdqHex } from "../test/support/pdq-near.js";

const { values: args } = parseArgs({
  options: {
    "worker-rate": { type: "string", default: "2010" },
    "bank-hashes": { type: "string", default: "50000000" },
  },
});

/** docs/PERFORMANCE.md, "Matching (issue 3)" and "Service (issue 4)". */
const RECORDED = {
  indexBytesPerHash10M: 114.4,
  lookupsPerSecond1M: 3595,
  lookupsPerSecond10M: 1754,
  /** Hash-only events/s, HTTP intake to decision, one process on PostgreSQL (2 shared cores). */
  workerEventsPerSecond: Number(args["worker-rate"]),
};

const TRAFFIC = {
  accounts: 2e9,
  profilePhotoChangesPerAccountDay: 0.03,
  groupsPerAccount: 0.2,
  groupChangesPerGroupDay: 0.05,
  /** Of group changes, the share that carry a photo. */
  groupPhotoShare: 0.3,
  membershipChangesPerAccountDay: 0.1,
  /** Peak of the day over the mean (time zones flatten a single country's curve). */
  diurnalAmplitude: 0.6,
  /** Three bursts a day (news, spam waves) of 10 minutes at this multiple of the moment's rate. */
  burstFactor: 3,
};

const SLO = { p99Seconds: 60, maxLag: 1_000_000 };

async function entryOverheadBytes(n: number): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const fake = {
    list: async () => [{ id: 1, name: "known", enabled: true }],
    async *entries() {
      for (let i = 0; i < n; i++)
        yield {
          id: i + 1,
          signalType: "pdq",
          value: randomPdqHex(i + 7),
          payload: null,
          provenance: "confirmed",
          ignored: false,
        };
    },
  } as unknown as BankRepository;
  gc?.();
  const before = process.memoryUsage();
  const matcher = await BankMatcher.load(fake, null);
  gc?.();
  const after = process.memoryUsage();
  const bytes = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
  if (matcher.size !== n) throw new Error("load lost entries");
  return bytes / n;
}

/** Lookups/s at `n` hashes: a power law through the recorded 1M and 10M figures. */
function lookupsPerSecond(n: number): number {
  const alpha = Math.log(RECORDED.lookupsPerSecond1M / RECORDED.lookupsPerSecond10M) / Math.log(10);
  return RECORDED.lookupsPerSecond10M * (n / 1e7) ** -alpha;
}

function dailyEvents() {
  const t = TRAFFIC;
  const photos = t.accounts * t.profilePhotoChangesPerAccountDay;
  const groups = t.accounts * t.groupsPerAccount * t.groupChangesPerGroupDay;
  const members = t.accounts * t.membershipChangesPerAccountDay;
  const total = photos + groups + members;
  return { photos, groups, members, total, photoShare: (photos + groups * t.groupPhotoShare) / total };
}

/** Second by second over a day: arrivals (diurnal, bursts, Poisson noise) against `capacity` events/s. */
function simulateDay(meanRate: number, capacity: number, seed = 1) {
  let x = seed;
  const rand = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  const bursts = [8 * 3600, 14 * 3600, 20 * 3600];
  let backlog = 0;
  let maxBacklog = 0;
  let refusedSeconds = 0;
  const latencies: { latency: number; weight: number }[] = [];
  for (let s = 0; s < 86_400; s++) {
    let rate = meanRate * (1 + TRAFFIC.diurnalAmplitude * Math.sin((2 * Math.PI * (s - 6 * 3600)) / 86_400));
    if (bursts.some((b) => s >= b && s < b + 600)) rate *= TRAFFIC.burstFactor;
    // Normal approximation of Poisson arrivals.
    const u = Math.max(1e-12, rand());
    const arrivals = Math.max(
      0,
      rate + Math.sqrt(rate) * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand()),
    );
    backlog = Math.max(0, backlog + arrivals - capacity);
    if (backlog > SLO.maxLag) refusedSeconds++;
    maxBacklog = Math.max(maxBacklog, backlog);
    latencies.push({ latency: 1 + backlog / capacity, weight: arrivals });
  }
  latencies.sort((a, b) => a.latency - b.latency);
  const total = latencies.reduce((a, l) => a + l.weight, 0);
  let acc = 0;
  let p99 = 0;
  for (const l of latencies) {
    acc += l.weight;
    if (acc >= 0.99 * total) {
      p99 = l.latency;
      break;
    }
  }
  return { maxBacklog, p99, refusedSeconds };
}

async function main(): Promise<void> {
  const bankHashes = Number(args["bank-hashes"]);
  const overhead = await entryOverheadBytes(200_000);
  const day = dailyEvents();
  const meanRate = day.total / 86_400;
  const perWorkerLookupBound = lookupsPerSecond(bankHashes) / day.photoShare;
  const perWorker = Math.min(RECORDED.workerEventsPerSecond, perWorkerLookupBound);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`traffic assumptions: ${JSON.stringify(TRAFFIC)}`);
  out(
    `events a day: ${(day.total / 1e6).toFixed(0)} M (profile photos ${(day.photos / 1e6).toFixed(0)} M, group changes ${(day.groups / 1e6).toFixed(0)} M, membership ${(day.members / 1e6).toFixed(0)} M); mean ${meanRate.toFixed(0)}/s; photo-bearing ${(day.photoShare * 100).toFixed(1)}%`,
  );
  out(
    `index for ${(bankHashes / 1e6).toFixed(0)} M hashes: multi-index ${((bankHashes * RECORDED.indexBytesPerHash10M) / 2 ** 30).toFixed(1)} GiB (114.4 B/hash recorded at 10M) + entry map ${overhead.toFixed(0)} B/entry measured at 200k incl. the index there = ${((bankHashes * overhead) / 2 ** 30).toFixed(1)} GiB by the measured total`,
  );
  out(
    `lookups/s per core at ${(bankHashes / 1e6).toFixed(0)} M (power law through 1M=3595, 10M=1754): ${lookupsPerSecond(bankHashes).toFixed(0)}; events/s a worker can match: ${perWorkerLookupBound.toFixed(0)}; pipeline rate per worker: ${RECORDED.workerEventsPerSecond}; per worker used: ${perWorker.toFixed(0)}`,
  );
  out(
    "workers | capacity ev/s | max backlog | p99 intake->decision | seconds over max lag | same with one worker down: p99, seconds over",
  );
  let chosen = 0;
  for (let m = 1; m <= 64; m++) {
    const up = simulateDay(meanRate, m * perWorker);
    const down = simulateDay(meanRate, (m - 1) * perWorker || 1);
    const ok = down.p99 <= SLO.p99Seconds && down.refusedSeconds === 0;
    if (m >= Math.floor(meanRate / perWorker) || ok)
      out(
        `${m} | ${(m * perWorker).toFixed(0)} | ${up.maxBacklog.toFixed(0)} | ${up.p99.toFixed(1)} s | ${up.refusedSeconds} | ${down.p99.toFixed(1)} s, ${down.refusedSeconds}`,
      );
    if (ok) {
      chosen = m;
      break;
    }
  }
  out(`smallest worker count with p99 <= ${SLO.p99Seconds} s and no 429s with one worker down: ${chosen}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
