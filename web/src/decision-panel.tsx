/**
 * Actions (keys 1–9 toggle them), policy, reason; `d` or Enter in the reason
 * submits. No actions means dismiss. The server checks the role and the
 * action's fit again; this panel only offers what the page was told fits.
 */
import { forwardRef } from "react";
import { POLICIES, t } from "./strings.js";

export interface DecisionState {
  actions: string[];
  policy: string;
  reason: string;
}

export interface DecisionPanelProps {
  available: string[];
  mayDecide: boolean;
  state: DecisionState;
  error: string | null;
  onChange(state: DecisionState): void;
  onSubmit(): void;
}

export const DecisionPanel = forwardRef<HTMLInputElement, DecisionPanelProps>(
  function DecisionPanel(props, reasonRef) {
    const { state, onChange } = props;
    if (!props.mayDecide) return <p className="notice">{t.cannotDecide}</p>;
    const toggle = (a: string) =>
      onChange({
        ...state,
        actions: state.actions.includes(a) ? state.actions.filter((x) => x !== a) : [...state.actions, a],
      });
    return (
      <section className="decision">
        <h2>{t.decision}</h2>
        <fieldset>
          <legend>{t.actions}</legend>
          {props.available.map((a, i) => (
            <label key={a}>
              <input type="checkbox" checked={state.actions.includes(a)} onChange={() => toggle(a)} />{" "}
              <kbd>{i + 1}</kbd> {a}
            </label>
          ))}
        </fieldset>
        <label>
          {t.policy}
          <select value={state.policy} onChange={(e) => onChange({ ...state, policy: e.target.value })}>
            {POLICIES.map((p) => (
              <option key={p.code} value={p.code}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.reason}
          <input
            ref={reasonRef}
            name="reason"
            value={state.reason}
            onChange={(e) => onChange({ ...state, reason: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === "Enter") props.onSubmit();
            }}
          />
        </label>
        {props.error && <p className="error">{props.error}</p>}
        <button type="button" onClick={props.onSubmit}>
          {state.actions.length === 0 ? t.dismiss : `${t.decide}: ${state.actions.join(", ")}`} <kbd>d</kbd>
        </button>
      </section>
    );
  },
);
