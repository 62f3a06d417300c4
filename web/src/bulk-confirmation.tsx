/**
 * Above the organisation's size limit a bulk decision needs a lead (the
 * server enforces it): a reviewer pastes the lead's one-use confirmation id;
 * a lead can make one for exactly this batch (cases, actions, policy).
 */
import type { JSX } from "react";
import { useEffect, useState } from "react";
import { api } from "./api.js";
import { failureMessage } from "./failure.js";
import { reviewApi } from "./review-api.js";
import { t2 } from "./strings.js";

export interface LeadConfirmationProps {
  limit: number;
  batch: { case_ids: number[]; actions: string[]; policy: string };
  confirmation: string;
  onConfirmation(id: string): void;
}

export function LeadConfirmation({
  limit,
  batch,
  confirmation,
  onConfirmation,
}: LeadConfirmationProps): JSX.Element {
  const [isLead, setIsLead] = useState(false);
  const [made, setMade] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.me().then((r) => setIsLead(r.user.permissions.includes("queues.configure")));
  }, []);
  return (
    <section className="notice lead-confirmation">
      <p>{t2.needsLead(limit)}</p>
      {isLead ? (
        <p>
          <button
            type="button"
            onClick={() =>
              reviewApi.confirmBatch(batch).then(
                (r) => setMade(r.confirmation_id),
                (e: unknown) => setError(failureMessage(e)),
              )
            }
          >
            {t2.confirmForReviewer}
          </button>{" "}
          {made && <output className="confirmation-id">{t2.confirmationMade(made)}</output>}
        </p>
      ) : (
        <label>
          {t2.confirmationId}{" "}
          <input name="confirmation" value={confirmation} onChange={(e) => onConfirmation(e.target.value)} />
        </label>
      )}
      {error && <p className="error">{error}</p>}
    </section>
  );
}
