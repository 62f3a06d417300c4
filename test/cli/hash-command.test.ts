/** `vigil hash` as a user runs it: a real process, its stdout, stderr and exit code. */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { fixturesDir, repoRoot } from "../support/paths.js";

const run = promisify(execFile);
const vigil = join(repoRoot, "bin", "vigil.js");
const images = join(fixturesDir, "images");

async function hash(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [vigil, "hash", ...args], { cwd: repoRoot });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

test("default output is pdq-photo-hasher's hash,quality,filename, one line per image", async () => {
  const { stdout, code } = await hash(join(images, "rings-500x375.png"), join(images, "checker-300x200.png"));
  assert.equal(code, 0);
  const lines = stdout.trim().split("\n");
  assert.equal(lines.length, 2);
  for (const line of lines) assert.match(line, /^[0-9a-f]{64},\d{1,3},.+\.png$/);
  assert.ok(lines[0].endsWith("rings-500x375.png"), "input order kept");
});

test("folders are walked recursively; parallel workers give the same answers as one", async () => {
  const one = await hash("--jobs", "1", images);
  const many = await hash("--jobs", "3", images);
  assert.equal(one.code, 0);
  assert.equal(many.stdout, one.stdout);
  assert.ok(one.stdout.trim().split("\n").length >= 9);
});

test("--json prints one object per file with every hash", async () => {
  const { stdout } = await hash("--json", join(images, "plaid-1024x768.jpg"));
  const record = JSON.parse(stdout) as Record<string, unknown>;
  assert.equal(record.kind, "image");
  assert.match(String(record.pdq), /^[0-9a-f]{64}$/);
  assert.match(String(record.md5), /^[0-9a-f]{32}$/);
  assert.match(String(record.sha256), /^[0-9a-f]{64}$/);
  assert.equal(record.width, 1024);
  assert.equal(typeof record.quality, "number");
});

test("--dihedral prints the 8 variants, original first", async () => {
  const plain = await hash(join(images, "blobs-1200x90.png"));
  const { stdout } = await hash("--dihedral", join(images, "blobs-1200x90.png"));
  const lines = stdout.trim().split("\n");
  assert.equal(lines.length, 8);
  assert.equal(lines[0], plain.stdout.trim());
});

test("a bad file is reported on stderr, the others still hashed, exit code 1", async () => {
  const dir = await mkdtemp(join(tmpdir(), "vigil-cli-"));
  try {
    const bad = join(dir, "fake.jpg");
    await writeFile(bad, "plain text");
    const { stdout, stderr, code } = await hash(
      join(images, "noise-64x64.png"),
      bad,
      join(images, "grey-320x240.png"),
    );
    assert.equal(code, 1);
    assert.equal(stdout.trim().split("\n").length, 2);
    assert.match(stderr, /fake\.jpg: .*\[UnsupportedFormat\]/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("usage errors exit with 2", async () => {
  const { code, stderr } = await hash("--video-rate", "fast", join(images, "noise-64x64.png"));
  assert.equal(code, 2);
  assert.match(stderr, /video-rate/);
});
