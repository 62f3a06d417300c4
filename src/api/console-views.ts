/**
 * The console's API answers as zod schemas: the routes validate against
 * them for OpenAPI, and the web app (web/src) imports their inferred types,
 * so the page and the server cannot drift apart.
 */
import { z } from "zod";
import { ACTION_KINDS } from "../domain/actions.js";
import { SUBJECT_TYPES } from "../domain/subjects.js";
import { MEDIA_KINDS, QUEUE_SORTS } from "../store/schema.js";
import {
  ClaimView,
  EnforcementView,
  NoteView,
  PersonView,
  RelatedCaseView,
  SearchTermView,
  SkippedActionView,
} from "./review-views.js";
import { CaseView, ModerationEventView } from "./routes/case-view.js";

export const ConsoleUserView = z.object({
  email: z.string(),
  name: z.string(),
  role: z.string(),
  permissions: z.array(z.string()),
  /** Wellness: images this user revealed in the last shift (12 h) and the soft limit before a break is suggested. */
  exposure: z.object({ reveals: z.number(), soft_limit: z.number() }),
});
export type ConsoleUserView = z.infer<typeof ConsoleUserView>;

export const QueueView = z.object({
  queue: z.string(),
  waiting: z.number(),
  claimed: z.number(),
  max_priority: z.number(),
  oldest_waiting_at: z.string().nullable(),
  /** Seconds the oldest waiting case has waited (server clock), null when none waits. */
  oldest_age_seconds: z.number().nullable(),
  may_decide: z.boolean(),
  /** The queue's SLA in seconds, waiting cases past it and about to pass it (last fifth), and its state at a glance. */
  sla_seconds: z.number(),
  breached: z.number(),
  near_breach: z.number(),
  sla_state: z.enum(["ok", "near_breach", "breached"]),
  /** How "Start reviewing" orders this queue (a lead chooses it; the server honours it). */
  sort: z.enum(QUEUE_SORTS),
  may_configure: z.boolean(),
});
export type QueueView = z.infer<typeof QueueView>;

export const ConsoleCaseView = CaseView.extend({ claim_expires_at: z.string().nullable() });
export type ConsoleCaseView = z.infer<typeof ConsoleCaseView>;

/** A photo as the page may show it: `viewable` when Vigil holds the bytes (else hashes only). */
export const PhotoView = z.object({
  media_id: z.string().nullable(),
  viewable: z.boolean(),
  pdq: z.string().nullable(),
  md5: z.string().nullable(),
  /** A video plays (muted, blurred until revealed) instead of showing as an image. */
  kind: z.enum(MEDIA_KINDS),
});
export type PhotoView = z.infer<typeof PhotoView>;

export const GroupSubjectView = z.object({
  name: z.string().nullable(),
  description: z.string().nullable(),
  photo: PhotoView.nullable(),
  revisions: z.array(
    z.object({
      name: z.string().nullable(),
      description: z.string().nullable(),
      photo: PhotoView.nullable(),
      observed_at: z.string(),
    }),
  ),
  admins: z.array(z.object({ id: z.string(), name: z.string().nullable() })),
  member_count: z.number(),
  invite_links: z.array(
    z.object({
      code: z.string(),
      url: z.string().nullable(),
      status: z.string(),
      first_seen_at: z.string(),
      last_seen_at: z.string(),
    }),
  ),
});

export const AccountSubjectView = z.object({
  name: z.string().nullable(),
  photo: PhotoView.nullable(),
  groups: z.array(
    z.object({
      id: z.string(),
      name: z.string().nullable(),
      role: z.string(),
      joined_at: z.string().nullable(),
      left_at: z.string().nullable(),
    }),
  ),
});

/** A photo of the subject that could not be checked (its URL refused or unfetchable; issue 17). */
export const UncheckedPhotoView = z.object({
  event_id: z.string(),
  received_at: z.string(),
  field: z.string(),
  url: z.string(),
  code: z.string(),
  message: z.string(),
});

export const CaseDetailView = z.object({
  case: ConsoleCaseView,
  subject: z.object({
    type: z.enum(SUBJECT_TYPES),
    id: z.string(),
    platform: z.string(),
    group: GroupSubjectView.nullable(),
    account: AccountSubjectView.nullable(),
  }),
  signals: z.array(
    z.object({
      id: z.number(),
      kind: z.string(),
      score: z.number().nullable(),
      explanation: z.string(),
      detail: z.record(z.string(), z.unknown()),
      created_at: z.string(),
    }),
  ),
  reports: z.array(
    z.object({
      id: z.string(),
      source: z.string(),
      reason: z.string(),
      text: z.string().nullable(),
      reporter: z.record(z.string(), z.unknown()).nullable(),
      created_at: z.string(),
      /** The report's attached media (screenshots, videos), shown like the subject's photos. */
      attachments: z.array(PhotoView),
      /** A hotline report's reference (`HL-2026-000123`), searchable; null for other reports. */
      reference: z.string().nullable(),
    }),
  ),
  events: z.array(ModerationEventView),
  /** The subject's photos that could not be checked (refused or unfetchable URLs). */
  unchecked_photos: z.array(UncheckedPhotoView),
  related_cases: z.array(ConsoleCaseView),
  /** What this user may do here, so the page offers only that (the server checks again). */
  may_decide: z.boolean(),
  may_reveal: z.boolean(),
  /** Actions that fit the subject's type, for the decision panel. */
  actions: z.array(z.enum(ACTION_KINDS)),
  // The case workspace (issue 16): additive fields.
  /** Reports about the subject (all sources). */
  report_count: z.number(),
  claim: ClaimView,
  assignee: PersonView.nullable(),
  /** Append-only notes (moderation events of kind `comment`), oldest first. */
  notes: z.array(NoteView),
  /** The subject's state on the platform and every action's delivery; `options` says which actions would change nothing. */
  enforcement: EnforcementView,
  /** Cases related by subject, admins, members, media, phone numbers, invite links, ring or hotline call. */
  related: z.array(RelatedCaseView),
  /** Ids, links, hashes and references on the page the console links into search. */
  terms: z.array(SearchTermView),
  may_note: z.boolean(),
  may_assign: z.boolean(),
  /** A group case: its invite links can be revoked and its admins banned (POST .../group-actions/preview first). */
  group_actions: z.object({ invite_links: z.number(), admins: z.number() }).nullable(),
});
export type CaseDetailView = z.infer<typeof CaseDetailView>;

export const AuditEntryView = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target_type: z.string(),
  target_id: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

/** POST /v1/console/cases/:id/decision's answer: what was queued and what was not (already in that state). */
export const ConsoleDecisionResultView = z.object({
  case: ConsoleCaseView,
  action_ids: z.array(z.string()),
  skipped: z.array(SkippedActionView),
});
export type ConsoleDecisionResultView = z.infer<typeof ConsoleDecisionResultView>;
