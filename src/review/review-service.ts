/**
 * The review use cases (issue 16), shared by the API, the console and the
 * CLI: case lists, notes, assignment, decisions that do not repeat an action
 * already taken, a case's enforcement state, related cases, a group's links
 * and admins acted on as one, and reports closed by a rule. Routes only parse
 * and check permissions; the rules live here.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type {
  AutoClosedReportsView,
  CaseListQuery,
  CaseListView,
  ColleagueView,
  EnforcementView,
  GroupActionsApplyBody,
  GroupActionsBody,
  GroupActionsPreviewView,
  GroupActionsResultView,
  NoteView,
  PersonView,
  SkippedActionView,
} from "../api/review-views.js";
import { ACTION_KINDS, ACTION_SUBJECT } from "../domain/actions.js";
import type { PlannedAction } from "../domain/decisions.js";
import { normaliseReason } from "../domain/report-reasons.js";
import { foldForSearch } from "../search/fold-text.js";
import type { VigilDb } from "../store/database.js";
import type { CaseListRepository } from "../store/repositories/case-list-repository.js";
import type { CaseRepository, CaseRow } from "../store/repositories/case-repository.js";
import { type EnforcementRepository, subjectKey } from "../store/repositories/enforcement-repository.js";
import type { RelatedRepository } from "../store/repositories/related-repository.js";
import type { SubjectHistoryRepository } from "../store/repositories/subject-history-repository.js";
import { queueCaseActions, type WorkspaceRepository } from "../store/repositories/workspace-repository.js";
import { caseListItem, mayOpen, type Viewer } from "./case-list-view.js";
import {
  actionDeliveryView,
  actionOptions,
  enforcementBySubject,
  subjectStatusView,
  withoutRepeats,
} from "./enforcement-state.js";
import { groupTargets, planGroupActions } from "./group-actions.js";
import { relatedCases } from "./related-cases.js";

export class ReviewError extends Error {
  constructor(
    readonly code: "UnknownAssignee" | "ConfirmationOutdated" | "ForbiddenRole" | "InvalidRequest",
    message: string,
  ) {
    super(message);
  }
}

export interface ReviewDeps {
  db: VigilDb;
  cases: CaseRepository;
  caseLists: CaseListRepository;
  workspace: WorkspaceRepository;
  enforcement: EnforcementRepository;
  related: RelatedRepository;
  subjectHistory: SubjectHistoryRepository;
  /** The outbox has new actions: deliver now. */
  onActionsQueued(): void;
}

export interface DecisionInput {
  actor: string;
  actions: PlannedAction[];
  reason: string;
  policy: string;
}

export class ReviewService {
  constructor(private readonly deps: ReviewDeps) {}

  async listCases(q: CaseListQuery, viewer: Viewer): Promise<CaseListView> {
    const queues = await this.visibleQueues(viewer, q.queue);
    const assignee = q.assignee === "me" ? viewer.actor : q.assignee === "none" ? null : q.assignee;
    const { rows, total } = await this.deps.caseLists.list({
      queues,
      status: q.status,
      reason: q.reason ? normaliseReason(q.reason) : undefined,
      source: q.source,
      assignedTo: assignee === undefined || assignee === null ? assignee : asActor(assignee),
      mine: q.mine === "true" ? viewer.actor : undefined,
      platform: q.platform,
      subjectType: q.subject_type,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      sort: q.sort,
      order: q.order,
      offset: q.offset,
      limit: q.limit,
    });
    return { cases: rows.map((r) => caseListItem(r, viewer)), total, offset: q.offset, limit: q.limit };
  }

  /** The queues a list may show: the one asked for (if allowed), else every queue the viewer may open. */
  private async visibleQueues(viewer: Viewer, queue?: string): Promise<string[] | undefined> {
    if (queue) {
      if (!mayOpen(viewer, queue)) throw new ReviewError("ForbiddenRole", `your role may not open ${queue}`);
      return [queue];
    }
    if (viewer.role === null) return undefined;
    const all = (await this.deps.db.execute(sql`SELECT DISTINCT queue FROM cases`)) as unknown as {
      rows: { queue: string }[];
    };
    return all.rows.map((r) => r.queue).filter((name) => mayOpen(viewer, name));
  }

  async addNote(caseId: number, actor: string, text: string): Promise<NoteView> {
    const event = await this.deps.workspace.addNote(caseId, actor, text, foldForSearch(text));
    const names = await this.deps.workspace.names([actor]);
    return {
      id: event.id,
      author: actor,
      author_name: names.get(actor) ?? null,
      text,
      created_at: event.createdAt.toISOString(),
    };
  }

  async assign(
    caseId: number,
    actor: string,
    email: string | null,
    note?: string,
  ): Promise<{ case: CaseRow; assignee: PersonView | null }> {
    const person = email === null ? null : await this.deps.workspace.activeUser(email);
    if (email !== null && !person) throw new ReviewError("UnknownAssignee", `no console user ${email}`);
    const row = await this.deps.workspace.assign(caseId, actor, person ? `user:${person.email}` : null, note);
    return {
      case: row,
      assignee: person ? { email: person.email, name: person.name || person.email } : null,
    };
  }

  /** Display names by `user:<email>` actor. */
  names(actors: readonly string[]): Promise<Map<string, string>> {
    return this.deps.workspace.names(actors);
  }

  /** Hotline references by report id, for the reports a hotline call filed. */
  references(reportIds: readonly string[]): Promise<Map<string, string>> {
    return this.deps.workspace.references(reportIds);
  }

  async colleagues(): Promise<ColleagueView[]> {
    return (await this.deps.workspace.colleagues()).map((u) => ({
      email: u.email,
      name: u.name || u.email,
      role: u.role as ColleagueView["role"],
    }));
  }

  /** Decides the case; actions whose subject is already in that state are not queued, and are returned as skipped. */
  async decide(
    caseId: number,
    input: DecisionInput,
  ): Promise<{ case: CaseRow; actionIds: string[]; skipped: SkippedActionView[] }> {
    const { case: row } = await this.deps.cases.get(caseId);
    const facts = await this.deps.enforcement.forSubjects(
      input.actions.map((a) => subjectKey(row.platform, a.subject.type, a.subject.id)),
    );
    const { queue, skipped } = withoutRepeats(row.platform, input.actions, enforcementBySubject(facts));
    const result = await this.deps.cases.decide(caseId, {
      actor: input.actor,
      actions: queue,
      reason: input.reason,
      policy: input.policy,
      skipped: skipped.map((s) => ({ action: s.action, subject: s.subject, existing: s.existing_action_id })),
    });
    if (queue.length > 0) this.deps.onActionsQueued();
    return { ...result, skipped };
  }

  async enforcement(c: CaseRow): Promise<EnforcementView> {
    const own = subjectKey(c.platform, c.subjectType, c.subjectId);
    const [subjectFacts, caseFacts, links] = await Promise.all([
      this.deps.enforcement.forSubjects([own]),
      this.deps.enforcement.forCase(c.id),
      c.subjectType === "invite_link"
        ? this.deps.enforcement.linkStatuses(c.platform, [c.subjectId])
        : Promise.resolve(new Map<string, string>()),
    ]);
    const states = enforcementBySubject(subjectFacts);
    const seen = new Set<string>();
    const all = [...subjectFacts, ...caseFacts].filter((f) => !seen.has(f.publicId) && seen.add(f.publicId));
    all.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    return {
      subject: subjectStatusView(states.get(own), links.get(c.subjectId) ?? null),
      actions: all.map(actionDeliveryView),
      options: actionOptions(
        ACTION_KINDS.filter((a) => ACTION_SUBJECT[a] === c.subjectType),
        states.get(own),
      ),
    };
  }

  related(c: CaseRow, viewer: Viewer) {
    return relatedCases(this.deps, c, viewer);
  }

  async groupPreview(c: CaseRow, body: GroupActionsBody): Promise<GroupActionsPreviewView> {
    const { targets, fingerprint } = await groupTargets(this.deps, c, body);
    return { targets, fingerprint };
  }

  async groupApply(c: CaseRow, body: GroupActionsApplyBody, actor: string): Promise<GroupActionsResultView> {
    const current = await groupTargets(this.deps, c, body);
    if (current.fingerprint !== body.fingerprint) {
      throw new ReviewError(
        "ConfirmationOutdated",
        "the group's invite links or admins changed: preview again",
      );
    }
    const { queue, skipped } = await planGroupActions(this.deps, c, current.planned);
    const queued = await queueCaseActions(
      this.deps.db,
      c,
      actor,
      queue.map((p) => ({
        action: p.action,
        subjectType: p.subject.type,
        subjectId: p.subject.id,
        idempotencyKey: `case:${c.id}:group:${body.fingerprint}:${p.action}:${p.subject.type}:${p.subject.id}`,
        publicId: `act_${randomBytes(12).toString("base64url")}`,
      })),
      `${body.policy}: ${body.reason}`,
      { revoke_invite_links: body.revoke_invite_links, ban_admins: body.ban_admins, skipped: skipped.length },
    );
    if (queued.length > 0) this.deps.onActionsQueued();
    const facts = await this.deps.enforcement.forCase(c.id);
    const mine = new Set(queued);
    return { queued: facts.filter((f) => mine.has(f.publicId)).map(actionDeliveryView), skipped };
  }

  async autoClosed(offset: number, limit: number): Promise<AutoClosedReportsView> {
    const { rows, total, byRule } = await this.deps.workspace.autoClosed(offset, limit);
    return {
      total,
      by_rule: byRule,
      offset,
      limit,
      reports: rows.map((r) => ({
        report_id: r.reportId,
        platform: r.platform,
        subject: { platform: r.platform, type: r.subjectType as never, id: r.subjectId },
        source: r.source,
        reason: r.reason,
        case_id: r.caseId,
        closed_by: r.closedBy,
        rule_reason: r.ruleReason,
        closed_at: r.closedAt.toISOString(),
      })),
    };
  }
}

function asActor(emailOrActor: string): string {
  return emailOrActor.startsWith("user:") ? emailOrActor : `user:${emailOrActor.toLowerCase()}`;
}
