/** Escalation from the case page: to a lead (`e`) or to child safety (`E`), with the reason written in the decision panel. */
import type { JSX } from "react";
import { t2 } from "./strings.js";

export function EscalatePanel({
  onEscalate,
}: {
  onEscalate(to: "lead" | "child-safety"): void;
}): JSX.Element {
  return (
    <section className="escalate">
      <h2>{t2.escalate}</h2>
      <button type="button" onClick={() => onEscalate("lead")}>
        {t2.escalateToLead} <kbd>e</kbd>
      </button>{" "}
      <button type="button" onClick={() => onEscalate("child-safety")}>
        {t2.escalateToChildSafety} <kbd>E</kbd>
      </button>
    </section>
  );
}
