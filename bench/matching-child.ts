/**
 * Runs bench/matching.ts in a child Node process for `npm run bench`, because
 * its figures depend on how Node starts: --expose-gc for clean memory deltas,
 * a large old space for 10M-hash banks, and GLIBC_TUNABLES=glibc.malloc.hugetlb=1
 * so the index's ArrayBuffers may use transparent huge pages (the TLB misses
 * of a 10M-hash lookup are a large part of its cost). The exact command line
 * becomes the first row of the recorded section.
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
  const script = fileURLToPath(new URL("./matching.js", import.meta.url));
  const jsonFile = join(tmpdir(), `vigil-matching-bench-${process.pid}.json`);
  const nodeArgs = ["--expose-gc", "--max-old-space-size=8192"];
  const tunables = process.env.GLIBC_TUNABLES ?? "glibc.malloc.hugetlb=1";
  const child = spawn(process.execPath, [...nodeArgs, script, "--json", jsonFile, ...sizes.map(String)], {
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
  if (code !== 0) throw new Error(`matching bench exited with ${code}`);
  try {
    const results = JSON.parse(readFileSync(jsonFile, "utf8")) as MatchingBenchResult[];
    const command = `GLIBC_TUNABLES=${tunables} node ${nodeArgs.join(" ")} dist/bench/matching.js ${sizes.join(" ")}`;
    return [{ label: "process", value: `\`${command}\`` }, ...matchingBenchRows(results)];
  } finally {
    rmSync(jsonFile, { force: true });
  }
}
