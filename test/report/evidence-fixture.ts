/**
 * A case with evidence, for the evidence store and hand-over tests: a group
 * whose photo and past photo are stored media, a hotline report with an
 * attached screenshot, moderation history with a `report_sent` event, and one
 * unrelated old media blob. All bytes are generated benign placeholders.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MediaBlobStore } from "../../src/media/media-blob-store.js";
import { mediaKeyFromBytes } from "../../src/media/media-key.js";
import { LocalMediaVault, openMediaVault } from "../../src/media/media-vault.js";
import type { Clock } from "../../src/report/evidence/evidence-actor.js";
import { type EvidenceDeps, evidenceDeps } from "../../src/report/evidence/evidence-deps.js";
import type { SentReportSource } from "../../src/report/evidence/sent-report-source.js";
import { type Database, openDatabase, type VigilDb } from "../../src/store/database.js";
import { encryptField, loadDataKey } from "../../src/store/field-cipher.js";
import {
  accounts,
  cases,
  groupRevisions,
  groups,
  media,
  memberships,
  moderationEvents,
  reports,
} from "../../src/store/schema.js";
import type { TestDatabase } from "../support/databases.js";

export const DAY = 24 * 60 * 60 * 1000;
export const START = new Date("2026-01-10T12:00:00Z");

export interface EvidenceWorld extends SeededCase {
  database: Database;
  vault: LocalMediaVault;
  deps: EvidenceDeps;
  /** Moves the injected clock. */
  setNow(at: Date): void;
  now(): Date;
  close(): Promise<void>;
}

export function placeholderBytes(label: string): Buffer {
  return Buffer.from(`benign generated placeholder for ${label}\n`.repeat(20));
}

/** `vaultInDataDir`: the vault the CLI opens (`<dataDir>/media`, key file in the data folder). */
export async function evidenceWorld(
  target: TestDatabase,
  options: { sentReports?: SentReportSource; vaultInDataDir?: boolean } = {},
): Promise<EvidenceWorld> {
  const database = await openDatabase(target.options);
  const vaultDir = options.vaultInDataDir ? null : await mkdtemp(join(tmpdir(), "vigil-evidence-vault-"));
  const vault = vaultDir
    ? await LocalMediaVault.open(vaultDir, { current: mediaKeyFromBytes(Buffer.alloc(32, 7)), previous: [] })
    : await openMediaVault(target.options.dataDir, {});
  const sentReports = options.sentReports;
  let now = START;
  const clock: Clock = () => now;
  const deps = evidenceDeps(database.db, vault, { clock, sentReports });
  const seeded = await seedEvidenceCase(database.db, vault, target.options.dataDir);
  return {
    database,
    vault,
    deps,
    setNow(at) {
      now = at;
    },
    now: () => now,
    ...seeded,
    async close() {
      await database.close();
      if (vaultDir) await rm(vaultDir, { recursive: true, force: true });
    },
  };
}

export interface SeededCase {
  caseId: number;
  otherCaseId: number;
  /** Group photo, past group photo, report attachment. */
  caseMedia: string[];
  /** Stored, old, referenced by nothing. */
  strayMedia: string;
  /** Referenced only by the other (open) case. */
  otherCaseMedia: string;
  bytesOf: Map<string, Buffer>;
}

/** `dataDir`: whose data key seals the members' phone numbers (as `vigil serve` and the CLI would). */
export async function seedEvidenceCase(
  db: VigilDb,
  vault: MediaBlobStore,
  dataDir: string,
): Promise<SeededCase> {
  const bytesOf = new Map<string, Buffer>();
  const old = new Date(START.getTime() - 200 * DAY);

  async function storedMedia(id: string): Promise<string> {
    const bytes = placeholderBytes(id);
    const blob = await vault.put(bytes);
    bytesOf.set(id, bytes);
    await db.insert(media).values({
      id,
      sha256: null,
      md5: null,
      mime: "image/png",
      size: bytes.length,
      blobRef: blob.ref,
      source: "upload",
      createdAt: old,
    });
    return id;
  }

  const photo = await storedMedia("m_group_photo");
  const pastPhoto = await storedMedia("m_past_photo");
  const attachment = await storedMedia("m_screenshot");
  const stray = await storedMedia("m_stray");
  const other = await storedMedia("m_other_case");

  const [group] = await db
    .insert(groups)
    .values({ platform: "whatsapp", externalId: "g-1", name: "test group", photo: { mediaId: photo } })
    .returning();
  await db.insert(groupRevisions).values({
    groupId: group.id,
    name: "older name",
    photo: { mediaId: pastPhoto },
    observedAt: old,
  });
  // Members: an admin whose phone is sealed with the data folder's key, a member with no phone,
  // and one sealed with some other key (a damaged or foreign value).
  const dataKey = loadDataKey(dataDir, process.env);
  const members = await db
    .insert(accounts)
    .values([
      {
        platform: "whatsapp",
        externalId: "a-admin",
        name: "admin",
        phoneEncrypted: encryptField(dataKey, "+15550100"),
      },
      { platform: "whatsapp", externalId: "a-member", name: "member" },
      {
        platform: "whatsapp",
        externalId: "a-foreign",
        phoneEncrypted: encryptField(Buffer.alloc(32, 7), "+15550199"),
      },
    ])
    .returning();
  await db.insert(memberships).values([
    { groupId: group.id, accountId: members[0].id, role: "admin", joinedAt: old },
    { groupId: group.id, accountId: members[1].id, role: "member", joinedAt: old },
    { groupId: group.id, accountId: members[2].id, role: "member", joinedAt: old, leftAt: old },
  ]);
  await db.insert(groups).values({
    platform: "whatsapp",
    externalId: "g-2",
    name: "other group",
    photo: { mediaId: other },
  });
  await db.insert(reports).values({
    publicId: "r_hotline_1",
    platform: "whatsapp",
    source: "hotline",
    subjectType: "group",
    subjectId: "g-1",
    reason: "csam",
    text: "reported by a hotline <test> & \u202e",
    attachments: [attachment],
  });
  const [theCase] = await db
    .insert(cases)
    .values({
      platform: "whatsapp",
      subjectType: "group",
      subjectId: "g-1",
      queue: "child_safety",
      priority: 90,
    })
    .returning();
  const [otherCase] = await db
    .insert(cases)
    .values({ platform: "whatsapp", subjectType: "group", subjectId: "g-2", queue: "default", priority: 10 })
    .returning();
  for (const kind of ["enqueue", "report_sent"] as const) {
    await db.insert(moderationEvents).values({
      caseId: theCase.id,
      platform: "whatsapp",
      subjectType: "group",
      subjectId: "g-1",
      kind,
      actor: "system",
      detail:
        kind === "report_sent"
          ? { reportId: "CT-LOG-7", recipient: "cybertipline" }
          : { queue: "child_safety" },
    });
  }
  return {
    caseId: theCase.id,
    otherCaseId: otherCase.id,
    caseMedia: [photo, pastPhoto, attachment],
    strayMedia: stray,
    otherCaseMedia: other,
    bytesOf,
  };
}
