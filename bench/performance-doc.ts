/**
 * Keeps docs/PERFORMANCE.md current: each benchmark owns one section between
 * markers and rewrites it with its latest figures and the command that made them;
 * everything else in the file (notes, comparisons written by people) stays.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const DOC = "docs/PERFORMANCE.md";

export function writeSection(name: string, body: string): void {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  const text = existsSync(DOC) ? readFileSync(DOC, "utf8") : "# Performance\n";
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next =
    from >= 0 && to > from
      ? text.slice(0, from) + block + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(DOC, next);
}

export function markdownTable(rows: { label: string; value: string }[]): string {
  return ["| measure | result |", "| --- | --- |", ...rows.map((r) => `| ${r.label} | ${r.value} |`)].join(
    "\n",
  );
}
