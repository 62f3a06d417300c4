/**
 * Case lists (#/cases?…, #/mine): per queue or "mine", filtered by status, queue, reason,
 * source, assignee and date, sorted by priority, age or report count, paged. The filters live
 * in the address, so a list can be shared and survives a reload. Keyboard: j/k move, Enter
 * opens the selected case.
 */
import type { JSX } from "react";
import { useCallback, useEffect, useMemo, useState } from "react";
import { api, type QueueView } from "./api.js";
import { Failure } from "./failure.js";
import { type Shortcut, useShortcuts } from "./shortcuts.js";
import { t } from "./strings.js";
import { caseListText as c, searchText } from "./strings-work.js";
import { UserText } from "./user-text.js";
import { type CaseListView, workApi } from "./work-api.js";

const PAGE = 50;
const SOURCES = ["user", "hotline", "partner", "crawler", "proactive"];
const FIELDS = ["queue", "status", "reason", "source", "assignee", "from", "to", "sort", "order"] as const;
type Filter = Record<(typeof FIELDS)[number], string>;

const toIso = (day: string) => (day ? `${day}T00:00:00Z` : "");

function Options({ choices }: { choices: Record<string, string> }): JSX.Element {
  return (
    <>
      {Object.entries(choices).map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </>
  );
}

export function CaseListPage({ params, mine }: { params: URLSearchParams; mine: boolean }): JSX.Element {
  const initial = useMemo(() => {
    const f = Object.fromEntries(FIELDS.map((k) => [k, params.get(k) ?? ""])) as Filter;
    if (!f.status) f.status = "undecided";
    if (!f.sort) f.sort = "priority";
    if (!f.order) f.order = "desc";
    return f;
  }, [params]);
  const offset = Number(params.get("offset") ?? 0) || 0;
  const [form, setForm] = useState<Filter>(initial);
  const [list, setList] = useState<CaseListView | null>(null);
  const [queues, setQueues] = useState<QueueView[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState(0);
  useEffect(() => setForm(initial), [initial]);
  useEffect(() => {
    api.queues().then((r) => setQueues(r.queues), setError);
  }, []);
  const load = useCallback(() => {
    setError(null);
    setList(null);
    workApi
      .cases({
        ...initial,
        from: toIso(initial.from),
        to: toIso(initial.to),
        ...(mine ? { mine: "true" } : {}),
        offset,
        limit: PAGE,
      })
      .then((l) => {
        setList(l);
        setSelected(0);
      }, setError);
  }, [initial, mine, offset]);
  useEffect(load, [load]);

  const address = (f: Filter, at = 0) => {
    const q = new URLSearchParams(Object.entries(f).filter(([, v]) => v !== ""));
    if (at > 0) q.set("offset", String(at));
    return `${mine ? "#/mine" : "#/cases"}?${q}`;
  };
  const shortcuts = useMemo<Shortcut[]>(() => {
    const rows = list?.cases ?? [];
    return [
      { key: "j", label: "Next case", run: () => setSelected((s) => Math.min(s + 1, rows.length - 1)) },
      { key: "k", label: "Previous case", run: () => setSelected((s) => Math.max(s - 1, 0)) },
      {
        key: "Enter",
        label: "Open the selected case",
        run: () => {
          const row = rows[selected];
          if (row?.may_open) location.hash = `#/case/${row.id}`;
        },
      },
    ];
  }, [list, selected]);
  const overlay = useShortcuts(shortcuts);
  const field = (k: keyof Filter) => ({
    name: k,
    value: form[k],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value }),
  });

  return (
    <main className="case-list">
      <h1>{mine ? c.mine : form.queue ? `${c.title}: ${form.queue}` : c.title}</h1>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          location.hash = address(form);
        }}
      >
        <label>
          {c.queue}
          <select {...field("queue")}>
            <option value="">{c.anyQueue}</option>
            {queues.map((q) => (
              <option key={q.queue} value={q.queue}>
                {q.queue}
              </option>
            ))}
          </select>
        </label>
        <label>
          {c.status}
          <select {...field("status")}>
            <Options choices={c.statuses} />
          </select>
        </label>
        <label>
          {c.reason}
          <input {...field("reason")} />
        </label>
        <label>
          {c.source}
          <select {...field("source")}>
            <option value="">{c.anySource}</option>
            {SOURCES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        {!mine && (
          <label>
            {c.assignee}
            <input {...field("assignee")} />
          </label>
        )}
        <label>
          {c.from}
          <input type="date" {...field("from")} />
        </label>
        <label>
          {c.to}
          <input type="date" {...field("to")} />
        </label>
        <label>
          {c.sort}
          <select {...field("sort")}>
            <Options choices={c.sorts} />
          </select>
        </label>
        <label>
          {c.order}
          <select {...field("order")}>
            <option value="desc">{c.desc}</option>
            <option value="asc">{c.asc}</option>
          </select>
        </label>
        <button type="submit">{c.apply}</button>
      </form>
      <Failure error={error} onRetry={load} />
      {!list && error === null && <p>{t.loading}</p>}
      {list && list.cases.length === 0 && <p className="empty">{mine ? c.emptyMine : c.empty}</p>}
      {list && list.cases.length > 0 && (
        <>
          <p className="muted">
            {c.range(list.offset + 1, list.offset + list.cases.length, list.total)} — {c.keys}
          </p>
          <table className="cases">
            <thead>
              <tr>
                {Object.values(c.columns).map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.cases.map((row, i) => (
                <tr
                  key={row.id}
                  className={i === selected ? "selected" : ""}
                  aria-current={i === selected ? "true" : undefined}
                  data-case={row.id}
                >
                  <td>
                    {row.may_open ? (
                      <a href={`#/case/${row.id}`}>{t.caseTitle(row.id)}</a>
                    ) : (
                      t.caseTitle(row.id)
                    )}
                  </td>
                  <td>
                    {row.subject.type} <UserText text={row.subject_label ?? row.subject.id} />
                    <br />
                    <span className="muted">
                      {row.reasons.join(", ")}
                      {row.sources.length > 0 ? ` · ${row.sources.join(", ")}` : ""}
                    </span>
                  </td>
                  <td>{row.queue}</td>
                  <td>{c.statuses[row.status] ?? row.status}</td>
                  <td className="num">{row.priority}</td>
                  <td className="num">{row.report_count}</td>
                  <td className="num">{t.age(row.age_seconds)}</td>
                  <td>{row.assignee ? row.assignee.name || row.assignee.email : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="pager" aria-label={c.title}>
            {list.offset > 0 && (
              <a href={address(initial, Math.max(0, list.offset - PAGE))}>{searchText.previous}</a>
            )}
            {list.offset + list.cases.length < list.total && (
              <a href={address(initial, list.offset + PAGE)}>{searchText.next}</a>
            )}
          </nav>
        </>
      )}
      {overlay}
    </main>
  );
}
