/** Where tests find the repository, its fixtures and the optional ../shared reference data. */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

function findRepoRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
export const fixturesDir = join(repoRoot, "fixtures");

/** ../shared/anchors/<name> beside the checkout, or null when that reference data is absent. */
export function sharedAnchor(name: string): string | null {
  const dir = resolve(repoRoot, "..", "shared", "anchors", name);
  return existsSync(dir) ? dir : null;
}

export const SHARED_ABSENT =
  "../shared/anchors is not present beside the checkout; reference-data test skipped";
