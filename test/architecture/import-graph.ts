/**
 * The import graph of src/ and web/src, read from the source with the TypeScript scanner
 * (`preProcessFile`: static imports, `export … from`, `import type`, dynamic `import()`),
 * so a multi-line import or a type-only one is seen exactly as the compiler sees it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

/** One import of one file: both ends relative to the repository root, with forward slashes. */
export interface ImportEdge {
  from: string;
  to: string;
}

/** Files and the edges between them; imports of packages and node: built-ins are left out. */
export interface ImportGraph {
  files: string[];
  edges: ImportEdge[];
}

function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...sourceFiles(path));
    // AssemblyScript sources are compiled to wasm, not imported by TypeScript.
    else if (/\.tsx?$/.test(name) && !name.endsWith(".d.ts") && !name.endsWith(".as.ts")) found.push(path);
  }
  return found;
}

/** Maps a relative specifier ("./x.js") to the source file it names, or null when there is none. */
function resolveSpecifier(fromFile: string, specifier: string): string | null {
  const base = resolve(dirname(fromFile), specifier);
  const stem = base.replace(/\.(js|jsx|mjs)$/, "");
  for (const candidate of [`${stem}.ts`, `${stem}.tsx`, base, join(base, "index.ts")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const toPosix = (path: string): string => path.split("\\").join("/");

/** Reads every TypeScript file under the given folders of the repository. */
export function readImportGraph(repoRoot: string, folders: string[]): ImportGraph {
  const files = folders.flatMap((folder) => sourceFiles(join(repoRoot, folder)));
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    for (const imported of info.importedFiles) {
      if (!imported.fileName.startsWith(".")) continue;
      const target = resolveSpecifier(file, imported.fileName);
      if (target === null || !target.startsWith(repoRoot)) continue;
      edges.push({ from: toPosix(relative(repoRoot, file)), to: toPosix(relative(repoRoot, target)) });
    }
  }
  return { files: files.map((file) => toPosix(relative(repoRoot, file))), edges };
}

/**
 * Import cycles as their strongly connected components (Tarjan), each sorted; a cycle of
 * any length shows up once, as the set of files that reach one another.
 */
export function importCycles(graph: ImportGraph): string[][] {
  const next = new Map<string, string[]>();
  for (const file of graph.files) next.set(file, []);
  for (const edge of graph.edges) next.get(edge.from)?.push(edge.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of next.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    const selfImport = (next.get(file) ?? []).includes(file);
    if (component.length > 1 || selfImport) components.push(component.sort());
  };
  for (const file of graph.files) if (!index.has(file)) visit(file);
  return components.sort((a, b) => (a[0] ?? "").localeCompare(b[0] ?? ""));
}
