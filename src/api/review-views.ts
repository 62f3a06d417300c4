/**
 * The case workspace's contract (issue 16): case lists with filters, notes,
 * assignment, the claim, the subject's enforcement state with every action's
 * delivery, related cases, a group's invite links and admins acted on as one,
 * and reports an operator's rule closed automatically. Routes validate against
 * these; the console (web/) imports their inferred types. Changes are
 * additive only.
 * The endpoints are listed in docs/REVIEW-API.md.
 */
import { z } from "zod";
import { ACTION_KINDS } from "../domain/actions.js";
import { DELIVERY_STATES, ENFORCEMENT_STATES } from "../domain/enforcement.js";
import { SUBJECT_TYPES } from "../domain/subjects.js";
import { CASE_STATUSES, REPORT_SOURCES, USER_ROLES } from "../store/schema.js";
import { CaseView } from "./routes/case-view.js";

export const SubjectRefView = z.object({
  platform: z.string(),
  type: z.enum(SUBJECT_TYPES),
  id: z.string(),
});
export type SubjectRefView = z.infer<typeof SubjectRefView>;

/** A console user as colleagues see them (assignment, claims, notes). */
export const PersonView = z.object({ email: z.string(), name: z.string() });
export type PersonView = z.infer<typeof PersonView>;

// ---------------------------------------------------------------- case lists

export const CASE_LIST_SORTS = ["priority", "age", "reports"] as const;
export type CaseListSort = (typeof CASE_LIST_SORTS)[number];
/** `undecided` = open or claimed. */
export const CASE_LIST_STATUSES = [...CASE_STATUSES, "undecided"] as const;

/** GET /v1/console/cases (and GET /v1/console/cases?mine=true): query string. */
export const CaseListQuery = z.object({
  queue: z.string().min(1).max(100).optional(),
  status: z.enum(CASE_LIST_STATUSES).optional(),
  /** A report reason on the case's subject (`spam`, `child_safety`, ...), compared normalised. */
  reason: z.string().min(1).max(200).optional(),
  source: z.enum(REPORT_SOURCES).optional(),
  /** An e-mail, `me`, or `none` (unassigned). */
  assignee: z.string().min(1).max(320).optional(),
  /** Cases assigned to me or claimed by me. */
  mine: z.enum(["true", "false"]).optional(),
  platform: z.string().min(1).max(40).optional(),
  subject_type: z.enum(SUBJECT_TYPES).optional(),
  /** Created at or after / before (ISO 8601). */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  sort: z.enum(CASE_LIST_SORTS).default("priority"),
  /** desc: highest priority, oldest, most reports first (the default for each sort). */
  order: z.enum(["desc", "asc"]).default("desc"),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export const CaseListItemView = CaseView.extend({
  claim_expires_at: z.string().nullable(),
  /** The subject's name where Vigil knows one (group or account name, link URL). */
  subject_label: z.string().nullable(),
  /** Reports about this subject, and their distinct reasons and sources. */
  report_count: z.number(),
  reasons: z.array(z.string()),
  sources: z.array(z.string()),
  assignee: PersonView.nullable(),
  /** Seconds since the case was opened (server clock). */
  age_seconds: z.number(),
  /** This user may open the case's queue (search can list cases the user may not open). */
  may_open: z.boolean(),
});
export type CaseListItemView = z.infer<typeof CaseListItemView>;

export const CaseListView = z.object({
  cases: z.array(CaseListItemView),
  total: z.number(),
  offset: z.number(),
  limit: z.number(),
});
export type CaseListView = z.infer<typeof CaseListView>;

// ---------------------------------------------------------------- notes, assignment, claim

export const NoteBody = z.strictObject({ text: z.string().trim().min(1).max(10_000) });
export type NoteBody = z.infer<typeof NoteBody>;

/** A note is an append-only moderation event (kind `comment`); it shows in the log too. */
export const NoteView = z.object({
  id: z.number(),
  author: z.string(),
  author_name: z.string().nullable(),
  text: z.string(),
  created_at: z.string(),
});
export type NoteView = z.infer<typeof NoteView>;

/** PUT /v1/console/cases/:id/assignment: a colleague's e-mail, or null to unassign. */
export const AssignmentBody = z.strictObject({
  assignee: z.string().trim().min(3).max(320).nullable(),
  note: z.string().trim().max(2000).optional(),
});
export type AssignmentBody = z.infer<typeof AssignmentBody>;

export const ClaimView = z.object({
  holder: PersonView.nullable(),
  /** When the claim lapses; null while the case is not claimed (or a claim that does not lapse). */
  expires_at: z.string().nullable(),
  /** The claim is held by the signed-in user. */
  mine: z.boolean(),
  /** Past expires_at: anyone may take the case. */
  lapsed: z.boolean(),
});
export type ClaimView = z.infer<typeof ClaimView>;

/** GET /v1/console/users: colleagues a case may be assigned to. */
export const ColleagueView = PersonView.extend({ role: z.enum(USER_ROLES) });
export type ColleagueView = z.infer<typeof ColleagueView>;

// ---------------------------------------------------------------- enforcement and delivery

export const ActionDeliveryView = z.object({
  id: z.string(),
  action: z.enum(ACTION_KINDS),
  subject: SubjectRefView,
  /** Which case queued it (null: an automatic decision on an event, or a bulk batch). */
  case_id: z.number().nullable(),
  /** `rule:<name>@<v>` for automatic actions, `user:<email>` for people, `bulk:<id>` for batches. */
  origin: z.string(),
  automatic: z.boolean(),
  delivery: z.enum(DELIVERY_STATES),
  attempts: z.number(),
  last_error: z.string().nullable(),
  last_status: z.number().nullable(),
  next_attempt_at: z.string().nullable(),
  created_at: z.string(),
  delivered_at: z.string().nullable(),
});
export type ActionDeliveryView = z.infer<typeof ActionDeliveryView>;

/** A subject's current state on the platform as Vigil asked for it. */
export const SubjectStatusView = z.object({
  enforcement: z.enum(ENFORCEMENT_STATES),
  /** Delivery of the action that set the state; null when none did. */
  delivery: z.enum(DELIVERY_STATES).nullable(),
  since: z.string().nullable(),
  action_id: z.string().nullable(),
  /** Invite links: the liveness Vigil last saw (active, revoked, dead); null for other subjects. */
  link_status: z.string().nullable(),
});
export type SubjectStatusView = z.infer<typeof SubjectStatusView>;

/** One action the decision panel offers, with whether it would change anything. */
export const ActionOptionView = z.object({
  action: z.enum(ACTION_KINDS),
  /** The subject is already in the state this action sets: deciding it queues nothing. */
  already: z.boolean(),
  /** E.g. "already banned (delivered 2026-05-01T10:00:00Z, act_…)". */
  note: z.string().nullable(),
});
export type ActionOptionView = z.infer<typeof ActionOptionView>;

export const EnforcementView = z.object({
  subject: SubjectStatusView,
  /** Every action on the subject and on what this case's decisions targeted (group admins, links), newest first. */
  actions: z.array(ActionDeliveryView),
  options: z.array(ActionOptionView),
});
export type EnforcementView = z.infer<typeof EnforcementView>;

/** An action a decision did not queue because its subject was already in that state. */
export const SkippedActionView = z.object({
  action: z.enum(ACTION_KINDS),
  subject: SubjectRefView,
  reason: z.literal("already_in_state"),
  state: z.enum(ENFORCEMENT_STATES),
  existing_action_id: z.string().nullable(),
  existing_delivery: z.enum(DELIVERY_STATES).nullable(),
  message: z.string(),
});
export type SkippedActionView = z.infer<typeof SkippedActionView>;

// ---------------------------------------------------------------- related cases

export const RELATION_KINDS = [
  "same_subject",
  "shared_admins",
  "shared_members",
  "same_media",
  "same_phone",
  "same_invite_link",
  "same_ring",
  "same_hotline_call",
] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export const RelatedCaseView = z.object({
  case: CaseView.extend({ claim_expires_at: z.string().nullable() }),
  subject_label: z.string().nullable(),
  /** Why it is related, strongest first, each with what is shared (ids, hashes, codes; phone numbers never). */
  because: z.array(
    z.object({ kind: z.enum(RELATION_KINDS), shared: z.array(z.string()), count: z.number() }),
  ),
  may_open: z.boolean(),
});
export type RelatedCaseView = z.infer<typeof RelatedCaseView>;

// ---------------------------------------------------------------- group actions

/** A group case can also revoke its invite links and ban its admins: preview first, then apply the same list. */
export const GroupActionsBody = z.strictObject({
  revoke_invite_links: z.boolean().default(false),
  ban_admins: z.boolean().default(false),
});
export type GroupActionsBody = z.infer<typeof GroupActionsBody>;

export const GroupActionTargetView = z.object({
  action: z.enum(ACTION_KINDS),
  subject: SubjectRefView,
  /** An admin's name, or the link's URL. */
  label: z.string().nullable(),
  already: z.boolean(),
  note: z.string().nullable(),
});
export type GroupActionTargetView = z.infer<typeof GroupActionTargetView>;

export const GroupActionsPreviewView = z.object({
  targets: z.array(GroupActionTargetView),
  /** Send back with the apply request: refused with ConfirmationOutdated if the list changed meanwhile. */
  fingerprint: z.string(),
});
export type GroupActionsPreviewView = z.infer<typeof GroupActionsPreviewView>;

export const GroupActionsApplyBody = GroupActionsBody.extend({
  fingerprint: z.string().min(1).max(200),
  reason: z.string().trim().min(1).max(5000),
  policy: z.string().trim().min(1).max(200),
});
export type GroupActionsApplyBody = z.infer<typeof GroupActionsApplyBody>;

export const GroupActionsResultView = z.object({
  queued: z.array(ActionDeliveryView),
  skipped: z.array(SkippedActionView),
});
export type GroupActionsResultView = z.infer<typeof GroupActionsResultView>;

// ---------------------------------------------------------------- clickable terms

export const SEARCH_TERM_KINDS = [
  "phone",
  "account_id",
  "group_id",
  "invite_link",
  "case_id",
  "reference",
  "md5",
  "sha256",
  "pdq",
] as const;
export type SearchTermKind = (typeof SEARCH_TERM_KINDS)[number];

/** Something on the page the console links into search: `q` is what to search for. */
export const SearchTermView = z.object({
  kind: z.enum(SEARCH_TERM_KINDS),
  /** As shown (a phone number in E.164, a canonical link). */
  value: z.string(),
  q: z.string(),
});
export type SearchTermView = z.infer<typeof SearchTermView>;

// ---------------------------------------------------------------- reports closed by a rule

export const AutoClosedReportView = z.object({
  report_id: z.string(),
  platform: z.string(),
  subject: SubjectRefView,
  source: z.string(),
  reason: z.string(),
  case_id: z.number(),
  /** `rule:<name>@<version>`. */
  closed_by: z.string(),
  rule_reason: z.string(),
  closed_at: z.string(),
});
export type AutoClosedReportView = z.infer<typeof AutoClosedReportView>;

export const AutoClosedReportsView = z.object({
  total: z.number(),
  /** Per rule, how many reports it closed. */
  by_rule: z.array(z.object({ rule: z.string(), count: z.number() })),
  reports: z.array(AutoClosedReportView),
  offset: z.number(),
  limit: z.number(),
});
export type AutoClosedReportsView = z.infer<typeof AutoClosedReportsView>;

export const PageQuery = z.object({
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
