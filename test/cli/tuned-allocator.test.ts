/** `vigil hash` starting itself again with glibc allocator settings: when it does, and that nothing else changes. */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import {
  HASHING_GLIBC_TUNABLES,
  runWithTunedAllocator,
  wantsTunedAllocator,
} from "../../src/cli/tuned-allocator.js";
import { fixturesDir, repoRoot } from "../support/paths.js";

const run = promisify(execFile);
const images = join(fixturesDir, "images");
const onGlibc =
  process.platform === "linux" &&
  typeof (process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header
    ?.glibcVersionRuntime === "string";

test("a folder, or more than a few files, is worth a second process; settings already given are kept", () => {
  const env = {};
  assert.equal(wantsTunedAllocator([images], env), onGlibc);
  assert.equal(wantsTunedAllocator(["--json", join(images, "noise-64x64.png")], env), false);
  assert.equal(wantsTunedAllocator([images], { GLIBC_TUNABLES: "glibc.malloc.arena_max=2" }), false);
  assert.equal(wantsTunedAllocator([images], { VIGIL_TUNE_ALLOCATOR: "0" }), false);
  assert.equal(wantsTunedAllocator(["--mode", "full", "no-such-folder"], env), false);
});

test("the second process gets the settings and its exit code or signal is passed on", async () => {
  const check = `process.exit(process.env.GLIBC_TUNABLES === ${JSON.stringify(HASHING_GLIBC_TUNABLES)} ? 7 : 1)`;
  assert.equal(await runWithTunedAllocator(["node", "-e", check]), 7);
  assert.equal(await runWithTunedAllocator(["node", "-e", "process.kill(process.pid, 'SIGTERM')"]), 143);
});

test("vigil hash of a folder prints the same with and without the settings, failures included", async () => {
  const vigil = join(repoRoot, "bin", "vigil.js");
  const outcome = async (env: NodeJS.ProcessEnv) => {
    try {
      const { stdout } = await run(process.execPath, [vigil, "hash", images, "missing.jpg"], {
        cwd: repoRoot,
        env,
      });
      return { stdout, code: 0 };
    } catch (error) {
      const e = error as { stdout: string; code: number };
      return { stdout: e.stdout, code: e.code };
    }
  };
  const { GLIBC_TUNABLES: _, ...without } = process.env;
  const tuned = await outcome({ ...without, VIGIL_TUNE_ALLOCATOR: "1" });
  const plain = await outcome({ ...without, VIGIL_TUNE_ALLOCATOR: "0" });
  assert.equal(tuned.code, 1, "a missing file still makes the command fail");
  assert.equal(plain.code, 1);
  assert.equal(tuned.stdout, plain.stdout);
  assert.ok(tuned.stdout.trim().split("\n").length >= 9);
});

test("run as a command, the shell line sets the same settings for vigil hash only, before node starts", async () => {
  const vigil = join(repoRoot, "bin", "vigil.js");
  assert.ok(
    (await readFile(vigil, "utf8")).split("\n")[1].includes(`GLIBC_TUNABLES=${HASHING_GLIBC_TUNABLES};`),
  );
  // A `node` first on PATH that notes what it was started with, then runs the real one.
  const dir = await mkdtemp(join(tmpdir(), "vigil-node-spy-"));
  try {
    const seen = join(dir, "seen");
    await writeFile(
      join(dir, "node"),
      `#!/bin/sh\necho "\${GLIBC_TUNABLES:-none}" >> "${seen}"\nexec "${process.execPath}" "$@"\n`,
    );
    await chmod(join(dir, "node"), 0o755);
    const { GLIBC_TUNABLES: _, ...env } = process.env;
    const path = `${dir}:${dirname(process.execPath)}:${env.PATH ?? ""}`;
    const { stdout } = await run(vigil, ["hash", images], { cwd: repoRoot, env: { ...env, PATH: path } });
    assert.ok(stdout.trim().split("\n").length >= 9);
    await run(vigil, ["--version"], { cwd: repoRoot, env: { ...env, PATH: path } });
    const started = (await readFile(seen, "utf8")).trim().split("\n");
    // The hash's node had the settings from its start; --version's had none.
    assert.deepEqual(started, [HASHING_GLIBC_TUNABLES, "none"]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
