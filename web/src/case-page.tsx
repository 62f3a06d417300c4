/**
 * The case workspace: subject, signals, reports, related cases and the ids on the page as
 * searches on the left; on the right the decision (each action says when the subject is
 * already in its state), what the platform has been asked and each delivery, the group's
 * links and admins, notes, the log and NCMEC. Who holds the claim and who the case is
 * assigned to sit under the title. After a decision the page stays, showing what was queued
 * and what was not, and its deliveries as they happen; `n` opens the next case.
 */
import type { JSX } from "react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api, type CaseDetailView } from "./api.js";
import { useReveal } from "./blurred-image.js";
import { ModerationLog, ReportsList, SignalsList, UncheckedPhotos } from "./case-lists.js";
import { Assignment, ClaimLine, Notes } from "./case-people.js";
import { DecisionPanel, type DecisionState } from "./decision-panel.js";
import { EnforcementPanel } from "./enforcement-panel.js";
import { EscalatePanel, type EscalationTarget } from "./escalate-panel.js";
import { Failure, failureMessage } from "./failure.js";
import { GroupActionsPanel } from "./group-actions-panel.js";
import { NcmecPanel } from "./ncmec-panel.js";
import { CaseTerms, RelatedCases } from "./related-cases.js";
import { reviewApi } from "./review-api.js";
import { type Shortcut, useShortcuts } from "./shortcuts.js";
import { t, t2 } from "./strings.js";
import { workspaceText as w } from "./strings-work.js";
import { SubjectPanel } from "./subject-panel.js";
import { type ConsoleDecisionResultView, workApi } from "./work-api.js";

export interface CasePageProps {
  caseId: number;
  onNext(queue: string): void;
  onBack(): void;
}

/** The subject by name for confirmations: `group “Pattern swap” (demo-2)`. */
function subjectInWords(d: CaseDetailView): string {
  const name = d.subject.group?.name ?? d.subject.account?.name ?? null;
  return name ? `${d.subject.type} “${name}” (${d.subject.id})` : `${d.subject.type} ${d.subject.id}`;
}

// No policy is chosen for the reviewer: each decision names its own (issue 16 point 9).
const EMPTY: DecisionState = { actions: [], policy: "", reason: "" };

function Outcome({
  result,
  asked,
  onNext,
}: {
  result: ConsoleDecisionResultView;
  asked: string[];
  onNext(): void;
}): JSX.Element {
  const skipped = new Set<string>(result.skipped.map((s) => s.action));
  const queued = asked.filter((a) => !skipped.has(a));
  return (
    <section className="outcome notice" role="status">
      <h2>{w.decidedTitle}</h2>
      <p>
        {result.action_ids.length > 0 && queued.length > 0 ? w.queued(queued.join(", ")) : w.queuedNothing}
      </p>
      {result.skipped.length > 0 && (
        <ul>
          {result.skipped.map((s) => (
            <li key={`${s.action}:${s.subject.id}`}>{s.message}</li>
          ))}
        </ul>
      )}
      <button type="button" onClick={onNext}>
        {w.nextCase} <kbd>n</kbd>
      </button>
    </section>
  );
}

export function CasePage({ caseId, onNext, onBack }: CasePageProps): JSX.Element {
  const [detail, setDetail] = useState<CaseDetailView | null>(null);
  const [decision, setDecision] = useState<DecisionState>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [result, setResult] = useState<ConsoleDecisionResultView | null>(null);
  const reveal = useReveal();
  const reasonRef = useRef<HTMLInputElement>(null);

  const reload = useCallback(() => {
    api.caseDetail(caseId).then((d) => {
      setDetail(d);
      setLoadError(null);
    }, setLoadError);
  }, [caseId]);
  useEffect(() => {
    setDetail(null);
    setDecision(EMPTY);
    setError(null);
    setResult(null);
    reload();
  }, [reload]);

  const needReasonAndPolicy = useCallback(
    (message: string): boolean => {
      if (decision.reason.trim() !== "" && decision.policy !== "") return false;
      setError(decision.reason.trim() === "" ? message : w.policyRequired);
      reasonRef.current?.focus();
      return true;
    },
    [decision],
  );

  const submit = useCallback(async () => {
    if (!detail || result || needReasonAndPolicy(t.reasonRequired)) return;
    try {
      setResult(await workApi.decide(detail.case.id, decision.actions, decision.reason, decision.policy));
      setError(null);
      reload();
    } catch (e) {
      setError(failureMessage(e));
    }
  }, [detail, decision, result, reload, needReasonAndPolicy]);

  const [asking, setAsking] = useState<EscalationTarget | null>(null);
  const askEscalation = useCallback(
    (to: EscalationTarget) => {
      if (decision.reason.trim() === "") {
        setError(t2.escalateReason);
        reasonRef.current?.focus();
        return;
      }
      setAsking(to);
    },
    [decision],
  );
  const escalate = useCallback(
    async (to: EscalationTarget) => {
      setAsking(null);
      if (!detail) return;
      try {
        await reviewApi.escalate(detail.case.id, to, decision.reason);
        onNext(detail.case.queue);
      } catch (e) {
        setError(failureMessage(e));
      }
    },
    [detail, decision, onNext],
  );

  const photos = useMemo(() => {
    const g = detail?.subject.group?.photo ?? detail?.subject.account?.photo;
    const attached = (detail?.reports ?? []).flatMap((r) => r.attachments);
    return [g, ...attached].flatMap((m) => (m?.media_id && m.viewable ? [m.media_id] : []));
  }, [detail]);

  const shortcuts = useMemo<Shortcut[]>(() => {
    const queue = detail?.case.queue ?? "";
    const list: Shortcut[] = [
      { key: "d", label: "Decide with the selected actions (none: dismiss)", run: () => void submit() },
      { key: "/", label: "Write the reason", run: () => reasonRef.current?.focus() },
      {
        key: "v",
        label: "Reveal or blur the subject's photo (reveal is logged)",
        run: () => photos[0] && reveal.toggle(photos[0]),
      },
      {
        key: "s",
        label: "Skip: give the case back and open the next",
        run: () => detail && void api.release(detail.case.id).then(() => onNext(queue)),
      },
      { key: "n", label: w.nextCase, run: () => detail && onNext(queue) },
      { key: "e", label: `${t2.escalateToLead} (${t.reason})`, run: () => askEscalation("lead") },
      {
        key: "E",
        label: `${t2.escalateToChildSafety} (${t.reason})`,
        run: () => askEscalation("child-safety"),
      },
      { key: "q", label: t.back, run: onBack },
    ];
    for (const [i, a] of (detail?.actions ?? []).slice(0, 9).entries()) {
      list.push({
        key: String(i + 1),
        label: `Toggle ${a}`,
        run: () =>
          setDecision((s) => ({
            ...s,
            actions: s.actions.includes(a) ? s.actions.filter((x) => x !== a) : [...s.actions, a],
          })),
      });
    }
    return list;
  }, [detail, submit, askEscalation, photos, reveal, onNext, onBack]);
  const overlay = useShortcuts(shortcuts);

  if (!detail)
    return <main>{loadError ? <Failure error={loadError} onRetry={reload} /> : <p>{t.loading}</p>}</main>;
  const c = detail.case;
  return (
    <main className="case">
      <header>
        <h1>
          {t.caseTitle(c.id)}{" "}
          <span className="muted">
            — {c.queue}, priority {c.priority}, {c.status}, {w.reportCount(detail.report_count)}
          </span>
        </h1>
        <button type="button" onClick={onBack}>
          {t.back}
        </button>
      </header>
      <div className="people">
        <ClaimLine claim={detail.claim} />
        <Assignment
          caseId={c.id}
          assignee={detail.assignee}
          mayAssign={detail.may_assign}
          onChanged={reload}
        />
      </div>
      <div className="columns">
        <div>
          <SubjectPanel detail={detail} revealed={reveal.revealed} onToggle={reveal.toggle} />
          <SignalsList signals={detail.signals} />
          <UncheckedPhotos photos={detail.unchecked_photos} />
          <ReportsList
            reports={detail.reports}
            caseId={c.id}
            mayReveal={detail.may_reveal}
            revealed={reveal.revealed}
            onToggle={reveal.toggle}
          />
          <RelatedCases related={detail.related} />
          <CaseTerms terms={detail.terms} />
        </div>
        <div>
          {result && <Outcome result={result} asked={decision.actions} onNext={() => onNext(c.queue)} />}
          {!result && (
            <DecisionPanel
              ref={reasonRef}
              available={detail.actions}
              options={detail.enforcement.options}
              mayDecide={detail.may_decide}
              state={decision}
              error={error}
              onChange={setDecision}
              onSubmit={() => void submit()}
            />
          )}
          {detail.may_decide && !result && (
            <EscalatePanel
              asking={asking}
              subject={subjectInWords(detail)}
              onAsk={askEscalation}
              onConfirm={(to) => void escalate(to)}
              onCancel={() => setAsking(null)}
            />
          )}
          <EnforcementPanel enforcement={detail.enforcement} onRefresh={reload} />
          {detail.group_actions && detail.may_decide && (
            <GroupActionsPanel
              caseId={c.id}
              counts={detail.group_actions}
              reason={decision.reason}
              policy={decision.policy}
              onDone={reload}
            />
          )}
          <Notes caseId={c.id} notes={detail.notes} mayNote={detail.may_note} onAdded={reload} />
          <ModerationLog events={detail.events} />
          <NcmecPanel caseId={c.id} />
        </div>
      </div>
      <p className="muted">Press ? for shortcuts.</p>
      {overlay}
    </main>
  );
}
