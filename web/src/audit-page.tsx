/** The audit log for leads: who revealed or decided what, when; filtered on the server, exported as CSV. */
import { type FormEvent, type JSX, useCallback, useEffect, useState } from "react";
import { type AuditEntryView, api } from "./api.js";
import { Failure } from "./failure.js";
import { useShortcuts } from "./shortcuts.js";
import { t } from "./strings.js";

function csvCell(value: string): string {
  // Quote every cell, and defuse spreadsheet formulas (a cell starting with = + - @).
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function toCsv(entries: AuditEntryView[]): string {
  const header = ["id", "at", "actor", "action", "target_type", "target_id", "detail"];
  const rows = entries.map((e) =>
    [String(e.id), e.at, e.actor, e.action, e.target_type, e.target_id, JSON.stringify(e.detail)].map(
      csvCell,
    ),
  );
  return [header.map(csvCell), ...rows].map((r) => r.join(",")).join("\r\n");
}

export function AuditPage({ onBack }: { onBack(): void }): JSX.Element {
  const [filter, setFilter] = useState({ actor: "", action: "", target_id: "" });
  const [entries, setEntries] = useState<AuditEntryView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const overlay = useShortcuts([{ key: "q", label: t.back, run: onBack }]);
  const load = useCallback((f: Record<string, string>) => {
    setError(null);
    api.audit({ ...f, limit: "500" }).then((r) => setEntries(r.entries), setError);
  }, []);
  useEffect(() => load({}), [load]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    load(filter);
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([toCsv(entries ?? [])], { type: "text/csv" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "vigil-audit.csv";
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <main>
      <h1>{t.audit}</h1>
      <form className="filters" onSubmit={submit}>
        {(["actor", "action", "target_id"] as const).map((k) => (
          <label key={k}>
            {k === "target_id" ? t.target : k === "actor" ? t.actor : t.action}
            <input value={filter[k]} onChange={(e) => setFilter({ ...filter, [k]: e.target.value })} />
          </label>
        ))}
        <button type="submit">{t.filter}</button>{" "}
        <button type="button" onClick={download} disabled={!entries?.length}>
          {t.exportCsv}
        </button>
      </form>
      <Failure error={error} onRetry={() => load(filter)} />
      {entries && (
        <table>
          <thead>
            <tr>
              <th>{t.at}</th>
              <th>{t.actor}</th>
              <th>{t.action}</th>
              <th>{t.target}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td className="muted">{new Date(e.at).toLocaleString()}</td>
                <td>
                  <code>{e.actor}</code>
                </td>
                <td>{e.action}</td>
                <td>
                  {e.target_type} <code>{e.target_id}</code>
                </td>
                <td>
                  <code>{JSON.stringify(e.detail)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {overlay}
    </main>
  );
}
