/**
 * Network expansion in the console (issue 10 point 5): run an expansion from a
 * seed, then see the seed's neighbourhood drawn as SVG — groups as squares,
 * accounts as circles; confirmed solid with a cross, flagged hatched with a
 * dashed outline, unknown hollow (shape and fill, never colour alone) — and
 * the ranked candidates with their evidence. A node with a case opens it.
 */
import type { JSX } from "react";
import { useEffect, useMemo, useState } from "react";
import { type ExpansionPicture, expansionApi } from "./expansion-api.js";
import { Failure } from "./failure.js";
import { layoutGraph } from "./graph-layout.js";
import { t } from "./strings.js";

const SIZE = 640;
const key = (kind: string, id: string) => `${kind}:${id}`;
type GraphNode = ExpansionPicture["graph"]["nodes"][number];

function NodeMark({ node, x, y }: { node: GraphNode; x: number; y: number }): JSX.Element {
  const r = node.seed ? 11 : node.kind === "group" ? 9 : 6;
  const fill = node.mark === "confirmed" ? "#222" : node.mark === "flagged" ? "url(#hatch)" : "#fff";
  const dash = node.mark === "flagged" ? "3 2" : undefined;
  const width = node.mark === "confirmed" ? 2.5 : 1.2;
  const shape =
    node.kind === "group" ? (
      <rect
        x={x - r}
        y={y - r}
        width={2 * r}
        height={2 * r}
        fill={fill}
        stroke="#222"
        strokeWidth={width}
        strokeDasharray={dash}
      />
    ) : (
      <circle cx={x} cy={y} r={r} fill={fill} stroke="#222" strokeWidth={width} strokeDasharray={dash} />
    );
  return (
    <>
      {node.seed && <circle cx={x} cy={y} r={r + 5} fill="none" stroke="#222" strokeWidth={1.5} />}
      {shape}
      {node.mark === "confirmed" && (
        <path
          d={`M${x - r / 2} ${y - r / 2}L${x + r / 2} ${y + r / 2}M${x + r / 2} ${y - r / 2}L${x - r / 2} ${y + r / 2}`}
          stroke="#fff"
          strokeWidth={1.5}
        />
      )}
    </>
  );
}

export function NeighbourhoodGraph({ picture }: { picture: ExpansionPicture }): JSX.Element {
  const { nodes, edges } = picture.graph;
  const positions = useMemo(
    () =>
      layoutGraph(
        nodes.map((n) => ({ key: key(n.kind, n.platformId), kind: n.kind, seed: n.seed })),
        edges.map((e) =>
          e.kind === "link"
            ? { from: key("group", e.from), to: key("group", e.to) }
            : { from: key("account", e.from), to: key("group", e.to) },
        ),
        SIZE,
      ),
    [nodes, edges],
  );
  const open = (n: GraphNode) => {
    if (n.caseId !== null) location.hash = `#/case/${n.caseId}`;
  };
  return (
    <svg viewBox={`0 0 ${SIZE} ${SIZE}`} width={SIZE} height={SIZE} role="img" aria-label={t.expansionGraph}>
      <defs>
        <pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="4" height="4" fill="#fff" />
          <line x1="0" y1="0" x2="0" y2="4" stroke="#222" strokeWidth="2" />
        </pattern>
        <marker
          id="arrow"
          viewBox="0 0 10 10"
          refX="10"
          refY="5"
          markerWidth="6"
          markerHeight="6"
          orient="auto"
        >
          <path d="M0 0L10 5L0 10z" fill="#555" />
        </marker>
      </defs>
      {edges.map((e) => {
        const a = positions.get(key(e.kind === "link" ? "group" : "account", e.from));
        const b = positions.get(key("group", e.to));
        if (!a || !b) return null;
        return (
          <line
            key={`${e.kind}:${e.from}:${e.to}`}
            x1={a.x}
            y1={a.y}
            x2={b.x}
            y2={b.y}
            stroke="#777"
            strokeWidth={e.kind === "admin" ? 2.2 : 0.7}
            strokeDasharray={e.kind === "link" ? "6 3" : undefined}
            markerEnd={e.kind === "link" ? "url(#arrow)" : undefined}
          />
        );
      })}
      {nodes.map((n) => {
        const p = positions.get(key(n.kind, n.platformId));
        if (!p) return null;
        return (
          // biome-ignore lint/a11y/useSemanticElements: an SVG node cannot be a <button>; it is focusable and keyboard-operable.
          <g
            key={key(n.kind, n.platformId)}
            role="button"
            tabIndex={0}
            style={{ cursor: n.caseId !== null ? "pointer" : "default" }}
            onClick={() => open(n)}
            onKeyDown={(ev) => ev.key === "Enter" && open(n)}
          >
            <title>{t.graphNodeTitle(n.kind, n.platformId, n.mark, n.score, n.caseId)}</title>
            <NodeMark node={n} x={p.x} y={p.y} />
          </g>
        );
      })}
    </svg>
  );
}

function Legend(): JSX.Element {
  return <p className="legend">{t.expansionLegend}</p>;
}

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
          value={form.type}
          onChange={(ev) => setForm({ ...form, type: ev.target.value as "group" | "account" })}
        >
          <option value="group">{t.expansionSeedGroup}</option>
          <option value="account">{t.expansionSeedAccount}</option>
        </select>
        <input
          placeholder={t.expansionPlatform}
          value={form.platform}
          onChange={(ev) => setForm({ ...form, platform: ev.target.value })}
        />
        <input
          placeholder={t.expansionSeedId}
          value={form.id}
          onChange={(ev) => setForm({ ...form, id: ev.target.value })}
        />
        <input
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
          <Legend />
          <NeighbourhoodGraph picture={picture} />
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
