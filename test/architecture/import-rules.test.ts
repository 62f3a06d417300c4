/**
 * The layer rules of docs/ARCHITECTURE.md (issue 24), checked on every import of src/ and
 * web/src: store/ stands on the ground floor (store, domain, types only); the engines
 * (hashing/, matching/, signals/) import themselves, domain/ and types/ (matching also
 * hashing/); nothing below app/ imports app/ except app/context.ts; domain/ imports nothing
 * above it; the console imports only its own files, src/domain and the API's view types;
 * and no file imports itself round a cycle.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { repoRoot } from "../support/paths.js";
import { importCycles, readImportGraph } from "./import-graph.js";
import { brokenRule, describeCycle, describeViolation } from "./import-rules.js";

/**
 * Today's known violations, tolerated so the rule could land before the code obeys it.
 * The list only shrinks: a violation not on it fails, and so does an entry that no longer
 * happens (delete it when you fix it).
 */
const TOLERATED: readonly string[] = [
  // The console's types still come from route files rather than *-views.ts.
  "console imports server code: web/src/crawl-page.tsx -> src/api/crawl-status-schema.ts",
  "console imports server code: web/src/expansion-api.ts -> src/api/routes/console-expansion-get.ts",
  "console imports server code: web/src/review-api.ts -> src/api/console-dashboard.ts",
  "console imports server code: web/src/review-api.ts -> src/api/console-preferences.ts",
];

const graph = readImportGraph(repoRoot, ["src", "web/src"]);

function found(): string[] {
  const lines = new Set<string>();
  for (const edge of graph.edges) {
    const rule = brokenRule(edge);
    if (rule !== null) lines.add(describeViolation(edge, rule));
  }
  for (const cycle of importCycles(graph)) lines.add(describeCycle(cycle));
  return [...lines].sort();
}

test("the import graph is read (a sanity floor, so an empty scan cannot pass)", () => {
  assert.ok(graph.files.length > 300, `only ${graph.files.length} files found`);
  assert.ok(graph.edges.some((edge) => edge.from.startsWith("web/src/")));
});

test("no import breaks the layer rules or closes a cycle, beyond the tolerated list", () => {
  const tolerated = new Set(TOLERATED);
  const fresh = found().filter((line) => !tolerated.has(line));
  assert.equal(fresh.length, 0, `imports against docs/ARCHITECTURE.md's rules:\n  ${fresh.join("\n  ")}`);
});

test("the tolerated list names only violations that still happen", () => {
  const current = new Set(found());
  const gone = TOLERATED.filter((line) => !current.has(line));
  assert.equal(gone.length, 0, `fixed, so delete from TOLERATED:\n  ${gone.join("\n  ")}`);
});
