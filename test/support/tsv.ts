/** Reads a tab-separated file with a header row into records. */
import { readFileSync } from "node:fs";

export function readTsv(path: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(path, "utf8").trim().split("\n");
  const columns = head.split("\t");
  return rows.map((row) => {
    const values = row.split("\t");
    return Object.fromEntries(columns.map((c, i) => [c, values[i] ?? ""]));
  });
}
