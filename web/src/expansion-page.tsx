/**
 * Network expansion in the console (issue 10 point 5): run an expansion from a
 * seed, then see the seed's neighbourhood drawn as SVG — groups as squares,
 * accounts as circles; confirmed solid with a cross, flagged hatched with a
 * dashed outline, unknown hollow (shape and fill, never colour alone) — and
 * the ranked candidates with their evidence. A node with a case opens it.
 */
import type { JSX } from "react";
import { useEffect, useState } from "react";
import { type ExpansionPicture, expansionApi } from "./expansion-api.js";
import { Failure } from "./failure.js";
import { NetworkGraph } from "./network-graph.js";
import { t } from "./strings.js";

export function ExpansionPage({ id, onBack }: { id: string | null; onBack: () => void }): JSX.Element {
  const [picture, setPicture] = useState<ExpansionPicture | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState({
    type: "group" as "group" | "account",
    id: "",
    platform: "",
    limit: 200,
  });
  useEffect(() => {
    setPicture(null);
    if (id) expansionApi.get(id).then(setPicture, setError);
  }, [id]);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await expansionApi.run({ type: form.type, id: form.id, platform: form.platform }, form.limit);
      location.hash = `#/expansion/${r.expansion.id}`;
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main>
      <button type="button" onClick={onBack}>
        {t.back}
      </button>
      <h1>{t.expansion}</h1>
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          void run();
        }}
      >
        <select
          aria-label={t.expansionSeedKind}
          value={form.type}
          onChange={(ev) => setForm({ ...form, type: ev.target.value as "group" | "account" })}
        >
          <option value="group">{t.expansionSeedGroup}</option>
          <option value="account">{t.expansionSeedAccount}</option>
        </select>
        <input
          aria-label={t.expansionPlatform}
          placeholder={t.expansionPlatform}
          value={form.platform}
          onChange={(ev) => setForm({ ...form, platform: ev.target.value })}
        />
        <input
          aria-label={t.expansionSeedId}
          placeholder={t.expansionSeedId}
          value={form.id}
          onChange={(ev) => setForm({ ...form, id: ev.target.value })}
        />
        <input
          aria-label={t.expansionLimit}
          type="number"
          min={1}
          max={50000}
          value={form.limit}
          onChange={(ev) => setForm({ ...form, limit: Number(ev.target.value) })}
        />
        <button type="submit" disabled={busy || !form.id || !form.platform}>
          {busy ? t.expansionRunning : t.expansionRun}
        </button>
      </form>
      <Failure error={error} />
      {id && !picture && error === null && <p>{t.loading}</p>}
      {picture && (
        <>
          <p>
            {t.expansionSummary(
              picture.expansion.seed.type,
              picture.expansion.seed.id,
              picture.candidates.length,
              picture.expansion.createdBy,
            )}
          </p>
          <NetworkGraph picture={picture} />
          <table>
            <thead>
              <tr>
                <th>#</th>
                <th>{t.expansionSubject}</th>
                <th>{t.expansionScore}</th>
                <th>{t.expansionSuggested}</th>
                <th>{t.expansionEvidence}</th>
              </tr>
            </thead>
            <tbody>
              {picture.candidates.slice(0, 100).map((c) => (
                <tr key={`${c.subjectKind}:${c.platformId}`}>
                  <td>{c.rank}</td>
                  <td>
                    {c.subjectKind} {c.platformId}
                  </td>
                  <td>{c.score.toFixed(2)}</td>
                  <td>{c.suggestedAction}</td>
                  <td>{c.evidence.map((e) => `${e.detail} (+${e.weight})`).join("; ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </main>
  );
}
