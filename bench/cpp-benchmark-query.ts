/**
 * Runs Meta's `benchmark-query` (ThreatExchange pdq/cpp, built by you outside
 * this repository; see docs/PERFORMANCE.md) and reads its figures, so the
 * matching bench can put the C++ MIH and linear scan beside Vigil's, measured
 * in the same session on the same machine.
 *
 * The tool generates its own bank: `-b` random hashes, of which 8 per query
 * are noisy copies of a query hash (1..31 bits flipped), like the planted
 * near-duplicates of bench/matching.ts; it does not read ours. Each of its
 * `-q` queries is 8 hashes (the dihedral variants), so one query is 8 lookups
 * for `-m mih` (8 searches) and 8 needles in one pass for `-m linear`.
 * Lookups a second here are hashes looked up a second: 8 x its
 * "QUERIES PER SECOND".
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

export interface CppQueryResult {
  method: "mih" | "linear";
  size: number;
  /** Hashes looked up (8 per query). */
  lookups: number;
  lookupsPerSecond: number;
  /** MIH only: the tool's "MIH index build time". */
  buildSeconds: number | null;
  /** Peak resident memory of the process (VmHWM), including its generated input hashes. */
  peakBytes: number;
  /** True when the linear scan reports the AVX-512 popcount path. */
  simd: boolean;
}

function peakResident(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmHWM:\s+(\d+) kB/.exec(status);
    return kb ? Number(kb[1]) * 1024 : 0;
  } catch {
    return 0; // the process has just exited
  }
}

function field(output: string, pattern: RegExp, what: string): number {
  const m = pattern.exec(output);
  if (!m) throw new Error(`benchmark-query printed no ${what}:\n${output}`);
  return Number(m[1]);
}

/** Runs `tool -m method -b size -q queries` on one core and parses what it prints. */
export async function runCppBenchmarkQuery(
  tool: string,
  method: "mih" | "linear",
  size: number,
  queries: number,
): Promise<CppQueryResult> {
  const args = ["-m", method, "-b", String(size), "-q", String(queries)];
  const child = spawn(tool, args, { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    output += chunk;
  });
  // VmHWM is the peak so far; the last reading before exit is the run's peak.
  let peakBytes = 0;
  const pid = child.pid ?? 0;
  const timer = setInterval(() => {
    peakBytes = Math.max(peakBytes, peakResident(pid));
  }, 200);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  clearInterval(timer);
  if (code !== 0) throw new Error(`${tool} ${args.join(" ")} exited with ${code}:\n${output}`);
  const lookups = field(output, /QUERY COUNT:\s+\d+ \* 8 = (\d+)/, "query count");
  const seconds = field(output, /TOTAL QUERY SECONDS:\s+([\d.]+)/, "query time");
  return {
    method,
    size,
    lookups,
    lookupsPerSecond: lookups / seconds,
    buildSeconds: method === "mih" ? field(output, /MIH index build time:\s+([\d.]+)/, "build time") : null,
    peakBytes,
    simd: /SIMD accelerated/.test(output),
  };
}
