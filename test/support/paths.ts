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

/**
 * The team's reference data: ../shared beside the checkout, or VIGIL_SHARED_DIR.
 * .ci/run points VIGIL_SHARED_DIR at a missing folder and runs the suites that
 * use it again, to show they skip (as on a fresh clone outside the team) rather than fail.
 */
export const sharedDir = resolve(process.env.VIGIL_SHARED_DIR ?? join(repoRoot, "..", "shared"));

/** <shared>/anchors/<name>, or null when that reference data is absent. */
export function sharedAnchor(name: string): string | null {
  const dir = join(sharedDir, "anchors", name);
  return existsSync(dir) ? dir : null;
}

export const SHARED_ABSENT = `${sharedDir}/anchors is not present (../shared beside the checkout, or VIGIL_SHARED_DIR); reference-data test skipped`;
