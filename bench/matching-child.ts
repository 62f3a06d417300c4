/**
 * Runs bench/matching.ts in child Node processes for `npm run bench`, because
 * its figures depend on how Node starts: --expose-gc for clean memory deltas,
 * a large old space for 10M-hash banks, and GLIBC_TUNABLES=glibc.malloc.hugetlb=1
 * so the index's ArrayBuffers may use transparent huge pages (the TLB misses
 * of a 10M-hash lookup are a large part of its cost). One process per bank
 * size: a 10M index built in a process that had already built and dropped a
 * 1M one measured 15-40% fewer lookups than in a fresh process, and a fresh
 * process is what a service loading its banks has. The command line becomes
 * the first row of the recorded section.
 */
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type MatchingBenchResult, matchingBenchRows } from "./matching.js";

export async function runMatchingBenchInChild(
  sizes: number[],
  log: (line: string) => void,
): Promise<{ label: string; value: string }[]> {
  const nodeArgs = ["--expose-gc", "--max-old-space-size=8192"];
  const tunables = process.env.GLIBC_TUNABLES ?? "glibc.malloc.hugetlb=1";
  const results: MatchingBenchResult[] = [];
  for (const size of sizes) results.push(...(await runOneSize(size, nodeArgs, tunables, log)));
  const command = `GLIBC_TUNABLES=${tunables} node ${nodeArgs.join(" ")} dist/bench/matching.js <size>`;
  return [
    { label: "process", value: `\`${command}\`, one process for each of ${sizes.join(", ")}` },
    ...matchingBenchRows(results),
  ];
}

async function runOneSize(
  size: number,
  nodeArgs: string[],
  tunables: string,
  log: (line: string) => void,
): Promise<MatchingBenchResult[]> {
  const script = fileURLToPath(new URL("./matching.js", import.meta.url));
  const jsonFile = join(tmpdir(), `vigil-matching-bench-${process.pid}-${size}.json`);
  const child = spawn(process.execPath, [...nodeArgs, script, "--json", jsonFile, String(size)], {
    env: { ...process.env, GLIBC_TUNABLES: tunables },
    stdio: ["ignore", "pipe", "inherit"],
  });
  child.stdout.setEncoding("utf8");
  let pending = "";
  child.stdout.on("data", (chunk: string) => {
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) log(line);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (code !== 0) throw new Error(`matching bench for ${size} hashes exited with ${code}`);
  try {
    return JSON.parse(readFileSync(jsonFile, "utf8")) as MatchingBenchResult[];
  } finally {
    rmSync(jsonFile, { force: true });
  }
}
