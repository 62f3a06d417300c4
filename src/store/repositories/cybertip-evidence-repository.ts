/**
 * Reads what a CyberTipline report is built from, for one case: the case, its
 * group or account (with the group's admins and their encrypted phones), the
 * reports and signals about the subject, the bank entries those signals name,
 * the media involved, and the audit log's views of that media (which is what
 * fileViewedByEsp is derived from). Reads only; every list is capped.
 */
import { and, desc, eq, inArray, isNull, like, sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import {
  accounts,
  auditLog,
  bankEntries,
  cases,
  events,
  groupRevisions,
  groups,
  media,
  memberships,
  reports,
  signals,
} from "../schema.js";

const LIMIT = 100;
/** Audit actions that mean a person at the provider saw the media's pixels. */
export const MEDIA_VIEW_ACTIONS = ["media.reveal", "media.read"] as const;

export type EvidenceCase = typeof cases.$inferSelect;
export type EvidenceGroup = typeof groups.$inferSelect;
export type EvidenceRevision = typeof groupRevisions.$inferSelect;
export type EvidenceAccount = typeof accounts.$inferSelect;
export type EvidenceReport = typeof reports.$inferSelect;
export type EvidenceSignal = typeof signals.$inferSelect;
export type EvidenceMedia = typeof media.$inferSelect;
export type EvidenceBankEntry = typeof bankEntries.$inferSelect;

export interface CaseEvidence {
  case: EvidenceCase;
  group: EvidenceGroup | null;
  revisions: EvidenceRevision[];
  /** The group's current admins, or the account itself for an account case. */
  accounts: EvidenceAccount[];
  reports: EvidenceReport[];
  signals: EvidenceSignal[];
  /** The bank entries the bank-match signals name, by id (their current provenance and ignore flag). */
  bankEntries: Map<number, EvidenceBankEntry>;
  /** Every media row the case's photos and report attachments name, by id. */
  media: Map<string, EvidenceMedia>;
  /** Media ids a person (a `user:` actor) revealed or read, per the audit log. */
  viewedMedia: Set<string>;
  /** What the platform sent as `data.ip_capture_events` with each account's events, newest first, by account id. */
  ipCaptureData: Map<string, unknown[]>;
}

export class CyberTipEvidenceRepository {
  constructor(private readonly db: VigilDb) {}

  async forCase(caseId: number): Promise<CaseEvidence | null> {
    const [kase] = await this.db.select().from(cases).where(eq(cases.id, caseId));
    if (!kase) return null;
    const { platform, subjectType, subjectId } = kase;
    let group: EvidenceGroup | null = null;
    let revisions: EvidenceRevision[] = [];
    let people: EvidenceAccount[] = [];
    if (subjectType === "group") {
      [group = null] = await this.db
        .select()
        .from(groups)
        .where(and(eq(groups.platform, platform), eq(groups.externalId, subjectId)));
      if (group) {
        revisions = await this.db
          .select()
          .from(groupRevisions)
          .where(eq(groupRevisions.groupId, group.id))
          .orderBy(desc(groupRevisions.observedAt))
          .limit(LIMIT);
        people = (
          await this.db
            .select({ account: accounts })
            .from(memberships)
            .innerJoin(accounts, eq(accounts.id, memberships.accountId))
            .where(
              and(
                eq(memberships.groupId, group.id),
                eq(memberships.role, "admin"),
                isNull(memberships.leftAt),
              ),
            )
            .orderBy(accounts.externalId)
            .limit(LIMIT)
        ).map((r) => r.account);
      }
    } else if (subjectType === "account") {
      people = await this.db
        .select()
        .from(accounts)
        .where(and(eq(accounts.platform, platform), eq(accounts.externalId, subjectId)));
    }
    const subjectReports = await this.db
      .select()
      .from(reports)
      .where(
        and(
          eq(reports.platform, platform),
          eq(reports.subjectType, subjectType),
          eq(reports.subjectId, subjectId),
        ),
      )
      .orderBy(reports.id)
      .limit(LIMIT);
    const subjectSignals = await this.db
      .select()
      .from(signals)
      .where(and(eq(signals.subjectType, subjectType), eq(signals.subjectId, subjectId)))
      .orderBy(signals.id)
      .limit(LIMIT);
    const entryIds = [
      ...new Set(
        subjectSignals.flatMap((s) => (typeof s.detail.entryId === "number" ? [s.detail.entryId] : [])),
      ),
    ];
    const entries =
      entryIds.length > 0
        ? await this.db.select().from(bankEntries).where(inArray(bankEntries.id, entryIds))
        : [];
    const mediaIds = new Set<string>();
    for (const photo of [group?.photo, ...revisions.map((r) => r.photo), ...people.map((a) => a.photo)]) {
      if (photo?.mediaId) mediaIds.add(photo.mediaId);
    }
    for (const r of subjectReports) for (const id of r.attachments) mediaIds.add(id);
    const ids = [...mediaIds];
    const mediaRows = ids.length > 0 ? await this.db.select().from(media).where(inArray(media.id, ids)) : [];
    const viewed =
      ids.length > 0
        ? await this.db
            .selectDistinct({ id: auditLog.targetId })
            .from(auditLog)
            .where(
              and(
                eq(auditLog.targetType, "media"),
                inArray(auditLog.targetId, ids),
                inArray(auditLog.action, [...MEDIA_VIEW_ACTIONS]),
                // A person, not a machine key: fileViewedByEsp asks whether someone at the provider saw it.
                like(auditLog.actor, "user:%"),
              ),
            )
        : [];
    const ipCaptureData = new Map<string, unknown[]>();
    if (people.length > 0) {
      const rows = await this.db
        .select({
          subjectId: events.subjectId,
          data: sql<unknown>`${events.payload}->'data'->'ip_capture_events'`,
        })
        .from(events)
        .where(
          and(
            eq(events.platform, platform),
            eq(events.subjectType, "account"),
            inArray(
              events.subjectId,
              people.map((p) => p.externalId),
            ),
            sql`${events.payload}->'data' ? 'ip_capture_events'`,
          ),
        )
        .orderBy(desc(events.seq))
        .limit(LIMIT);
      for (const r of rows) {
        if (!Array.isArray(r.data)) continue;
        ipCaptureData.set(r.subjectId, [...(ipCaptureData.get(r.subjectId) ?? []), ...r.data]);
      }
    }
    return {
      ipCaptureData,
      case: kase,
      group,
      revisions,
      accounts: people,
      reports: subjectReports,
      signals: subjectSignals,
      bankEntries: new Map(entries.map((e) => [e.id, e])),
      media: new Map(mediaRows.map((m) => [m.id, m])),
      viewedMedia: new Set(viewed.map((v) => v.id)),
    };
  }
}
