/**
 * The layer rules of docs/ARCHITECTURE.md ("may import"), as code: each import of src/ and
 * web/src is judged by the folder it leaves and the folder it enters.
 */
import type { ImportEdge } from "./import-graph.js";

/** The folder under src/ a file belongs to ("store", "matching", …); web/src files are "web". */
export function layerOf(file: string): string {
  if (file.startsWith("web/src/")) return "web";
  const parts = file.split("/");
  if (parts[0] !== "src") return "outside";
  if (parts.length === 2) return "root";
  return parts[1] ?? "root";
}

const ENGINES = new Set(["hashing", "matching", "signals"]);

/** What each engine may import besides itself, domain/ and types/. */
const ENGINE_EXTRAS: Record<string, readonly string[]> = { matching: ["hashing"] };

/** The one app file lower layers may import: the context's types. */
const APP_CONTEXT = "src/app/context.ts";

/** The files of src/ the console may import (types and pure constant lists). */
function consoleMayImport(target: string): boolean {
  return (
    target.startsWith("web/src/") ||
    target.startsWith("src/domain/") ||
    target === "src/api/errors.ts" ||
    /^src\/api\/[^/]+-views\.ts$/.test(target)
  );
}

/** The rule an import breaks, or null when it keeps them all. */
export function brokenRule(edge: ImportEdge): string | null {
  const from = layerOf(edge.from);
  const to = layerOf(edge.to);
  if (from === to) return null;
  if (from === "store" && to !== "domain" && to !== "types") return "store imports a feature";
  if (from === "domain" && to !== "types") return "domain imports a layer above it";
  if (ENGINES.has(from) && to !== "domain" && to !== "types" && !ENGINE_EXTRAS[from]?.includes(to)) {
    return to === "store" ? "engine imports store" : "engine imports outside the engines";
  }
  if (to === "app" && from !== "cli" && edge.to !== APP_CONTEXT) return "lower layer imports app";
  if (from === "web" && !consoleMayImport(edge.to)) return "console imports server code";
  return null;
}

/** One line per broken rule, the form the tolerated list is written in. */
export function describeViolation(edge: ImportEdge, rule: string): string {
  return `${rule}: ${edge.from} -> ${edge.to}`;
}

/** One line per cycle, its files sorted. */
export function describeCycle(files: readonly string[]): string {
  return `cycle: ${files.join(" <-> ")}`;
}
