/**
 * Escalation from the case page: to a lead (`e`) or to child safety (`E`), with the reason
 * written in the decision panel. It asks first, naming the case's subject and where it goes;
 * Enter or the button confirms, Escape cancels.
 */
import type { JSX } from "react";
import { useEffect, useRef } from "react";
import { t2 } from "./strings.js";

export type EscalationTarget = "lead" | "child-safety";

export function EscalatePanel({
  asking,
  subject,
  onAsk,
  onConfirm,
  onCancel,
}: {
  /** The escalation waiting for confirmation, if any. */
  asking: EscalationTarget | null;
  /** The subject in words: `group “Pattern swap” (demo-2)`. */
  subject: string;
  onAsk(to: EscalationTarget): void;
  onConfirm(to: EscalationTarget): void;
  onCancel(): void;
}): JSX.Element {
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirm.current?.focus();
  }, [asking]);
  return (
    <section className="escalate">
      <h2>{t2.escalate}</h2>
      {asking ? (
        <div className="confirm-list" role="alertdialog" aria-label={t2.escalate}>
          <p>{t2.escalateConfirm(subject, asking === "lead" ? t2.toLead : t2.toChildSafety)}</p>
          <button type="button" ref={confirm} onClick={() => onConfirm(asking)}>
            {t2.escalateYes}
          </button>{" "}
          <button type="button" onClick={onCancel}>
            {t2.escalateNo}
          </button>
        </div>
      ) : (
        <>
          <button type="button" onClick={() => onAsk("lead")}>
            {t2.escalateToLead} <kbd>e</kbd>
          </button>{" "}
          <button type="button" onClick={() => onAsk("child-safety")}>
            {t2.escalateToChildSafety} <kbd>E</kbd>
          </button>
        </>
      )}
    </section>
  );
}
