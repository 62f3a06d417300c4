/**
 * The evidence store on both databases: a filed report holds the case and its
 * media for a year; deleting held evidence is refused and logged; holds are
 * extended but not shortened or released by non-admins; once the hold has
 * expired (clock injected) the retention job purges what is neither held nor
 * needed, logs each purge, and keeps what an open case or the retention period
 * still needs; every open of evidence is logged with the role.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { MediaVaultError } from "../../src/media/media-vault-error.js";
import type { EvidenceActor } from "../../src/report/evidence/evidence-actor.js";
import { EvidenceError } from "../../src/report/evidence/evidence-error.js";
import { type EvidenceStore, evidenceStore } from "../../src/report/evidence/evidence-store.js";
import { oneYearAfter } from "../../src/report/evidence/legal-hold.js";
import { retentionVerdict } from "../../src/report/evidence/retention-policy.js";
import { cases, cybertipReports, groups, media } from "../../src/store/schema.js";
import { databaseKinds, type TestDatabase } from "../support/databases.js";
import { DAY, type EvidenceWorld, evidenceWorld, START } from "./evidence-fixture.js";

const reviewer: EvidenceActor = { actor: "user:rev@example.org", role: "child_safety_reviewer" };
const admin: EvidenceActor = { actor: "user:admin@example.org", role: "admin" };

async function refusedCode(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => assert.fail("expected a refusal"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof EvidenceError, String(error));
  return error.code;
}

test("the retention policy, rule by rule", () => {
  const base = { held: false, neededByOpenCase: false, ageMs: 100, retentionMs: 10 };
  assert.deepEqual(retentionVerdict(base), { kind: "purge" });
  assert.deepEqual(retentionVerdict({ ...base, ageMs: 5 }), { kind: "keep", because: "within_retention" });
  assert.deepEqual(retentionVerdict({ ...base, neededByOpenCase: true }), {
    kind: "keep",
    because: "open_case",
  });
  assert.deepEqual(retentionVerdict({ ...base, held: true, neededByOpenCase: true, ageMs: 5 }), {
    kind: "keep",
    because: "legal_hold",
  });
  assert.equal(oneYearAfter(new Date("2028-02-29T10:00:00Z")).toISOString(), "2029-03-01T10:00:00.000Z");
});

for (const kind of databaseKinds) {
  describe(`evidence store on ${kind.label}`, { skip: kind.skip }, () => {
    let target: TestDatabase;
    let world: EvidenceWorld;
    let store: EvidenceStore;

    before(async () => {
      target = await kind.make();
      world = await evidenceWorld(target);
      store = evidenceStore(world.deps);
    });
    after(async () => {
      await world?.close();
      await target?.dispose();
    });

    async function auditActions(targetType: string, targetId: string): Promise<string[]> {
      return (await world.deps.audit.forTarget(targetType, targetId)).map((e) => e.action).reverse();
    }

    test("a filed report places one hold for a year, pins the case's media and seals a snapshot", async () => {
      const filed = { caseId: world.caseId, reportId: "CT-1001", finishedAt: START };
      const first = await store.holds.onReportFiled(filed);
      assert.equal(first.created, true);
      assert.equal(first.hold.heldUntil.toISOString(), "2027-01-10T12:00:00.000Z");
      const again = await store.holds.onReportFiled(filed);
      assert.equal(again.created, false, "announcing the same report twice places one hold");
      assert.equal(again.hold.id, first.hold.id);
      assert.deepEqual(await world.deps.holds.mediaOfHold(first.hold.id), [...world.caseMedia].sort());
      const snapshots = await world.deps.evidence.snapshotsOfCase(world.caseId);
      assert.equal(snapshots.length, 1, "the repeated announcement left no second snapshot");
      const opened = await store.access.openSnapshot(snapshots[0].id, reviewer, "test");
      const record = JSON.parse(opened.toString("utf8"));
      assert.equal(record.case.id, world.caseId);
      assert.equal(record.subject.group.group.name, "test group");
      assert.deepEqual(record.media.map((m: { id: string }) => m.id).sort(), [...world.caseMedia].sort());
      assert.equal(record.reports[0].publicId, "r_hotline_1");
      assert.deepEqual(
        record.reports_sent.map((r: { reportId: string }) => r.reportId),
        ["CT-LOG-7"],
      );
      assert.deepEqual(await auditActions("case", String(world.caseId)), ["evidence.hold.place"]);
    });

    test("deleting held evidence is refused with EvidenceUnderLegalHold and the attempt is logged", async () => {
      for (const mediaId of world.caseMedia) {
        assert.equal(
          await refusedCode(store.deletion.delete({ kind: "media", mediaId }, admin, "cleanup")),
          "EvidenceUnderLegalHold",
        );
        assert.deepEqual(await auditActions("media", mediaId), ["evidence.delete_refused"]);
        const opened = await store.access.openMedia(mediaId, reviewer, "check");
        assert.ok(opened.bytes.equals(world.bytesOf.get(mediaId)!), "the bytes are still there");
      }
      assert.equal(
        await refusedCode(store.deletion.delete({ kind: "case", caseId: world.caseId }, admin, "cleanup")),
        "EvidenceUnderLegalHold",
      );
      const [snapshot] = await world.deps.evidence.snapshotsOfCase(world.caseId);
      assert.equal(
        await refusedCode(store.deletion.delete({ kind: "snapshot", snapshotId: snapshot.id }, admin, "x")),
        "EvidenceUnderLegalHold",
      );
      const caseLog = await world.deps.audit.forTarget("case", String(world.caseId));
      const refused = caseLog.find((e) => e.action === "evidence.delete_refused");
      assert.ok(refused);
      assert.equal(refused.actor, admin.actor);
      assert.equal(refused.detail.error, "EvidenceUnderLegalHold");
      assert.equal(refused.detail.role, "admin");
    });

    test("media a held case references after the hold was placed is held too", async () => {
      const bytes = Buffer.from("benign generated placeholder for m_late");
      const blob = await world.vault.put(bytes);
      await world.database.db.insert(media).values({
        id: "m_late",
        mime: "image/png",
        size: bytes.length,
        blobRef: blob.ref,
        source: "upload",
        createdAt: new Date(START.getTime() - 200 * DAY),
      });
      await world.database.db
        .update(groups)
        .set({ photo: { mediaId: "m_late" } })
        .where(eq(groups.externalId, "g-1"));
      assert.equal(
        await refusedCode(store.deletion.delete({ kind: "media", mediaId: "m_late" }, admin, "cleanup")),
        "EvidenceUnderLegalHold",
      );
      assert.deepEqual(await auditActions("media", "m_late"), ["evidence.delete_refused"]);
    });

    test("every open of evidence is logged with who and which role", async () => {
      const log = await world.deps.audit.forTarget("media", world.caseMedia[0]);
      const open = log.find((e) => e.action === "evidence.open");
      assert.ok(open);
      assert.equal(open.actor, reviewer.actor);
      assert.equal(open.detail.role, "child_safety_reviewer");
      assert.equal(await refusedCode(store.access.openMedia("m_unknown", reviewer, "x")), "EvidenceNotFound");
    });

    test("holds extend; only an admin shortens or releases, with a reason", async () => {
      const [hold] = await store.holds.holdsOfCase(world.caseId);
      const later = new Date(hold.heldUntil.getTime() + 30 * DAY);
      assert.equal(
        (await store.holds.extendHold(hold.id, later, reviewer, "police asked")).heldUntil.getTime(),
        later.getTime(),
      );
      assert.equal(
        await refusedCode(store.holds.extendHold(hold.id, new Date(later.getTime() - DAY), reviewer)),
        "HoldShorteningForbidden",
      );
      assert.equal(
        await refusedCode(store.holds.releaseHold(hold.id, reviewer, "done")),
        "HoldReleaseForbidden",
      );
      assert.equal(await refusedCode(store.holds.releaseHold(hold.id, admin, "  ")), "HoldReasonRequired");
      assert.equal(await refusedCode(store.holds.extendHold(999_999, later, admin)), "HoldNotFound");
      assert.equal(
        await refusedCode(store.holds.placeHold({ caseId: world.caseId, reason: "x", until: START })),
        "InvalidHoldUntil",
      );
      const actions = await auditActions("case", String(world.caseId));
      assert.ok(actions.includes("evidence.hold.extend"));
      assert.deepEqual(await auditActions("legal_hold", String(hold.id)), ["evidence.hold.release_refused"]);
    });

    test("while held the retention job purges only what nothing needs; a dry run changes nothing", async () => {
      world.setNow(new Date(START.getTime() + 100 * DAY));
      const dry = await store.purge({ retentionDays: 90, dryRun: true });
      assert.equal(dry.wouldPurge, 1, "only the stray media");
      assert.equal(dry.purged, 0);
      assert.equal(dry.kept.legal_hold, 5, "the case's four media and its snapshot");
      assert.equal(dry.kept.open_case, 1);
      assert.equal((await world.deps.media.get(world.strayMedia))?.blobRef !== null, true);
    });

    test("after the hold expires the retention job purges the case's evidence and logs each purge", async () => {
      await world.database.db.update(cases).set({ status: "closed" }).where(eq(cases.id, world.caseId));
      const [hold] = await store.holds.holdsOfCase(world.caseId);
      // Hold ended: the clock is past held_until (one year and 30 days after the report).
      world.setNow(new Date(hold.heldUntil.getTime() + DAY));
      const refs = await Promise.all(
        world.caseMedia.map(async (id) => (await world.deps.media.get(id))!.blobRef!),
      );
      const progress: string[] = [];
      const summary = await store.purge({
        retentionDays: 90,
        onItem: (item, outcome) => progress.push(`${item.kind}:${item.id}:${outcome}`),
      });
      assert.equal(summary.purged, 6, JSON.stringify(summary));
      assert.equal(summary.kept.open_case, 1);
      assert.deepEqual(
        summary.purgedItems.map((i) => i.id).sort(),
        [
          ...world.caseMedia,
          "m_late",
          world.strayMedia,
          summary.purgedItems.find((i) => i.kind === "snapshot")!.id,
        ].sort(),
      );
      assert.equal(progress.length, summary.examined);
      for (const [i, mediaId] of world.caseMedia.entries()) {
        assert.equal((await world.deps.media.get(mediaId))?.blobRef, null);
        await assert.rejects(
          world.vault.get(refs[i]),
          (e: unknown) => e instanceof MediaVaultError && e.code === "BlobNotFound",
        );
        const purge = (await world.deps.audit.forTarget("media", mediaId)).find(
          (e) => e.action === "evidence.purge",
        );
        assert.ok(purge, `purge of ${mediaId} logged`);
        assert.equal(purge.actor, "system:retention");
      }
      const [snapshot] = await world.deps.evidence.snapshotsOfCase(world.caseId);
      assert.equal(snapshot.blobRef, null);
      assert.ok(snapshot.purgedAt);
      const snapLog = await auditActions("evidence_snapshot", String(snapshot.id));
      assert.ok(snapLog.includes("evidence.purge"));
      assert.notEqual(
        (await world.deps.media.get(world.otherCaseMedia))?.blobRef,
        null,
        "open case keeps its media",
      );
      const second = await store.purge({ retentionDays: 90 });
      assert.equal(second.purged, 0, "nothing left to purge");
    });

    test("an admin release lets deletion through; the case record is deleted and logged", async () => {
      const placed = await store.holds.placeHold({
        caseId: world.otherCaseId,
        reason: "preservation request",
        until: new Date(world.now().getTime() + 10 * DAY),
        by: reviewer,
      });
      assert.equal(
        await refusedCode(store.deletion.delete({ kind: "case", caseId: world.otherCaseId }, admin, "x")),
        "EvidenceUnderLegalHold",
      );
      await store.holds.releaseHold(placed.hold.id, admin, "request withdrawn");
      assert.equal(
        await refusedCode(store.holds.releaseHold(placed.hold.id, admin, "again")),
        "HoldAlreadyReleased",
      );
      assert.equal(
        await store.deletion.delete({ kind: "case", caseId: world.otherCaseId }, admin, "x"),
        true,
      );
      assert.equal(
        await store.deletion.delete({ kind: "case", caseId: world.otherCaseId }, admin, "x"),
        false,
      );
      const actions = await auditActions("case", String(world.otherCaseId));
      assert.deepEqual(actions, [
        "evidence.hold.place",
        "evidence.delete_refused",
        "evidence.hold.release",
        "evidence.delete",
      ]);
    });

    test("the retention job places the hold a filed report is missing before it judges anything", async () => {
      // As if the process stopped between NCMEC's answer and the hold.
      await world.database.db.insert(cybertipReports).values({
        caseId: world.caseId,
        kind: "initial",
        attempt: 1,
        state: "finished",
        requestedBy: "user:cs@example.com",
        inputs: {},
        ncmecReportId: "CT-2002",
        finishedAt: world.now(),
      });
      await store.purge({ retentionDays: 90 });
      const held = (await store.holds.holdsOfCase(world.caseId)).filter((h) => h.reportId === "CT-2002");
      assert.equal(held.length, 1);
      await store.purge({ retentionDays: 90 });
      const again = (await store.holds.holdsOfCase(world.caseId)).filter((h) => h.reportId === "CT-2002");
      assert.equal(again.length, 1, "a second run places no second hold");
    });
  });
}
