/**
 * One case, claimed by this reviewer: subject, signals, reports, log and the
 * decision panel. After a decision the next case of the same queue opens.
 */
import type { JSX } from "react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApiFailure, api, type CaseDetailView } from "./api.js";
import { useReveal } from "./blurred-image.js";
import { ModerationLog, RelatedCases, ReportsList, SignalsList, UncheckedPhotos } from "./case-lists.js";
import { DecisionPanel, type DecisionState } from "./decision-panel.js";
import { EscalatePanel } from "./escalate-panel.js";
import { NcmecPanel } from "./ncmec-panel.js";
import { reviewApi } from "./review-api.js";
import { type Shortcut, useShortcuts } from "./shortcuts.js";
import { POLICIES, t, t2 } from "./strings.js";
import { SubjectPanel } from "./subject-panel.js";

export interface CasePageProps {
  caseId: number;
  onNext(queue: string): void;
  onBack(): void;
}

const EMPTY: DecisionState = { actions: [], policy: POLICIES[0].code, reason: "" };

export function CasePage({ caseId, onNext, onBack }: CasePageProps): JSX.Element {
  const [detail, setDetail] = useState<CaseDetailView | null>(null);
  const [decision, setDecision] = useState<DecisionState>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const reveal = useReveal();
  const reasonRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setDetail(null);
    setDecision(EMPTY);
    setError(null);
    api.caseDetail(caseId).then(setDetail, (e: Error) => setError(e.message));
  }, [caseId]);

  const submit = useCallback(async () => {
    if (!detail) return;
    if (decision.reason.trim() === "") {
      setError(t.reasonRequired);
      reasonRef.current?.focus();
      return;
    }
    try {
      await api.decide(detail.case.id, decision.actions, decision.reason, decision.policy);
      onNext(detail.case.queue);
    } catch (e) {
      setError(e instanceof ApiFailure ? `${e.code}: ${e.message}` : String(e));
    }
  }, [detail, decision, onNext]);

  const escalate = useCallback(
    async (to: "lead" | "child-safety") => {
      if (!detail) return;
      if (decision.reason.trim() === "") {
        setError(t2.escalateReason);
        reasonRef.current?.focus();
        return;
      }
      try {
        await reviewApi.escalate(detail.case.id, to, decision.reason);
        onNext(detail.case.queue);
      } catch (e) {
        setError(e instanceof ApiFailure ? `${e.code}: ${e.message}` : String(e));
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
        run: () => detail && void api.release(detail.case.id).then(() => onNext(detail.case.queue)),
      },
      { key: "e", label: `${t2.escalateToLead} (${t.reason})`, run: () => void escalate("lead") },
      {
        key: "E",
        label: `${t2.escalateToChildSafety} (${t.reason})`,
        run: () => void escalate("child-safety"),
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
  }, [detail, submit, escalate, photos, reveal, onNext, onBack]);
  const overlay = useShortcuts(shortcuts);

  if (!detail) return <main>{error ? <p className="error">{error}</p> : <p>{t.loading}</p>}</main>;
  const c = detail.case;
  return (
    <main className="case">
      <header>
        <h1>
          {t.caseTitle(c.id)}{" "}
          <span className="muted">
            — {c.queue}, priority {c.priority}, {c.status}
          </span>
        </h1>
        <button type="button" onClick={onBack}>
          {t.back}
        </button>
      </header>
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
          <RelatedCases cases={detail.related_cases} />
        </div>
        <div>
          <DecisionPanel
            ref={reasonRef}
            available={detail.actions}
            mayDecide={detail.may_decide}
            state={decision}
            error={error}
            onChange={setDecision}
            onSubmit={() => void submit()}
          />
          {detail.may_decide && <EscalatePanel onEscalate={(to) => void escalate(to)} />}
          <ModerationLog events={detail.events} />
          <NcmecPanel caseId={c.id} />
        </div>
      </div>
      <p className="muted">Press ? for shortcuts.</p>
      {overlay}
    </main>
  );
}
