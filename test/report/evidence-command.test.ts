/**
 * `vigil evidence purge` (dry run, then for real, with progress on stderr),
 * `vigil evidence hold|holds|extend|release` as the operator, and the retention
 * schedule `vigil serve` runs: all on the embedded database.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, test } from "node:test";
import pino from "pino";
import { evidenceDeps } from "../../src/report/evidence/evidence-deps.js";
import { startRetentionSchedule } from "../../src/report/evidence/retention-schedule.js";
import { openDatabase } from "../../src/store/database.js";
import { AuditRepository } from "../../src/store/repositories/audit-repository.js";
import { MediaRepository } from "../../src/store/repositories/media-repository.js";
import { embeddedTestDatabase, type TestDatabase } from "../support/databases.js";
import { VIGIL_BIN } from "../support/vigil-process.js";
import { evidenceWorld, type SeededCase } from "./evidence-fixture.js";

let target: TestDatabase;
let seeded: SeededCase;

function vigilRun(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [VIGIL_BIN, ...args, "--data", target.options.dataDir],
      (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

before(async () => {
  target = await embeddedTestDatabase();
  const world = await evidenceWorld(target, { vaultInDataDir: true });
  seeded = world;
  await world.close();
});
after(async () => {
  await target.dispose();
});

test("vigil evidence purge: a dry run reports, a real run purges only the unneeded media and logs it", async () => {
  const dry = await vigilRun(["evidence", "purge", "--dry-run"]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(
    dry.stdout,
    /^would purge 1 of 5 examined \(older than 90 days\); kept: legal_hold 0, open_case 4/m,
  );
  const real = await vigilRun(["evidence", "purge", "--progress"]);
  assert.equal(real.code, 0, real.stderr);
  assert.match(real.stdout, /^purged 1 of 5 examined/m);
  assert.match(real.stderr, /purge \[/, "a progress bar on stderr");
  const again = await vigilRun(["evidence", "purge", "--json"]);
  assert.equal(JSON.parse(again.stdout).purged, 0);
  const bad = await vigilRun(["evidence", "purge", "--retention-days", "soon"]);
  assert.equal(bad.code, 2);

  const database = await openDatabase(target.options);
  try {
    assert.equal((await new MediaRepository(database.db).get(seeded.strayMedia))?.blobRef, null);
    const [purge] = await new AuditRepository(database.db).forTarget("media", seeded.strayMedia);
    assert.equal(purge.action, "evidence.purge");
    assert.match(purge.actor, /^cli:/);
    assert.equal(purge.detail.role, "operator");
  } finally {
    await database.close();
  }
});

test("vigil evidence hold, holds, extend and release as the operator", async () => {
  const held = await vigilRun([
    "evidence",
    "hold",
    String(seeded.caseId),
    "--reason",
    "preservation request PR-1",
    "--until",
    "2031-01-01",
  ]);
  assert.equal(held.code, 0, held.stderr);
  const id = /^hold (\d+) on case/.exec(held.stdout)?.[1];
  assert.ok(id, held.stdout);
  const refused = await vigilRun([
    "evidence",
    "delete",
    "--media",
    seeded.caseMedia[0],
    "--reason",
    "cleanup",
  ]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /under legal hold .*\[EvidenceUnderLegalHold\]/);
  const extended = await vigilRun(["evidence", "extend", id, "--until", "2032-01-01"]);
  assert.match(extended.stdout, /until 2032-01-01T00:00:00.000Z/);
  const noReason = await vigilRun(["evidence", "release", id, "--reason", " "]);
  assert.equal(noReason.code, 1);
  assert.match(noReason.stderr, /needs a reason/);
  const released = await vigilRun(["evidence", "release", id, "--reason", "request withdrawn"]);
  assert.equal(released.code, 0, released.stderr);
  const both = await vigilRun(["evidence", "delete", "--media", "m_x", "--case", "1", "--reason", "x"]);
  assert.equal(both.code, 1);
  const listed = await vigilRun(["evidence", "holds", String(seeded.caseId)]);
  assert.match(
    listed.stdout,
    new RegExp(`^${id}\\tuntil 2032-01-01T00:00:00.000Z\\treleased .* by cli:`, "m"),
  );
  const badDate = await vigilRun([
    "evidence",
    "hold",
    String(seeded.caseId),
    "--reason",
    "x",
    "--until",
    "someday",
  ]);
  assert.equal(badDate.code, 2);
});

test("the retention schedule runs the job and logs its summary", async () => {
  const database = await openDatabase(target.options);
  const { openMediaVault } = await import("../../src/media/media-vault.js");
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
  try {
    const deps = evidenceDeps(database.db, await openMediaVault(target.options.dataDir, {}));
    const schedule = startRetentionSchedule(deps, { retentionDays: 90, purgeIntervalMs: 60_000 }, log, 10);
    for (let i = 0; i < 400 && !lines.some((l) => l.msg === "evidence retention run finished"); i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    await schedule.stop();
    const finished = lines.find((l) => l.msg === "evidence retention run finished");
    assert.ok(finished, JSON.stringify(lines));
    assert.equal(typeof finished.examined, "number");
    const off = startRetentionSchedule(deps, { retentionDays: 90, purgeIntervalMs: 0 }, log, 0);
    await off.stop();
  } finally {
    await database.close();
  }
});
