/**
 * The police hand-over on both databases: `vigil case export` writes a signed
 * package with every media file decrypted and the records; `vigil case verify`
 * passes it, and fails naming the file when a byte is modified, a file is
 * removed or added, or the manifest is tampered with (also with another key).
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash, generateKeyPairSync } from "node:crypto";
import { cp, mkdtemp, readFile, rm, stat, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { evidenceStore } from "../../src/report/evidence/evidence-store.js";
import { Manifest } from "../../src/report/handover/package-format.js";
import { databaseKinds, type TestDatabase } from "../support/databases.js";
import { VIGIL_BIN } from "../support/vigil-process.js";
import { evidenceWorld, placeholderBytes, START } from "./evidence-fixture.js";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function vigilRun(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [VIGIL_BIN, ...args],
      { env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

for (const kind of databaseKinds) {
  describe(`vigil case export / verify on ${kind.label}`, { skip: kind.skip }, () => {
    let target: TestDatabase;
    let work: string;
    let pkg: string;
    let caseId: number;
    let storeArgs: string[];

    before(async () => {
      target = await kind.make();
      work = await mkdtemp(join(tmpdir(), "vigil-handover-"));
      const world = await evidenceWorld(target, { vaultInDataDir: true });
      caseId = world.caseId;
      world.setNow(START);
      await evidenceStore(world.deps).holds.onReportFiled({ caseId, reportId: "CT-1001", finishedAt: START });
      await world.close();
      storeArgs = ["--data", target.options.dataDir];
      if (target.options.databaseUrl) storeArgs.push("--database-url", target.options.databaseUrl);
      pkg = join(work, "package");
      const exported = await vigilRun([
        "case",
        "export",
        String(caseId),
        "--out",
        pkg,
        "--no-progress",
        ...storeArgs,
      ]);
      assert.equal(exported.code, 0, exported.stderr);
      assert.match(exported.stdout, /package: .*package/);
      assert.match(exported.stdout, /signed with Ed25519 key SHA256:[0-9a-f]{64}/);
    });
    after(async () => {
      await rm(work, { recursive: true, force: true });
      await target?.dispose();
    });

    async function copyOfPackage(name: string): Promise<string> {
      const copy = join(work, name);
      await cp(pkg, copy, { recursive: true });
      return copy;
    }

    test("the package holds every media file decrypted, the records and a manifest of all files", async () => {
      const manifest = Manifest.parse(JSON.parse(await readFile(join(pkg, "manifest.json"), "utf8")));
      const paths = manifest.files.map((f) => f.path);
      for (const id of ["m_group_photo", "m_past_photo", "m_screenshot"]) {
        assert.ok(paths.includes(`media/${id}.png`), `${id} in ${paths.join(", ")}`);
        assert.ok((await readFile(join(pkg, "media", `${id}.png`))).equals(placeholderBytes(id)));
      }
      assert.ok(!paths.includes("media/m_stray.png"), "media of no concern to the case stays out");
      for (const name of [
        "case.json",
        "moderation-history.json",
        "reports-sent.json",
        "holds.json",
        "media.json",
      ]) {
        assert.ok(paths.includes(name), name);
      }
      assert.ok(
        paths.some((p) => /^snapshots\/snapshot-\d+\.json$/.test(p)),
        "the sealed snapshot is included",
      );
      const sent = JSON.parse(await readFile(join(pkg, "reports-sent.json"), "utf8"));
      assert.deepEqual(
        sent.map((r: { reportId: string }) => r.reportId),
        ["CT-LOG-7"],
      );
      const history = JSON.parse(await readFile(join(pkg, "moderation-history.json"), "utf8"));
      assert.deepEqual(
        history.map((e: { kind: string }) => e.kind),
        ["enqueue", "report_sent"],
      );
      // The accounts police need, phones decrypted; one sealed with another key is named, not dropped.
      const accounts = JSON.parse(await readFile(join(pkg, "accounts.json"), "utf8"));
      assert.deepEqual(
        accounts.map(
          (a: { account_id: string; relation: string; phone: string | null; phone_status: string }) => [
            a.account_id,
            a.relation,
            a.phone,
            a.phone_status,
          ],
        ),
        [
          ["a-admin", "admin", "+15550100", "revealed"],
          ["a-foreign", "member", null, "unreadable"],
          ["a-member", "member", null, "none"],
        ],
      );
      assert.ok(paths.includes("accounts.json"));
      const caseRecord = JSON.parse(await readFile(join(pkg, "case.json"), "utf8"));
      assert.equal(caseRecord.reports[0].text, "reported by a hotline <test> & \u202e");
      if (process.platform !== "win32") {
        assert.equal((await stat(join(pkg, "media", "m_group_photo.png"))).mode & 0o777, 0o600);
      }
      const again = await vigilRun(["case", "export", String(caseId), "--out", pkg, ...storeArgs]);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /is not empty/);
    });

    test("an untouched package verifies", async () => {
      const run = await vigilRun(["case", "verify", pkg]);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /OK: signature valid, \d+ files match the manifest/);
      const withKey = await vigilRun(["case", "verify", pkg, "--public-key", join(pkg, "public-key.pem")]);
      assert.equal(withKey.code, 0, withKey.stdout);
    });

    test("one modified byte fails verification and names the file", async () => {
      const copy = await copyOfPackage("modified");
      const file = join(copy, "media", "m_screenshot.png");
      const bytes = await readFile(file);
      bytes[10] ^= 0x01;
      await writeFile(file, bytes);
      const run = await vigilRun(["case", "verify", copy]);
      assert.equal(run.code, 1);
      assert.match(run.stdout, /^modified: media\/m_screenshot\.png: SHA-256/m);
      assert.match(run.stdout, /FAILED: 1 problem/);
    });

    test("a removed file and an added file are named", async () => {
      const copy = await copyOfPackage("removed");
      await unlink(join(copy, "case.json"));
      await writeFile(join(copy, "media", "planted.png"), "benign");
      const run = await vigilRun(["case", "verify", copy]);
      assert.equal(run.code, 1);
      assert.match(run.stdout, /^missing: case\.json/m);
      assert.match(run.stdout, /^extra: media\/planted\.png/m);
    });

    test("a tampered manifest fails the signature, even when it matches a modified file", async () => {
      const copy = await copyOfPackage("manifest");
      const file = join(copy, "holds.json");
      await writeFile(file, "[]\n");
      const manifest = JSON.parse(await readFile(join(copy, "manifest.json"), "utf8"));
      const entry = manifest.files.find((f: { path: string }) => f.path === "holds.json");
      entry.sha256 = createHash("sha256").update("[]\n").digest("hex");
      entry.size = 3;
      await writeFile(join(copy, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
      const run = await vigilRun(["case", "verify", copy, "--json"]);
      assert.equal(run.code, 1);
      const report = JSON.parse(run.stdout);
      assert.deepEqual(
        report.problems.map((p: { kind: string; path: string }) => `${p.kind}:${p.path}`),
        ["signature_invalid:manifest.json"],
      );
    });

    test("a package re-signed with another key fails against the organisation's public key", async () => {
      const copy = await copyOfPackage("rekeyed");
      const other = generateKeyPairSync("ed25519");
      const otherPub = join(work, "other.pem");
      await writeFile(otherPub, other.publicKey.export({ type: "spki", format: "pem" }).toString());
      const run = await vigilRun(["case", "verify", copy, "--public-key", otherPub]);
      assert.equal(run.code, 1);
      assert.match(run.stdout, /^signature_invalid: manifest\.json/m);
      assert.match(run.stdout, /^key_mismatch: public-key\.pem/m);
    });

    test("the export and every decrypted file are in the audit log", async () => {
      const { openDatabase } = await import("../../src/store/database.js");
      const { AuditRepository } = await import("../../src/store/repositories/audit-repository.js");
      const database = await openDatabase(target.options);
      try {
        const audit = new AuditRepository(database.db);
        const exports = await audit.list({ action: "case.export", limit: 10 });
        assert.equal(exports.length, 1);
        assert.equal(exports[0].targetId, String(caseId));
        assert.equal(exports[0].detail.role, "operator");
        assert.match(exports[0].actor, /^cli:/);
        const opens = await audit.list({ action: "evidence.open", limit: 100 });
        assert.deepEqual(
          opens
            .filter((e) => e.targetType === "media")
            .map((e) => e.targetId)
            .sort(),
          ["m_group_photo", "m_past_photo", "m_screenshot"],
        );
      } finally {
        await database.close();
      }
    });
  });
}
