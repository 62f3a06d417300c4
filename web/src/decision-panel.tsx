/**
 * Actions (keys 1–9 toggle them), policy, reason; `d` or Enter in the reason
 * submits. No actions means dismiss. The server checks the role and the
 * action's fit again; this panel only offers what the page was told fits.
 */
import { forwardRef } from "react";
import type { CaseDetailView } from "./api.js";
import { POLICIES, t } from "./strings.js";
import { enforcementText, workspaceText } from "./strings-work.js";

export interface DecisionState {
  actions: string[];
  policy: string;
  reason: string;
}

export interface DecisionPanelProps {
  available: string[];
  /** Per action: is the subject already in the state it sets (then deciding it queues nothing)? */
  options: CaseDetailView["enforcement"]["options"];
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
          {props.available.map((a, i) => {
            const option = props.options.find((o) => o.action === a);
            return (
              <label key={a} data-already={option?.already ? "true" : undefined}>
                <input type="checkbox" checked={state.actions.includes(a)} onChange={() => toggle(a)} />{" "}
                <kbd>{i + 1}</kbd> {a}
                {option?.already && (
                  <span className="muted"> — {option.note ?? enforcementText.already}</span>
                )}
              </label>
            );
          })}
        </fieldset>
        <label>
          {t.policy}
          <select
            name="policy"
            value={state.policy}
            required
            onChange={(e) => onChange({ ...state, policy: e.target.value })}
          >
            <option value="">{workspaceText.pickPolicy}</option>
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
        {props.error && (
          <p className="error" role="alert">
            {props.error}
          </p>
        )}
        <button type="button" onClick={props.onSubmit}>
          {state.actions.length === 0 ? t.dismiss : `${t.decide}: ${state.actions.join(", ")}`} <kbd>d</kbd>
        </button>
      </section>
    );
  },
);
